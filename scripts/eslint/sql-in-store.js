// "Only store/ folders hold SQL" (docs/architecture.md, "Store"): outside a store/ folder a file
// may not run a statement itself (better-sqlite3's prepare, exec, pragma, transaction) nor carry
// SQL text; it calls a typed repository function of the store instead, so every query sits in one
// place, as Signal Desktop keeps its own, and a second store (PostgreSQL) can stand beside SQLite.

/** The better-sqlite3 calls that run SQL (`exec` is also RegExp's: there the SQL text it is given is what is reported). */
const STATEMENT_METHODS = new Set(['prepare', 'pragma', 'transaction']);

/** The start of a statement, in capitals as the code writes SQL (prose says "Select a register", never "SELECT id"). */
const SQL_TEXT = /^\s*(?:SELECT\s+(?:\*|DISTINCT|count\(|[a-z_]+(?:\.[a-z_*]+)?\s*(?:,|AS\b|FROM\b))|INSERT\s+(?:OR\s+\w+\s+)?INTO\b|UPDATE\s+[a-z_]+\s+SET\b|DELETE\s+FROM\b|(?:CREATE|DROP)\s+(?:TABLE|INDEX|TRIGGER|VIEW|VIRTUAL\s+TABLE)\b|ALTER\s+TABLE\b|PRAGMA\s|VACUUM\b|BEGIN(?:\s+IMMEDIATE)?\s*;?\s*$|WITH\s+(?:RECURSIVE\s+)?[a-z_]+\s+AS\s*\()/;

export function isStorePath(relativePath) {
  return /(^|\/)store\//.test(relativePath);
}

function literalText(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join('?');
  return null;
}

export const sqlInStoreRule = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL only in store/ folders, behind typed repository functions' },
    schema: [],
    messages: {
      call: '`.{{method}}(…)` runs SQL: move it into a repository function under a store/ folder (docs/architecture.md, "Store").',
      text: 'SQL text outside a store/ folder: move the statement into a repository function under store/ (docs/architecture.md, "Store").',
    },
  },
  create(context) {
    const relative = (context.physicalFilename ?? context.filename).split('\\').join('/');
    if (isStorePath(relative)) return {};
    const reportText = (node) => {
      const text = literalText(node);
      if (text !== null && SQL_TEXT.test(text)) context.report({ node, messageId: 'text' });
    };
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        if (STATEMENT_METHODS.has(method)) context.report({ node, messageId: 'call', data: { method } });
      },
      Literal: reportText,
      TemplateLiteral: reportText,
    };
  },
};

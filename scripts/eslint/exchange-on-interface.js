// The exchange domain stands on the ExchangeStore interface only (docs/architecture.md, "Store"):
// the agency hub runs the same exchange code on PostgreSQL, so a module of electron/core/exchange/
// that reached for the SQLite store would work on a desk and break on the hub. From store/ it may
// import the interface and the few modules that hold no SQL and name no database; nothing else
// there, and never better-sqlite3. Its tests may set up rows directly and are left alone.
import path from 'node:path';

export const EXCHANGE_DIR = 'electron/core/exchange';
const STORE_DIR = 'electron/core/store';

/** What the exchange domain may import from store/, each without SQL. */
export const EXCHANGE_STORE_FILES = [
  // The interface itself, and the contract's types.
  'exchange-store.ts',
  // Files by SHA-256 on disk: packages and attachments, the same on a desk and on the hub.
  'blob-store.ts',
  // Which storage failures are a full disk, for the sync engine's pause.
  'storage-errors.ts',
  // What a received document's content is, and its fingerprint (duplicate or conflict).
  'received-content.ts',
];

const relativeTo = (root, file) => path.relative(root, file).split(path.sep).join('/');

export const exchangeOnInterfaceRule = {
  meta: {
    type: 'problem',
    docs: { description: 'the exchange domain imports from store/ only the ExchangeStore interface and non-SQL modules' },
    schema: [],
    messages: {
      store: "The exchange domain may not import '{{spec}}': it stands on the ExchangeStore interface (store/exchange-store.ts) so that the hub runs it on PostgreSQL; add the operation to the interface (docs/architecture.md, \"Store\").",
      sqlite: 'The exchange domain may not import better-sqlite3: it stands on the ExchangeStore interface (docs/architecture.md, "Store").',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.physicalFilename ?? context.filename;
    const relative = relativeTo(root, file);
    if (!relative.startsWith(`${EXCHANGE_DIR}/`) || /\.test\.tsx?$/.test(relative)) return {};

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec === 'better-sqlite3' || spec.startsWith('better-sqlite3/')) {
        context.report({ node, messageId: 'sqlite' });
        return;
      }
      if (!spec.startsWith('.')) return;
      const target = relativeTo(root, path.resolve(path.dirname(file), spec)).replace(/\.js$/, '.ts');
      if (!target.startsWith(`${STORE_DIR}/`)) return;
      if (!EXCHANGE_STORE_FILES.includes(target.slice(STORE_DIR.length + 1))) context.report({ node, messageId: 'store', data: { spec } });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

// "No text in the UI outside the message table": the renderer's JSX may show only what t() (or
// data) gives it. Reported: JSX text with a letter in it, and a string with a letter in it where
// it becomes text a person reads or hears — a child expression, or the value of an attribute
// that is shown or spoken (title, placeholder, aria-label, a component's label or hint…). A
// string that is an argument of a call (a message key, a format) or an object key is not text.
// Symbols (×, —, ←, *) have no letter and pass; ALLOWED_WORDS names the few that do and are not
// language (none today).

/** Attributes and props whose value a person reads or hears. */
export const TEXT_ATTRIBUTES = new Set([
  'title',
  'placeholder',
  'alt',
  'label',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'hint',
  'description',
  'confirmLabel',
  'summary',
  'heading',
  'caption',
  'text',
  'error',
  'message',
  'emptyText',
]);

/** Strings with letters that are no language (brand names, units that read the same in every language). */
export const ALLOWED_WORDS = new Set([]);

const LETTER = /\p{L}/u;
/** A key of the message table ("signing.leader.heading") handed to a component that calls t() itself. */
const MESSAGE_KEY = /^[a-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/;
const isText = (value) => typeof value === 'string' && LETTER.test(value) && !MESSAGE_KEY.test(value) && !ALLOWED_WORDS.has(value.trim());

/** Strings in `node` that end up as the value itself (not call arguments, keys or comparisons). */
function* shownStrings(node) {
  if (!node) return;
  switch (node.type) {
    case 'Literal':
      if (isText(node.value)) yield node;
      return;
    case 'TemplateLiteral':
      for (const quasi of node.quasis) if (isText(quasi.value.cooked)) yield quasi;
      for (const expression of node.expressions) yield* shownStrings(expression);
      return;
    case 'ConditionalExpression':
      yield* shownStrings(node.consequent);
      yield* shownStrings(node.alternate);
      return;
    case 'LogicalExpression':
      yield* shownStrings(node.left);
      yield* shownStrings(node.right);
      return;
    case 'BinaryExpression':
      if (node.operator === '+') {
        yield* shownStrings(node.left);
        yield* shownStrings(node.right);
      }
      return;
    case 'ArrayExpression':
      for (const element of node.elements) yield* shownStrings(element);
      return;
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
      yield* shownStrings(node.expression);
      return;
    default:
      return;
  }
}

function attributeName(node) {
  return node.name.type === 'JSXNamespacedName' ? `${node.name.namespace.name}:${node.name.name.name}` : node.name.name;
}

export const uiTextRule = {
  meta: {
    type: 'problem',
    docs: { description: 'no user-visible literal text in renderer JSX: every text comes from shared/i18n/messages.ts' },
    schema: [],
    messages: {
      text: 'UI text "{{text}}" outside the message table: add it to shared/i18n/messages.ts and show it with t()',
    },
  },
  create(context) {
    const report = (node, value) => context.report({ node, messageId: 'text', data: { text: String(value).trim().slice(0, 60) } });
    const reportAll = (expression) => {
      for (const found of shownStrings(expression)) report(found, found.type === 'TemplateElement' ? found.value.cooked : found.value);
    };
    return {
      JSXText(node) {
        if (isText(node.value)) report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent.type === 'JSXElement' || node.parent.type === 'JSXFragment') reportAll(node.expression);
      },
      JSXAttribute(node) {
        if (!TEXT_ATTRIBUTES.has(attributeName(node)) || !node.value) return;
        if (node.value.type === 'Literal') reportAll(node.value);
        else if (node.value.type === 'JSXExpressionContainer') reportAll(node.value.expression);
      },
      CallExpression(node) {
        // window.alert / confirm / prompt speak to the person too.
        const callee = node.callee.type === 'MemberExpression' ? node.callee.property : node.callee;
        if (callee.type === 'Identifier' && ['alert', 'confirm', 'prompt'].includes(callee.name)) reportAll(node.arguments[0]);
      },
    };
  },
};

// Comments cite what a reader can open: the repository's own docs (docs/formats.md#…,
// docs/reliability.md…) and git history. A section of a specification kept outside the repository
// or a tracker number sends the reader somewhere they cannot follow, and goes stale.
const OUTSIDE = [
  { pattern: /\bSPEC\s*§/, what: 'a section of a specification outside the repository' },
  { pattern: /\.\.\/shared\/(?:SPEC|DESIGN)\.md/, what: 'a document outside the repository' },
  { pattern: /\bissues?\s+#?\d+/i, what: 'an issue number' },
];

export const sourceRefsRule = {
  meta: {
    type: 'suggestion',
    docs: { description: 'comments cite the docs in the repository, not outside documents or issue numbers' },
    schema: [],
    messages: { outside: 'This comment cites {{what}}: cite docs/formats.md (or another file in docs/) instead; history is in git.' },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const found = OUTSIDE.find(({ pattern }) => pattern.test(comment.value));
          if (found) context.report({ loc: comment.loc, messageId: 'outside', data: { what: found.what } });
        }
      },
    };
  },
};

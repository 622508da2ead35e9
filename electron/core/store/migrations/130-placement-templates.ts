import type { Migration } from './index.js';

/**
 * Where the clerk put the boxes of the issuing steps (number, date, leader's signature) when the
 * document's text did not say, remembered per template so the next document of the same kind
 * starts there (docs/formats.md#signature-layout). A template is the document type and the size
 * of the first and last pages as shown (`templateKey` in signing/placement/placement.ts); `boxes`
 * is JSON: view-space boxes per kind, the leader's page counted from the end.
 */
export const migration130: Migration = {
  version: 130,
  name: 'placement templates',
  up(db) {
    db.exec(`
      CREATE TABLE placement_templates (
        template TEXT PRIMARY KEY,
        boxes TEXT NOT NULL CHECK (json_valid(boxes)),
        updated_at TEXT NOT NULL
      );
    `);
  },
};

import type { HubMigration } from './index.js';

/**
 * Internal documents (văn bản nội bộ; docs/formats.md "Internal documents"): sent between the
 * agency's own units, never over the axis, numbered in a register of their own. A register is
 * marked `internal` (an outgoing register, one default among them, "Sổ văn bản nội bộ", made here
 * for every hub); a draft is marked `internal` and numbered there; on sending, each recipient unit
 * gets a copy (`internal_source_id`, `internal_unit_id`), an arrival of origin `internal` that the
 * workflow handles like any other.
 */
export const migration210: HubMigration = {
  version: 210,
  name: 'internal documents',
  async up(client) {
    await client.query(`
      ALTER TABLE registers ADD COLUMN internal boolean NOT NULL DEFAULT false;
      ALTER TABLE registers ADD CONSTRAINT registers_internal_outgoing CHECK (NOT internal OR direction = 'out');
      -- One default per direction, and one among the internal registers.
      DROP INDEX registers_one_default;
      CREATE UNIQUE INDEX registers_one_default ON registers (direction, internal) WHERE is_default;
      INSERT INTO registers (code, name, direction, internal, is_default, scope)
      VALUES ('internal', 'Sổ văn bản nội bộ', 'out', true, true, 'Văn bản gửi giữa các đơn vị trong cơ quan')
      ON CONFLICT (code) DO NOTHING;

      ALTER TABLE documents ADD COLUMN internal boolean NOT NULL DEFAULT false;
      ALTER TABLE documents ADD COLUMN internal_source_id integer REFERENCES documents (id);
      ALTER TABLE documents ADD COLUMN internal_unit_id integer REFERENCES units (id);
      ALTER TABLE documents DROP CONSTRAINT documents_origin_check;
      ALTER TABLE documents ADD CONSTRAINT documents_origin_check CHECK (origin IN ('axis', 'paper', 'email', 'hand', 'internal'));
      -- A copy is internal, comes from one sent document and goes to one unit, once.
      ALTER TABLE documents ADD CONSTRAINT documents_internal_copy CHECK (
        (internal_source_id IS NULL AND internal_unit_id IS NULL) OR (internal AND origin = 'internal' AND internal_source_id IS NOT NULL AND internal_unit_id IS NOT NULL)
      );
      CREATE UNIQUE INDEX documents_internal_copies ON documents (internal_source_id, internal_unit_id) WHERE internal_source_id IS NOT NULL;
    `);
  },
};

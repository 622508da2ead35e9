import { VIETNAM_DAYS_OFF } from '../../../shared/domain/vietnam-days-off.js';
import type { HubMigration } from './index.js';

/**
 * Working days and deadline reminders (docs/formats.md "Working days and deadlines").
 *
 * `calendar_days`: the agency's days off on weekdays and make-up days on weekends, which IT keeps
 * (`npm run hub -- holidays …`); a new hub starts from the table its version ships
 * (shared/domain/vietnam-days-off.ts), and from then on the table is IT's.
 *
 * `deadline_reminders`: each reminder given, once: the key (item, kind, person, deadline) is
 * what a second run, or a second hub instance running at the same moment, collides with. A new
 * deadline (an extension) can be reminded of again. A work item deleted (with its document) takes
 * its reminders with it.
 */
export const migration150: HubMigration = {
  version: 150,
  name: 'working calendar and deadline reminders',
  async up(client) {
    await client.query(`
      CREATE TABLE calendar_days (
        day date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('day_off', 'make_up_day')),
        note text NOT NULL CHECK (length(note) BETWEEN 1 AND 500),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- A day off on a weekend or a make-up day on a weekday would mean nothing: refused, not ignored.
        CHECK ((kind = 'make_up_day') = (extract(isodow FROM day) IN (6, 7)))
      );

      CREATE TABLE deadline_reminders (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        item_id integer NOT NULL REFERENCES work_items (id) ON DELETE CASCADE,
        document_id integer REFERENCES documents (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        deadline date NOT NULL,
        day date NOT NULL,
        working_days_late integer NOT NULL CHECK (working_days_late >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (item_id, kind, user_id, deadline)
      );
      CREATE INDEX deadline_reminders_by_user ON deadline_reminders (user_id, id);
    `);
    await client.query(
      `INSERT INTO calendar_days (day, kind, note) SELECT * FROM unnest($1::date[], $2::text[], $3::text[])`,
      [VIETNAM_DAYS_OFF.map((day) => day.date), VIETNAM_DAYS_OFF.map((day) => day.kind), VIETNAM_DAYS_OFF.map((day) => day.note)],
    );
  },
};

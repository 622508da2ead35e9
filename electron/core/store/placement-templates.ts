/** The boxes the clerk placed, per template (migration 130). */
import type { Db } from './database.js';

export function readPlacementTemplate<T>(db: Db, template: string): T | null {
  const row = db.prepare('SELECT boxes FROM placement_templates WHERE template = ?').get(template) as { boxes: string } | undefined;
  return row ? (JSON.parse(row.boxes) as T) : null;
}

/** Merges `boxes` into what the template remembers: a box placed now replaces the one of its kind. */
export function rememberPlacement(db: Db, template: string, boxes: Record<string, unknown>, at: string): void {
  db.prepare(
    `INSERT INTO placement_templates (template, boxes, updated_at) VALUES (?, json(?), ?)
     ON CONFLICT (template) DO UPDATE SET boxes = json_patch(placement_templates.boxes, excluded.boxes), updated_at = excluded.updated_at`,
  ).run(template, JSON.stringify(boxes), at);
}

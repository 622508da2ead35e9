/** Recipient groups the agency keeps (migration 170): a name and an ordered list of directory ids. */
import type { RecipientGroup } from '../../../shared/api/recipient-groups.js';
import type { Db } from './database.js';

export function listRecipientGroups(db: Db): RecipientGroup[] {
  const groups = db.prepare('SELECT id, name FROM recipient_groups ORDER BY name COLLATE NOCASE, id').all() as { id: number; name: string }[];
  const members = db
    .prepare(
      `SELECT m.group_id, m.agency_id, a.name FROM recipient_group_members m LEFT JOIN agencies a ON a.id = m.agency_id
       ORDER BY m.group_id, m.position`,
    )
    .all() as { group_id: number; agency_id: string; name: string | null }[];
  return groups.map((group) => ({
    ...group,
    members: members.filter((member) => member.group_id === group.id).map((member) => ({ id: member.agency_id, name: member.name })),
  }));
}

/**
 * Creates (no id) or replaces a group; inside a write transaction. Returns its id, or null when
 * the name belongs to another group (names are unique, whatever their case) or the id is unknown.
 */
export function saveRecipientGroup(db: Db, group: { id?: number; name: string; members: readonly string[] }, at: string): number | null {
  // SQLite's NOCASE folds ASCII only: "UBND CẤP HUYỆN" and "UBND cấp huyện" are compared here.
  const same = (name: string) => name.toLocaleLowerCase('vi') === group.name.toLocaleLowerCase('vi');
  const clash = (db.prepare('SELECT id, name FROM recipient_groups').all() as { id: number; name: string }[]).find((existing) => same(existing.name));
  if (clash && clash.id !== group.id) return null;
  let id: number;
  if (group.id === undefined) {
    id = Number(db.prepare('INSERT INTO recipient_groups (name, created_at, updated_at) VALUES (?, ?, ?)').run(group.name, at, at).lastInsertRowid);
  } else {
    if (db.prepare('UPDATE recipient_groups SET name = ?, updated_at = ? WHERE id = ?').run(group.name, at, group.id).changes !== 1) return null;
    id = group.id;
    db.prepare('DELETE FROM recipient_group_members WHERE group_id = ?').run(id);
  }
  const insert = db.prepare('INSERT INTO recipient_group_members (group_id, agency_id, position) VALUES (?, ?, ?)');
  [...new Set(group.members)].forEach((agencyId, position) => insert.run(id, agencyId, position));
  return id;
}

export function removeRecipientGroup(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM recipient_groups WHERE id = ?').run(id).changes === 1;
}

/** Users, their roles and their registered token certificates. */
import type { Role, UserInfo } from '../../shared/hub/accounts.js';
import type { Queryable } from './database.js';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  unit_id: number;
  roles: Role[];
  disabled: boolean;
  has_password: boolean;
  certificates: { sha256: string; subject: string; notAfter: string }[];
}

const USER_COLUMNS = `u.id, u.username, u.display_name, u.unit_id, u.disabled_at IS NOT NULL AS disabled, u.password_hash IS NOT NULL AS has_password,
  coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles,
  coalesce((SELECT json_agg(json_build_object('sha256', c.sha256, 'subject', c.subject, 'notAfter', to_char(c.not_after AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY c.added_at)
            FROM user_certificates c WHERE c.user_id = u.id), '[]') AS certificates`;

const toUser = (row: UserRow): UserInfo => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  unitId: row.unit_id,
  roles: row.roles,
  disabled: row.disabled,
  hasPassword: row.has_password,
  certificates: row.certificates,
});

export async function listUsers(db: Queryable): Promise<UserInfo[]> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.id`);
  return rows.map(toUser);
}

export async function userById(db: Queryable, id: number): Promise<UserInfo | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** What a password sign-in needs: null when no such user. */
export async function passwordOf(db: Queryable, username: string): Promise<{ id: number; passwordHash: string | null; disabled: boolean } | null> {
  const { rows } = await db.query<{ id: number; password_hash: string | null; disabled: boolean }>(
    'SELECT id, password_hash, disabled_at IS NOT NULL AS disabled FROM users WHERE username = $1',
    [username],
  );
  return rows[0] ? { id: rows[0].id, passwordHash: rows[0].password_hash, disabled: rows[0].disabled } : null;
}

/** null when the username is taken. */
export async function insertUser(db: Queryable, user: { username: string; displayName: string; unitId: number; roles: readonly Role[]; passwordHash: string | null }): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO users (username, display_name, unit_id, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING RETURNING id',
    [user.username, user.displayName, user.unitId, user.passwordHash],
  );
  if (!rows[0]) return null;
  await setRoles(db, rows[0].id, user.roles);
  return rows[0].id;
}

export async function setRoles(db: Queryable, userId: number, roles: readonly Role[]): Promise<void> {
  await db.query('DELETE FROM user_roles WHERE user_id = $1', [userId]);
  await db.query('INSERT INTO user_roles (user_id, role) SELECT $1, unnest($2::text[])', [userId, roles]);
}

export async function updateUserRow(db: Queryable, id: number, change: { displayName?: string; unitId?: number; disabled?: boolean }): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE users SET display_name = coalesce($2, display_name), unit_id = coalesce($3, unit_id),
       disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at WHEN $4 THEN coalesce(disabled_at, now()) ELSE NULL END,
       updated_at = now()
     WHERE id = $1`,
    [id, change.displayName ?? null, change.unitId ?? null, change.disabled ?? null],
  );
  return rowCount === 1;
}

export async function setPasswordHash(db: Queryable, id: number, passwordHash: string): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1', [id, passwordHash]);
  return rowCount === 1;
}

/**
 * The enabled administrators other than `except`, locked until the transaction ends, so two
 * admins cannot each remove the other's role at the same moment.
 */
export async function otherActiveAdmins(db: Queryable, except: number): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'admin'
     WHERE u.disabled_at IS NULL AND u.id <> $1 FOR UPDATE OF u`,
    [except],
  );
  return rows.length;
}

export async function insertCertificate(db: Queryable, userId: number, certificate: { sha256: string; der: Uint8Array; subject: string; serialNumber: string; notAfter: Date }): Promise<boolean> {
  const { rowCount } = await db.query(
    'INSERT INTO user_certificates (sha256, user_id, der, subject, serial_number, not_after) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING',
    [certificate.sha256, userId, Buffer.from(certificate.der), certificate.subject, certificate.serialNumber, certificate.notAfter],
  );
  return rowCount === 1;
}

export async function deleteCertificate(db: Queryable, userId: number, sha256: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM user_certificates WHERE user_id = $1 AND sha256 = $2', [userId, sha256]);
  return rowCount === 1;
}

/** The user a registered certificate belongs to. */
export async function certificateOwner(db: Queryable, sha256: string): Promise<{ id: number; username: string; disabled: boolean } | null> {
  const { rows } = await db.query<{ id: number; username: string; disabled: boolean }>(
    'SELECT u.id, u.username, u.disabled_at IS NOT NULL AS disabled FROM user_certificates c JOIN users u ON u.id = c.user_id WHERE c.sha256 = $1',
    [sha256],
  );
  return rows[0] ?? null;
}

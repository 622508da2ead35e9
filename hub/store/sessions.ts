/** Sessions, found by the hash of their token on every request. */
import type { Role, SessionInfo } from '../../shared/hub/accounts.js';
import type { Queryable } from './database.js';

export interface NewSession {
  tokenHash: Buffer;
  userId: number;
  method: 'password' | 'certificate';
  certificateSha256: string | null;
  expiresAt: Date;
  address: string;
  userAgent: string;
}

/** The session a token names, with its user as it is now (roles read afresh on every request). */
export interface SessionHolder {
  sessionId: string;
  userId: number;
  username: string;
  unitId: number;
  roles: Role[];
  /** Why the session may not be used, or null. */
  refusal: 'revoked' | 'expired' | 'idle' | 'user_disabled' | null;
}

export async function insertSession(db: Queryable, session: NewSession): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO sessions (token_hash, user_id, method, certificate_sha256, expires_at, address, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [session.tokenHash, session.userId, session.method, session.certificateSha256, session.expiresAt, session.address, session.userAgent],
  );
  return rows[0]!.id;
}

/**
 * One query per request: a revoked session, or a disabled user, is refused on the very next call.
 * last_seen_at is written at most once a minute per session, so reads do not each cost a write.
 */
export async function sessionByTokenHash(db: Queryable, tokenHash: Buffer, idleSeconds: number): Promise<SessionHolder | null> {
  const { rows } = await db.query<{
    id: string;
    user_id: number;
    username: string;
    unit_id: number;
    roles: Role[];
    refusal: SessionHolder['refusal'];
  }>(
    `WITH found AS (
       SELECT s.id, s.user_id, u.username, u.unit_id,
         coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles,
         CASE WHEN s.revoked_at IS NOT NULL THEN 'revoked'
              WHEN s.expires_at <= now() THEN 'expired'
              WHEN s.last_seen_at <= now() - make_interval(secs => $2) THEN 'idle'
              WHEN u.disabled_at IS NOT NULL THEN 'user_disabled' END AS refusal
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1
     ), touched AS (
       UPDATE sessions SET last_seen_at = now()
       WHERE id = (SELECT id FROM found WHERE refusal IS NULL) AND last_seen_at < now() - interval '1 minute'
     )
     SELECT * FROM found`,
    [tokenHash, idleSeconds],
  );
  const row = rows[0];
  return row ? { sessionId: row.id, userId: row.user_id, username: row.username, unitId: row.unit_id, roles: row.roles, refusal: row.refusal } : null;
}

/** An open feed stream is use: its session must not end as unused while the desk listens. Same once-a-minute write as above. */
export async function touchSessions(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query("UPDATE sessions SET last_seen_at = now() WHERE id = ANY ($1::uuid[]) AND revoked_at IS NULL AND last_seen_at < now() - interval '1 minute'", [ids]);
}

export async function listSessions(db: Queryable, filter: { userId?: number }): Promise<SessionInfo[]> {
  const { rows } = await db.query<{
    id: string;
    user_id: number;
    username: string;
    method: SessionInfo['method'];
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
    address: string;
    user_agent: string;
    revoked_at: Date | null;
  }>(
    `SELECT s.id, s.user_id, u.username, s.method, s.created_at, s.last_seen_at, s.expires_at, s.address, s.user_agent, s.revoked_at
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE ($1::integer IS NULL OR s.user_id = $1) AND s.expires_at > now() - interval '30 days'
     ORDER BY s.created_at DESC LIMIT 1000`,
    [filter.userId ?? null],
  );
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    username: row.username,
    method: row.method,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    address: row.address,
    userAgent: row.user_agent,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  }));
}

/** The user a session belongs to, or null when there is no such session or it was already revoked. */
export async function revokeSession(db: Queryable, id: string, by: string): Promise<{ userId: number } | null> {
  const { rows } = await db.query<{ user_id: number }>('UPDATE sessions SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING user_id', [id, by]);
  return rows[0] ? { userId: rows[0].user_id } : null;
}

export async function revokeUserSessions(db: Queryable, userId: number, by: string): Promise<number> {
  const { rowCount } = await db.query('UPDATE sessions SET revoked_at = now(), revoked_by = $2 WHERE user_id = $1 AND revoked_at IS NULL', [userId, by]);
  return rowCount ?? 0;
}

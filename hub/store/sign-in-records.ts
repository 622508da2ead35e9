/** What certificate sign-in and the attempt limits keep: one-use challenges and failed attempts. */
import type { Queryable } from './database.js';

export async function hubId(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ value: string }>("SELECT value FROM hub_settings WHERE key = 'hub_id'");
  return rows[0]!.value;
}

export async function insertChallenge(db: Queryable, challenge: { nonce: string; issuedAt: Date; expiresAt: Date }): Promise<string> {
  // Expired ones go as new ones come: the table stays the size of the last few minutes.
  await db.query("DELETE FROM sign_in_challenges WHERE expires_at < now() - interval '1 hour'");
  const { rows } = await db.query<{ id: string }>('INSERT INTO sign_in_challenges (nonce, issued_at, expires_at) VALUES ($1, $2, $3) RETURNING id', [
    challenge.nonce,
    challenge.issuedAt,
    challenge.expiresAt,
  ]);
  return rows[0]!.id;
}

/** Marks the challenge used and returns it, once, while it is fresh; null otherwise. */
export async function takeChallenge(db: Queryable, id: string): Promise<{ nonce: string; issuedAt: Date } | null> {
  const { rows } = await db.query<{ nonce: string; issued_at: Date }>(
    'UPDATE sign_in_challenges SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING nonce, issued_at',
    [id],
  );
  return rows[0] ? { nonce: rows[0].nonce, issuedAt: rows[0].issued_at } : null;
}

export async function insertSignInFailure(db: Queryable, account: string, address: string): Promise<void> {
  await db.query('INSERT INTO sign_in_failures (account, address) VALUES ($1, $2)', [account, address]);
}

export async function recentSignInFailures(db: Queryable, account: string, address: string, windowSeconds: number): Promise<{ account: number; address: number; oldestAccount: Date | null; oldestAddress: Date | null }> {
  const { rows } = await db.query<{ account: number; address: number; oldest_account: Date | null; oldest_address: Date | null }>(
    `SELECT
       (SELECT count(*)::int FROM sign_in_failures WHERE account = $1 AND at > now() - make_interval(secs => $3)) AS account,
       (SELECT min(at) FROM sign_in_failures WHERE account = $1 AND at > now() - make_interval(secs => $3)) AS oldest_account,
       (SELECT count(*)::int FROM sign_in_failures WHERE address = $2 AND at > now() - make_interval(secs => $3)) AS address,
       (SELECT min(at) FROM sign_in_failures WHERE address = $2 AND at > now() - make_interval(secs => $3)) AS oldest_address`,
    [account, address, windowSeconds],
  );
  const row = rows[0]!;
  return { account: row.account, address: row.address, oldestAccount: row.oldest_account, oldestAddress: row.oldest_address };
}

/** After a good sign-in the account's count starts again; old rows of everyone are dropped. */
export async function clearSignInFailures(db: Queryable, account: string, windowSeconds: number): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE account = $1 OR at < now() - make_interval(secs => $2)', [account, windowSeconds * 2]);
}

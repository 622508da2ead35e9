/**
 * The commands table (migration 080): claimed at the start of the transaction that applies a
 * command, so a second copy of it, on any connection of any hub instance, waits on the primary key
 * until the first commits (then finds it) or rolls back (then applies it itself).
 */
import type pg from 'pg';
import type { CommandOutcome } from '../../shared/hub/commands.js';
import type { Queryable } from './database.js';
import { TransactionAbortedError } from './postgres-exchange-store.js';

export interface CommandClaim {
  id: string;
  userId: number;
  sessionId: string;
  kind: string;
  payloadSha256: string;
  at: Date;
}

export interface StoredCommand {
  userId: number;
  kind: string;
  payloadSha256: string;
  outcome: CommandOutcome | null;
}

/** True when this transaction now holds the id; false when another transaction committed it first. */
async function claimCommand(client: pg.PoolClient, claim: CommandClaim): Promise<boolean> {
  const { rowCount } = await client.query(
    `INSERT INTO commands (id, user_id, session_id, kind, payload_sha256, applied_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO NOTHING`,
    [claim.id, claim.userId, claim.sessionId, claim.kind, claim.payloadSha256, claim.at],
  );
  return rowCount === 1;
}

async function recordOutcome(client: pg.PoolClient, id: string, outcome: CommandOutcome): Promise<void> {
  await client.query('UPDATE commands SET outcome = $2::jsonb WHERE id = $1', [id, JSON.stringify(outcome)]);
}

export async function storedCommand(db: Queryable, id: string): Promise<StoredCommand | null> {
  const { rows } = await db.query<StoredCommand>('SELECT user_id AS "userId", kind, payload_sha256 AS "payloadSha256", outcome FROM commands WHERE id = $1', [id]);
  return rows[0] ?? null;
}

/** A savepoint the command's effects roll back to when it is refused; its claim and outcome stay. */
export async function markEffectsStart(client: pg.PoolClient): Promise<void> {
  await client.query('SAVEPOINT command_effects');
}

export async function undoEffects(client: pg.PoolClient): Promise<void> {
  await client.query('ROLLBACK TO SAVEPOINT command_effects');
}

/**
 * One transaction: claims the command's id, runs `effects` (which returns the outcome to keep) and
 * records that outcome, then commits. Null when another transaction had committed the id first
 * (nothing written here). A COMMIT the server turned into a ROLLBACK (a statement of the
 * transaction failed and was caught) rejects with TransactionAbortedError.
 */
export async function applyOnce(pool: pg.Pool, claim: CommandClaim, effects: (client: pg.PoolClient) => Promise<CommandOutcome>): Promise<CommandOutcome | null> {
  const client = await pool.connect();
  // Cleared once the transaction has ended on the server; a connection left inside one is closed, not reused.
  let open = true;
  try {
    await client.query('BEGIN');
    if (!(await claimCommand(client, claim))) {
      await client.query('ROLLBACK');
      open = false;
      return null;
    }
    const outcome = await effects(client);
    await recordOutcome(client, claim.id, outcome);
    const commit = await client.query('COMMIT');
    open = false;
    if (commit.command !== 'COMMIT') throw new TransactionAbortedError();
    return outcome;
  } finally {
    if (open) {
      await client.query('ROLLBACK').then(
        () => (open = false),
        () => undefined,
      );
    }
    client.release(open);
  }
}

/**
 * Sends the desk's queued commands to the hub, oldest id first and one at a time, each until the
 * hub answers; the answer (applied, or refused with its reason) is stored with the command. The
 * hub applies an id at most once and answers a repeat with its first answer, so a command sent
 * again after a cut connection or a crash is harmless. A command the hub can never take (its
 * schema refuses it, or the user may not send commands at all) is recorded as refused rather than
 * block the queue behind it for ever. docs/architecture.md, "The desk in agency mode".
 */
import type { DeskCommand } from '../../../shared/hub/commands.js';
import { nextQueuedCommand, recordCommandAttempt, recordCommandOutcome, type QueuedCommand } from '../store/hub-replica.js';
import type { Db } from '../store/database.js';
import { retryDelayMs } from '../process/backoff.js';
import { HubRefusedError, HubSessionEndedError, HubUnreachableError, type HubClient } from './hub-client.js';
import type { LinkBackoff } from './feed-follower.js';
import type { Wakeup } from './wakeup.js';

export interface SenderOptions {
  db: Db;
  client: HubClient;
  userId: number;
  backoff: LinkBackoff;
  /** Woken by a new command, or by the link coming back online. */
  wakeup: Wakeup;
  /** After each answer or failed attempt (the queue's counts changed). */
  changed(problem: { detail: string; nextAttemptAt: Date } | null): void;
  /** Before each attempt: what must reach the hub first (the signed file a revision.upload names). */
  beforeSend?(command: QueuedCommand, signal: AbortSignal): Promise<void>;
}

/** The desk itself can never send this command (e.g. its file is gone): recorded as refused, as the hub's final refusals are. */
export class CommandUnsendableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandUnsendableError';
  }
}

/** Refusals of the whole request that sending again cannot change. */
const FINAL_REFUSALS: Record<string, 'invalid' | 'forbidden'> = { invalid_input: 'invalid', forbidden: 'forbidden' };

export async function sendCommands(options: SenderOptions, signal: AbortSignal): Promise<void> {
  const { db, client, backoff, wakeup } = options;
  let failures = 0;
  while (!signal.aborted) {
    const command = nextQueuedCommand(db, options.userId);
    if (!command) {
      await wakeup.sleep(Infinity, signal);
      continue;
    }
    try {
      await options.beforeSend?.(command, signal);
      recordCommandOutcome(db, await client.sendCommand({ id: command.id, kind: command.kind, payload: command.payload } as DeskCommand, signal));
      failures = 0;
      options.changed(null);
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof HubSessionEndedError) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      const final = error instanceof CommandUnsendableError ? 'invalid' : error instanceof HubRefusedError ? FINAL_REFUSALS[error.error] : undefined;
      if (final) {
        recordCommandOutcome(db, { id: command.id, state: 'refused', appliedAt: new Date().toISOString(), reason: final, message: detail });
        options.changed(null);
        continue;
      }
      failures++;
      recordCommandAttempt(db, command.id, detail);
      const delay = error instanceof HubUnreachableError && error.retryAfterMs !== null ? error.retryAfterMs : retryDelayMs(failures, backoff.random, backoff.baseMs, backoff.maxMs);
      options.changed({ detail, nextAttemptAt: new Date(Date.now() + delay) });
      await wakeup.sleep(delay, signal);
    }
  }
}

/**
 * What each kind of desk command implements (one module per kind, listed in registry.ts), and
 * the refusal a handler throws when its permission or state checks fail.
 */
import type pg from 'pg';
import type { Role } from '../../shared/hub/accounts.js';
import type { CommandKind, CommandRefusal, DeskCommand } from '../../shared/hub/commands.js';
import type { ExchangeReads, ExchangeTransaction } from '../../electron/core/store/exchange-store.js';
import type { RevocationChecker } from '../../electron/core/verification/index.js';
import type { FileBlobStore } from '../blobs/blob-store.js';
import type { SessionHolder } from '../store/sessions.js';

/** What the hub gives the command handlers. */
export interface CommandServices {
  blobs: FileBlobStore;
  /** This agency's code on the axis (the status packages' sender), or null when the hub has no axis account. */
  agencyCode: () => string | null;
  /** DER certificates the signatures of a revision must chain to (the hub's trust anchors). */
  trustAnchors: () => Uint8Array[];
  revocation: RevocationChecker;
}

/** The checks a command's refusal names; its message is for the person at the desk. */
export class CommandRefused extends Error {
  constructor(
    readonly reason: CommandRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'CommandRefused';
  }
}

export type PayloadOf<K extends CommandKind> = Extract<DeskCommand, { kind: K }>['payload'];

/** Before the transaction: reads and slow work (building a package, verifying a PDF) that hold no lock. */
export interface PrepareContext {
  account: SessionHolder;
  read: ExchangeReads;
  pool: pg.Pool;
  services: CommandServices;
  now: Date;
}

/** Inside the transaction that also records the command: every write of the command goes through `client`. */
export interface ApplyContext<Prepared> {
  account: SessionHolder;
  client: pg.PoolClient;
  /** The exchange's writes, on `client`. */
  exchange: ExchangeTransaction;
  prepared: Prepared;
  now: Date;
}

export interface CommandHandler<K extends CommandKind, Prepared = unknown> {
  precheck?(context: PrepareContext, payload: PayloadOf<K>): Promise<Prepared>;
  /** Applies the command; returns what the desk is told (e.g. the new document's id). Throws CommandRefused. */
  apply(context: ApplyContext<Prepared>, payload: PayloadOf<K>): Promise<Record<string, unknown>>;
}

export function requireRole(account: SessionHolder, roles: readonly Role[], message: string): void {
  if (!roles.some((role) => account.roles.includes(role))) throw new CommandRefused('forbidden', message);
}

/**
 * Applies a desk's command at most once. The command's row is claimed at the start of the
 * transaction that makes its effects, and its outcome is written before that transaction commits:
 * the effects and the record that they happened commit together or not at all. A second copy of
 * the id (a retry, a desk killed after sending, two copies racing on two hub instances) waits on
 * the row's key and then answers with the first outcome, unchanged. A refusal rolls the effects
 * back to a savepoint and is kept as the outcome too. A failure that is no refusal (the database
 * went away) keeps nothing: the desk sends the command again later.
 *
 * A command that names a document passes the check a by-id read passes (document-access.ts): one
 * the user may not see is `not_found`, as if it did not exist. The documents it changed go to the
 * change feed in its transaction, so every desk that may see them hears of it.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { CommandOutcome, DeskCommand } from '../../shared/hub/commands.js';
import { appendAudit } from '../store/audit.js';
import { applyOnce, markEffectsStart, storedCommand, undoEffects, type StoredCommand } from '../store/commands.js';
import { mayReadDocument, recordDocumentChanges } from '../store/document-access.js';
import { exchangeTransaction, noDocumentsChanged, postgresExchangeStore } from '../store/postgres-exchange-store.js';
import type { SessionHolder } from '../store/sessions.js';
import { CommandRefused, type ApplyContext, type CommandHandler, type CommandServices } from './command-handler.js';
import { COMMAND_HANDLERS } from './registry.js';

/** A command's effects inside its transaction: what the desk is told it made. */
type Effects = (context: Omit<ApplyContext<unknown>, 'prepared'>) => Promise<Record<string, unknown>>;

export class CommandApplier {
  private readonly read;

  constructor(
    private readonly pool: pg.Pool,
    private readonly services: CommandServices,
  ) {
    this.read = postgresExchangeStore(pool).read;
  }

  /** `now`: the hub's clock; the demo agency's seed (scripts/seed/seed-agency.ts) replays its history at the times it happened. */
  async apply(account: SessionHolder, command: DeskCommand, now = new Date()): Promise<CommandOutcome> {
    const payloadSha256 = createHash('sha256').update(JSON.stringify([command.kind, command.payload])).digest('hex');
    const earlier = await storedCommand(this.pool, command.id);
    if (earlier?.outcome) return answerAgain(earlier, account, command.id, payloadSha256);
    const handler = COMMAND_HANDLERS[command.kind] as CommandHandler<typeof command.kind, unknown>;
    const named = (command.payload as { documentId?: number | null }).documentId;
    const hidden = typeof named === 'number' && !(await mayReadDocument(this.pool, account.userId, named));
    let work: Effects | CommandOutcome;
    if (hidden) work = refused(command.id, now, 'not_found', `No document ${named} that this account may see.`);
    else {
      try {
        const prepared = await handler.precheck?.({ account, read: this.read, pool: this.pool, services: this.services, now }, command.payload);
        work = (context) => handler.apply({ ...context, prepared }, command.payload);
      } catch (error) {
        if (!(error instanceof CommandRefused)) throw error;
        work = refused(command.id, now, error.reason, error.message);
      }
    }
    return this.commit(account, command, payloadSha256, now, work, hidden);
  }

  /**
   * Claims the id, runs the effects (or keeps the refusal its precheck found) and records the
   * outcome, in one transaction. `hidden`: refused because the user may not see the document it
   * names, audited like a denied read.
   */
  private async commit(account: SessionHolder, command: DeskCommand, payloadSha256: string, now: Date, work: Effects | CommandOutcome, hidden: boolean): Promise<CommandOutcome> {
    const claim = { id: command.id, userId: account.userId, sessionId: account.sessionId, kind: command.kind, payloadSha256, at: now };
    const outcome = await applyOnce(this.pool, claim, async (client) => {
      let result: CommandOutcome;
      if (typeof work !== 'function') result = work;
      else {
        await markEffectsStart(client);
        const changed = noDocumentsChanged();
        try {
          const made = await work({ account, client, exchange: exchangeTransaction(client, changed), now });
          if (typeof made.documentId === 'number') changed.ids.add(made.documentId);
          await recordDocumentChanges(client, changed.ids, changed.readersBefore);
          result = { id: command.id, state: 'applied', appliedAt: now.toISOString(), result: made };
        } catch (error) {
          if (!(error instanceof CommandRefused)) throw error;
          await undoEffects(client);
          result = refused(command.id, now, error.reason, error.message);
        }
      }
      // A denied attempt is kept in the audit log, as the access check keeps a denied request.
      if (result.state === 'refused' && (result.reason === 'forbidden' || hidden)) {
        const reason = hidden ? 'document_not_readable' : 'command_forbidden';
        await appendAudit(client, { actor: account.username, action: 'access_denied', subject: `command:${command.id}`, details: { reason, kind: command.kind, message: result.message } }, now);
      }
      return result;
    });
    // Another copy of the command committed first: its outcome is the answer.
    return outcome ?? answerAgain((await storedCommand(this.pool, command.id))!, account, command.id, payloadSha256);
  }
}

function refused(id: string, now: Date, reason: Extract<CommandOutcome, { state: 'refused' }>['reason'], message: string): CommandOutcome {
  return { id, state: 'refused', appliedAt: now.toISOString(), reason, message };
}

/** The first outcome again, to the desk that sent it; an id reused for other content, or by someone else, is refused (and nothing stored). */
function answerAgain(stored: StoredCommand, account: SessionHolder, id: string, payloadSha256: string): CommandOutcome {
  if (stored.userId !== account.userId || stored.payloadSha256 !== payloadSha256) {
    return refused(id, new Date(), 'invalid', 'This command id was already used for another command: the desk must give each command a new id.');
  }
  return stored.outcome!;
}

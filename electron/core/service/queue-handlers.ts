/**
 * The clerk's view of the two queues the sync process works on: the outbox (packages waiting to
 * leave; a failed one can be retried) and the quarantine (received packages that could not be
 * stored; retried or ignored).
 */
import { ApiError } from '../../../shared/api/errors.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { getOutboxItem, listOutbox, setOutboxState } from '../store/outbox.js';
import { getQuarantined, listQuarantine, setQuarantineState } from '../store/quarantine.js';
import type { CoreContext, HandlerMap } from './handlers.js';

export function queueHandlers(ctx: CoreContext): HandlerMap<'outbox.list' | 'outbox.retry' | 'quarantine.list' | 'quarantine.retry' | 'quarantine.ignore'> {
  const { db } = ctx;

  function changeQuarantine(id: number, state: 'retrying' | 'ignored') {
    const item = getQuarantined(db, id);
    if (!item) throw new ApiError('not_found', `Quarantine entry ${id} does not exist.`);
    writeTransaction(db, () => {
      setQuarantineState(db, id, state, new Date().toISOString());
      appendAudit(db, { actor: ctx.actor, action: `quarantine.${state === 'retrying' ? 'retry' : 'ignore'}`, subject: `axis:${item.axisDocId}`, details: { reason: item.reason } });
    });
    ctx.emit({ type: 'quarantine.changed' });
    if (state === 'retrying') ctx.kickSync();
    const { packageSha256: _sha, ...rest } = getQuarantined(db, id)!;
    return rest;
  }

  return {
    'outbox.list': ({ limit, offset }) => listOutbox(db, limit, offset),

    'outbox.retry': ({ id }) => {
      const item = getOutboxItem(db, id);
      if (!item) throw new ApiError('not_found', `Outbox entry ${id} does not exist.`);
      if (item.state !== 'failed') throw new ApiError('conflict', 'Only a failed package can be retried; the others are retried by themselves.');
      writeTransaction(db, () => {
        setOutboxState(db, id, { state: 'queued', retryStep: 0 }, new Date().toISOString());
        appendAudit(db, { actor: ctx.actor, action: 'outbox.retry', subject: `outbox:${id}` });
      });
      ctx.kickSync();
      return getOutboxItem(db, id)!;
    },

    'quarantine.list': () => listQuarantine(db),
    'quarantine.retry': ({ id }) => changeQuarantine(id, 'retrying'),
    'quarantine.ignore': ({ id }) => changeQuarantine(id, 'ignored'),
  };
}

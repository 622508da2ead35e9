/**
 * The clerk's exchange actions, one module per job: sending, answering as a receiver, changing a
 * document already sent, and the outbox and quarantine queues. Each action builds its package
 * file first, then writes the document's change, the outbox row and the audit row in one
 * transaction, then asks the sync process to send now; if the axis is away, the outbox keeps the
 * package until it is back.
 */
import { exchangeDesk } from './exchange-desk.js';
import { issuedDocumentHandlers } from './issued-document-handlers.js';
import { queueHandlers } from './queue-handlers.js';
import { responseHandlers } from './response-handlers.js';
import { sendingHandlers } from './sending-handlers.js';
import type { CoreContext } from './handlers.js';

export { ZIP_ATTACHMENTS_SETTING } from './exchange-desk.js';

export function exchangeHandlers(ctx: CoreContext) {
  const desk = exchangeDesk(ctx);
  return { ...sendingHandlers(ctx, desk), ...responseHandlers(ctx, desk), ...issuedDocumentHandlers(ctx, desk), ...queueHandlers(ctx) };
}

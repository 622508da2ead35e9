/**
 * Deadlines at the desk (docs/architecture.md, "Deadline notices at the desk"): the person's
 * reminders and daily digests as the feed brought them, read and unread; a leader's overview of the
 * open work per unit, asked of the hub (it counts what the desk may not hold), and one unit's work
 * from the replica to drill into it.
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { DeskNotice, UnitWorkItem } from '../../../shared/api/hub-link.js';
import { deadlineStanding } from '../../../shared/domain/working-days.js';
import { unitWorkOf } from '../../../shared/hub/my-work.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import { HubRefusedError, HubSessionEndedError, HubUnreachableError } from '../hub-link/hub-client.js';
import type { HubLink } from '../hub-link/hub-link.js';
import type { Db } from '../store/database.js';
import { listDirectoryUsers, readHubLink } from '../store/hub-replica.js';
import { countUnreadNotices, listNotices, markNoticesRead, noticesByKey, type KeptNotice } from '../store/hub-notices.js';
import { getReplicaDocument, replicaDocumentsWithWork } from '../store/replica-documents.js';
import { deskCalendar as calendar } from './desk-calendar.js';
import type { CoreContext, HandlerMap } from './handlers.js';

/** A kept notice as the renderer shows it: a reminder names its document's subject when the replica holds it. */
function deskNotice(db: Db, notice: KeptNotice): DeskNotice {
  const common = { key: notice.key, day: notice.day, read: notice.read };
  if (notice.kind === 'digest') return { ...common, kind: 'digest', digest: notice.payload };
  const documentId = notice.payload.documentId;
  return { ...common, kind: 'reminder', reminder: notice.payload, documentSubject: documentId === null ? null : (getReplicaDocument(db, documentId)?.subject ?? null) };
}

/** The notices just brought (hub-link's noticesArrived), for the event that announces them. */
export function arrivedNotices(db: Db, keys: readonly string[]): DeskNotice[] {
  const owner = readHubLink(db)?.owner;
  // Read meanwhile at another of his desks (the same page said so): nothing to announce.
  return owner ? noticesByKey(db, owner.id, keys).flatMap((notice) => (notice.read ? [] : [deskNotice(db, notice)])) : [];
}

type NoticeMethod = 'hub.notices' | 'hub.readNotices' | 'hub.overdueOverview' | 'hub.unitWork';

export function hubNoticeHandlers(ctx: CoreContext, link: HubLink): HandlerMap<NoticeMethod> {
  return {
    'hub.notices': ({ limit }) => {
      const user = link.user();
      if (!user) return { unread: 0, notices: [] };
      return { unread: countUnreadNotices(ctx.db, user.id), notices: listNotices(ctx.db, user.id, limit).map((notice) => deskNotice(ctx.db, notice)) };
    },
    'hub.readNotices': ({ keys }) => {
      const user = link.user();
      if (!user) throw new ApiError('not_configured', 'No one is signed in to the agency server at this desk.');
      const { marked, unread, through } = markNoticesRead(ctx.db, user.id, keys ?? null, new Date());
      // His other desks learn it through the hub (queued, so offline too); nothing newly read, nothing to tell.
      if (marked > 0) link.queueCommand('notices.read', keys ? { keys } : { through });
      return { unread };
    },
    'hub.overdueOverview': async () => {
      const user = link.user();
      // Not asked for one the hub would refuse (and record as refused).
      if (!user || !user.roles.some((role) => role === 'leader' || role === 'unit_leader')) return null;
      const client = link.client();
      if (!client) throw new ApiError('unavailable', 'The agency server is not connected: the overview of units is read from it.', { hub: 'offline' });
      try {
        return await client.overdueOverview();
      } catch (error) {
        if (error instanceof HubRefusedError && error.status === 403) return null;
        if (error instanceof HubUnreachableError || error instanceof HubSessionEndedError || error instanceof HubRefusedError) {
          throw new ApiError('unavailable', `The agency server did not give the overview of units: ${error.message}`, { hub: 'offline' });
        }
        throw error;
      }
    },
    'hub.unitWork': ({ unitId }) => {
      const units = new Map(listDirectoryUsers(ctx.db).map((user) => [user.id, user.unitId]));
      const today = vietnamDate(new Date());
      return unitWorkOf(unitId, (userId) => units.get(userId) ?? null, replicaDocumentsWithWork(ctx.db)).map((entry): UnitWorkItem => {
        const standing = entry.item.deadline === null ? null : deadlineStanding(entry.item.deadline, today, calendar);
        return { ...entry, standing: standing?.state ?? null, workingDaysLate: standing?.workingDaysLate ?? 0 };
      });
    },
  };
}

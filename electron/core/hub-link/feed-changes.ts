/**
 * What a feed change means to the desk's replica (shared/hub/feed.ts, documents.ts). A change of
 * a kind the desk keeps but whose payload is not what the contract says stops the feed with the
 * reason rather than be skipped: skipping would lose it for good, since the desk moves past it.
 * Kinds the desk does not keep (yet) are passed over. Deadline reminders and daily digests are the
 * person's notices (hub-notices.ts), and so is what he read of them at his other desks.
 */
import { z } from 'zod';
import { ROLES } from '../../../shared/hub/accounts.js';
import { DEADLINE_DIGEST, DEADLINE_REMINDER, NOTICES_READ, noticesReadChange, REMINDER_KINDS } from '../../../shared/hub/deadlines.js';
import { ACCESS_CHANGED, DOCUMENT_CHANGE, DOCUMENT_WITHDRAWN } from '../../../shared/hub/documents.js';
import type { FeedChange } from '../../../shared/hub/feed.js';
import type { ReplicaChange } from '../store/hub-replica.js';

const recordId = z.number().int().positive().max(2_147_483_647);
const unit = z.looseObject({ id: recordId, code: z.string().min(1).max(64), name: z.string().min(1).max(500), parentId: recordId.nullable() });
const user = z.looseObject({ id: recordId, username: z.string().min(1).max(256), displayName: z.string().max(500), unitId: recordId, roles: z.array(z.enum(ROLES)), disabled: z.boolean() });
const document = z.looseObject({ id: recordId });
const withdrawn = z.looseObject({ id: recordId });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().min(0);
const reminder = z.object({
  id: z.number().int().positive(),
  kind: z.enum(REMINDER_KINDS),
  itemId: recordId,
  documentId: recordId.nullable(),
  deadline: day,
  day,
  workingDaysLate: count,
  own: z.boolean(),
});
const digest = z.object({ day, open: count, overdue: count, dueToday: count, dueSoon: count, awaiting: count });

export class MalformedChangeError extends Error {
  constructor(change: FeedChange, problem: string) {
    super(`Change ${change.seq} (${change.kind} ${change.subject}) is not what this desk expects: ${problem}. The desk stops here until the hub is fixed or this VanThu is updated.`);
    this.name = 'MalformedChangeError';
  }
}

function parsed<T>(schema: z.ZodType<T>, change: FeedChange): T {
  const result = schema.safeParse(change.payload);
  if (!result.success) throw new MalformedChangeError(change, z.prettifyError(result.error).replaceAll('\n', ' '));
  return result.data;
}

/** The subject names what changed; a payload about something else is refused. */
function sameSubject(change: FeedChange, prefix: string, id: number): void {
  if (change.subject !== `${prefix}:${id}`) throw new MalformedChangeError(change, `its payload is about ${prefix} ${id}`);
}

export function replicaChange(change: FeedChange): ReplicaChange | null {
  switch (change.kind) {
    case DOCUMENT_CHANGE: {
      const value = parsed(document, change);
      sameSubject(change, 'document', value.id);
      return { type: 'document', id: value.id, document: value };
    }
    case DOCUMENT_WITHDRAWN: {
      const value = parsed(withdrawn, change);
      sameSubject(change, 'document', value.id);
      return { type: 'withdrawn', id: value.id };
    }
    case ACCESS_CHANGED:
      return { type: 'access' };
    case 'directory.unit': {
      const value = parsed(unit, change);
      sameSubject(change, 'unit', value.id);
      return { type: 'unit', unit: { id: value.id, code: value.code, name: value.name, parentId: value.parentId } };
    }
    case 'directory.user': {
      const value = parsed(user, change);
      sameSubject(change, 'user', value.id);
      return { type: 'user', user: { id: value.id, username: value.username, displayName: value.displayName, unitId: value.unitId, roles: value.roles, disabled: value.disabled } };
    }
    case DEADLINE_REMINDER: {
      const value = parsed(reminder, change);
      sameSubject(change, 'reminder', value.id);
      return { type: 'notice', notice: { key: change.subject, kind: 'reminder', day: value.day, payload: value } };
    }
    case DEADLINE_DIGEST: {
      const value = parsed(digest, change);
      if (!change.subject.startsWith('digest:') || !change.subject.endsWith(`:${value.day}`)) throw new MalformedChangeError(change, `its payload is about the digest of ${value.day}`);
      return { type: 'notice', notice: { key: change.subject, kind: 'digest', day: value.day, payload: value } };
    }
    case NOTICES_READ: {
      const value = parsed(noticesReadChange, change);
      if (!/^user:\d+$/.test(change.subject)) throw new MalformedChangeError(change, 'it names no person');
      return { type: 'noticesRead', keys: value.keys, through: value.through, at: new Date(value.at) };
    }
    default:
      return null;
  }
}

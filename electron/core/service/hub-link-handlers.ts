/**
 * Agency mode's calls: connect (sign in at the hub), sign out, the link's status and the desk's
 * command queue. docs/architecture.md, "The desk in agency mode".
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { HubDeskUser } from '../../../shared/api/hub-link.js';
import type { AppState } from '../../../shared/api/state.js';
import type { CommandKind } from '../../../shared/hub/commands.js';
import type { Role } from '../../../shared/hub/accounts.js';
import { NO_WORKFLOW } from '../../../shared/hub/workflow.js';
import { sanitizeAttachmentName } from '../../../shared/edxml/attachment-name.js';
import { draftsToSignOf, extensionsAsked, extensionsOf, extensionsToDecide, myWorkOf } from '../../../shared/hub/my-work.js';
import { commandItemRefusal, commandRoleRefusal } from '../hub-link/desk-work.js';
import type { HubLink } from '../hub-link/hub-link.js';
import { requireHubPolicy } from '../policy/apply-policy.js';
import { listDirectoryUnits, listDirectoryUsers } from '../store/hub-replica.js';
import { getReplicaDocument, replicaArrivalsToPresent, replicaDocumentsWithWork, replicaDraftsAwaiting } from '../store/replica-documents.js';
import type { CoreContext, HandlerMap } from './handlers.js';

type HubMethod =
  | 'hub.connect'
  | 'hub.signOut'
  | 'hub.getStatus'
  | 'hub.commands'
  | 'hub.queueCommand'
  | 'hub.attachFile'
  | 'hub.dismissCommand'
  | 'hub.directory'
  | 'hub.myWork'
  | 'hub.documentWork';

/** As many arrivals waiting to be presented as the clerk's list shows. */
const TO_PRESENT_LIMIT = 200;

/** `stateChanged`: the desk's phase may move (first run → ready) after a sign-in. */
export function hubLinkHandlers(ctx: CoreContext, link: HubLink, stateChanged: () => AppState): HandlerMap<HubMethod> {
  return {
    'hub.connect': async ({ hubUrl, username, password }) => {
      // A standalone agency's data folder keeps its own exchange: it moves to the hub with `npm run hub -- import`.
      if (ctx.connection()) throw new ApiError('conflict', 'This data folder is a standalone agency connected to the axis: an agency moves to its server with npm run hub -- import, and each desk then starts with a new data folder.');
      const origin = new URL(hubUrl).origin;
      requireHubPolicy(ctx.policy, origin);
      const status = await link.signIn(origin, username, password);
      stateChanged();
      return status;
    },
    'hub.signOut': () => link.signOut(),
    'hub.getStatus': () => link.status(),
    'hub.commands': ({ limit }) => link.commands(limit),
    'hub.queueCommand': ({ kind, payload }) => {
      const user = link.user();
      const refusal = user ? (commandRoleRefusal(user, kind) ?? itemRefusal(user, kind, payload)) : null;
      if (refusal) throw new ApiError('forbidden', refusal);
      return link.queueCommand(kind, payload);
    },
    'hub.attachFile': async ({ documentId, name, contentType, bytes }) => {
      if (!link.user()) throw new ApiError('not_configured', 'Sign in at the agency server first.');
      // Kept here until the server has it: the sender uploads it before the command, every time it is sent (revision-files.ts).
      const blob = await ctx.blobs.putBytes(bytes);
      // A name from the person's disk may carry bidi controls: sent as it will be shown.
      return link.queueCommand('draft.attach', { documentId, name: sanitizeAttachmentName(name, 1, bytes.subarray(0, 8)), contentType, sha256: blob.sha256, size: blob.size });
    },
    'hub.dismissCommand': ({ id }) => {
      if (!link.dismissCommand(id)) throw new ApiError('not_found', `No refused command ${id} of the person signed in is shown on this desk.`);
      return { id };
    },
    'hub.directory': () => ({
      units: listDirectoryUnits(ctx.db),
      users: listDirectoryUsers(ctx.db)
        .filter((user) => !user.disabled)
        .map(({ id, username, displayName, unitId, roles }) => ({ id, username, displayName, unitId, roles: roles as Role[] })),
    }),
    'hub.myWork': () => {
      const user = link.user();
      if (!user) return { items: [], toPresent: [], extensionsAsked: [], extensionsToDecide: [], toSign: [] };
      const documents = replicaDocumentsWithWork(ctx.db);
      return {
        items: myWorkOf(user, documents),
        toPresent: user.roles.includes('clerk') ? replicaArrivalsToPresent(ctx.db, TO_PRESENT_LIMIT) : [],
        extensionsAsked: extensionsAsked(user, documents),
        extensionsToDecide: extensionsToDecide(user, documents),
        toSign: draftsToSignOf(user.id, replicaDraftsAwaiting(ctx.db, user.id)),
      };
    },
    'hub.documentWork': ({ documentId }) => {
      const doc = getReplicaDocument(ctx.db, documentId);
      // A copy the feed brought before the hub carried the workflow has none: nothing done yet, as far as this desk knows; one brought before it kept extensions has none of those.
      return doc ? (doc.workflow ? { ...doc.workflow, extensions: extensionsOf(doc.workflow) } : NO_WORKFLOW) : null;
    },
  };

  /** The desk's refusal of an extension command on an item of a document it holds. */
  function itemRefusal(user: HubDeskUser, kind: CommandKind, payload: unknown): string | null {
    if (kind !== 'assignment.askExtension' && kind !== 'assignment.decideExtension') return null;
    const { documentId, itemId } = payload as { documentId: number; itemId: number };
    const doc = getReplicaDocument(ctx.db, documentId);
    return doc?.workflow ? commandItemRefusal(user, kind, doc.workflow.items, itemId) : null;
  }
}

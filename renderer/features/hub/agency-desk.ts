/**
 * Whether this window is a desk in agency mode, and the desk's work waiting for the server. The
 * core decides where the documents come from; the renderer asks only to hide what a desk does not
 * do itself and to show work still pending (docs/architecture.md, "The desk in agency mode").
 */
import { useQueryClient } from '@tanstack/react-query';
import type { HubCommandItem, HubDeskUser, HubLinkStatus } from '../../../shared/api/hub-link.js';
import type { CommandKind } from '../../../shared/hub/commands.js';
import { DOCUMENT_SHARERS } from '../../../shared/hub/sharing.js';
import { useApiMutation, useApiQuery } from '../../api/client.js';
import { invalidateDocumentLists, methodKey } from '../../api/query-keys.js';
import type { Area } from '../../router.js';

/** The hub link's status in agency mode; null at a standalone desk (and while not known yet). */
export function useAgencyDesk(): HubLinkStatus | null {
  return useApiQuery('hub.getStatus', {}).data ?? null;
}

/** True once the core said this is a standalone VanThu (no hub link), false while it is not known yet or at a desk. */
export function useStandalone(): boolean {
  const status = useApiQuery('hub.getStatus', {});
  return status.isSuccess && status.data === null;
}

/** The areas a desk in agency mode has: "Việc của tôi", its mailboxes, the queue to the server, the server's reports, "Quản trị" (for an admin), settings and diagnostics. */
export const AGENCY_AREAS: ReadonlySet<Area> = new Set<Area>(['work', 'inbox', 'sent', 'drafts', 'queue', 'reports', 'admin', 'settings', 'diagnostics']);

/** The areas only a desk in agency mode has ("Việc của tôi" is both modes': the hub's work items, or a standalone agency's open arrivals). */
export const AGENCY_ONLY_AREAS: ReadonlySet<Area> = new Set<Area>(['admin']);

/** "Quản trị" is shown to the agency's administrators; the hub still refuses anyone else what it shows. */
export function isAdmin(user: HubDeskUser | null): boolean {
  return user?.roles.includes('admin') ?? false;
}

/** As many as the queue screen shows. */
export const QUEUE_LIMIT = 200;

/** The desk's commands, newest first (refreshed by each hub.status event). */
export function useHubCommands(enabled = true) {
  return useApiQuery('hub.commands', { limit: QUEUE_LIMIT }, { enabled });
}

/** Still pending on this desk: not answered yet, or answered and its result not in the replica yet. */
export function isPending(item: HubCommandItem): boolean {
  return item.state === 'queued' || item.awaitingFeed;
}

/** The desk's latest command on a document, if it is pending or refused (what the document view shows). */
export function commandOn(items: readonly HubCommandItem[] | undefined, documentId: number, kinds?: readonly CommandKind[]): HubCommandItem | null {
  return items?.find((item) => item.documentId === documentId && (!kinds || kinds.includes(item.kind)) && (isPending(item) || item.state === 'refused')) ?? null;
}

/** Whether this person gives documents to units and people ("Giao cho…"): the hub still decides, per document. */
export function mayShare(user: HubDeskUser | null): boolean {
  return user !== null && user.roles.some((role) => DOCUMENT_SHARERS.includes(role));
}

/** Queues a command; the lists, the queue and the status bar read again. */
export function useQueueCommand() {
  const queryClient = useQueryClient();
  return useApiMutation('hub.queueCommand', {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: methodKey('hub.commands') });
      void queryClient.invalidateQueries({ queryKey: methodKey('hub.getStatus') });
      invalidateDocumentLists(queryClient);
    },
  });
}

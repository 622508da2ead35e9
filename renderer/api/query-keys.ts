import type { ApiEvent, ApiInput, ApiMethod } from '../../shared/api/contract.js';
import type { QueryClient } from '@tanstack/react-query';
import type { SyncStatus } from '../../shared/api/sync-status.js';

/** The calls that read state and may be cached; everything else is a mutation. */
export type ApiQueryMethod = Extract<
  ApiMethod,
  | 'app.getState'
  | 'agencies.search'
  | 'documents.list'
  | 'documents.search'
  | 'documents.get'
  | 'outbox.list'
  | 'quarantine.list'
  | 'sync.getStatus'
  | 'signing.listTokens'
  | 'signing.getSettings'
  | 'signing.readImage'
  | 'documents.signingPlacement'
  | 'documents.verification'
  | 'trustAnchors.list'
  | 'registers.list'
  | 'registers.entries'
  | 'reports.counts'
  | 'reports.processingTimes'
  | 'reports.overdue'
  | 'backup.list'
  | 'diagnostics.get'
  | 'policy.get'
  | 'desktop.getPreferences'
>;

export type ApiQueryKey<M extends ApiQueryMethod> = readonly [M, ApiInput<M>];

export function apiQueryKey<M extends ApiQueryMethod>(method: M, input: ApiInput<M>): ApiQueryKey<M> {
  return [method, input] as const;
}

/** Every cached call of `method`, whatever its input (a prefix key). */
export function methodKey(method: ApiQueryMethod): readonly [ApiQueryMethod] {
  return [method];
}

/** Calls that read documents in aggregate: registers (an accepted document enters one) and reports. */
const DOCUMENT_AGGREGATES: readonly ApiQueryMethod[] = ['registers.list', 'registers.entries', 'reports.counts', 'reports.processingTimes', 'reports.overdue'];

/** After a document changed in this window: its lists, the send queue it may have joined, its registers and reports. */
export function invalidateDocumentLists(queryClient: QueryClient): void {
  for (const method of ['documents.list', 'outbox.list', ...DOCUMENT_AGGREGATES] as const) void queryClient.invalidateQueries({ queryKey: methodKey(method) });
}

/** How a pushed event changes cached server state. */
export function applyApiEvent(queryClient: QueryClient, event: ApiEvent): void {
  switch (event.type) {
    case 'app.state':
      queryClient.setQueryData(apiQueryKey('app.getState', {}), event.state);
      return;
    case 'sync.status': {
      const before = queryClient.getQueryData<SyncStatus>(apiQueryKey('sync.getStatus', {}));
      queryClient.setQueryData(apiQueryKey('sync.getStatus', {}), event.status);
      // A round just ended: lists refresh even if one of its change events was missed (a
      // reconnecting stream, a window opened mid-round). Cheap, and at most once a round.
      if (event.status.lastSyncAt !== null && event.status.lastSyncAt !== before?.lastSyncAt) {
        void queryClient.invalidateQueries({ queryKey: methodKey('agencies.search') });
        void queryClient.invalidateQueries({ queryKey: methodKey('documents.list') });
      }
      return;
    }
    case 'agencies.changed':
      void queryClient.invalidateQueries({ queryKey: methodKey('agencies.search') });
      return;
    case 'documents.changed':
      // Every box: a document moves between them (a draft sent becomes outgoing).
      invalidateDocumentLists(queryClient);
      if (event.ids.length === 0) {
        void queryClient.invalidateQueries({ queryKey: methodKey('documents.get') });
        void queryClient.invalidateQueries({ queryKey: methodKey('documents.verification') });
        void queryClient.invalidateQueries({ queryKey: methodKey('documents.signingPlacement') });
      } else {
        for (const id of event.ids) {
          void queryClient.invalidateQueries({ queryKey: apiQueryKey('documents.get', { id }) });
          // Where a draft's signing steps draw follows its PDF's newest version.
          void queryClient.invalidateQueries({ queryKey: apiQueryKey('documents.signingPlacement', { id }) });
          // A background verification finished: its signature panel refreshes.
          void queryClient.invalidateQueries({ queryKey: apiQueryKey('documents.verification', { id }) });
        }
      }
      return;
    case 'document.arrived':
      // The core also says documents.changed; the inbox is refreshed here in case it comes first.
      void queryClient.invalidateQueries({ queryKey: ['documents.list', { box: 'inbox' }] });
      return;
    case 'quarantine.changed':
      void queryClient.invalidateQueries({ queryKey: methodKey('quarantine.list') });
      return;
    // Desktop integration (issue 8): the tray's count and main's commands change no cached call;
    // features/desktop/DesktopIntegration.tsx acts on the commands.
    case 'inbox.waiting':
    case 'menu.command':
    case 'document.open':
      return;
    default: {
      // An event a newer core knows and this renderer does not: ignore it.
      const _unknown: never = event;
      void _unknown;
    }
  }
}

import type { ApiEvent, ApiInput, ApiMethod } from '../../shared/api/contract.js';
import type { DocumentDetail } from '../../shared/api/documents.js';
import type { QueryClient } from '@tanstack/react-query';

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
  | 'copies.list'
  | 'dossiers.list'
  | 'dossiers.forDocument'
  | 'dossiers.contents'
  | 'dossiers.awaitingHandover'
  | 'handover.list'
  | 'intake.list'
  | 'intake.getScannerFolder'
  | 'content.search'
  | 'content.attachmentText'
  | 'savedSearches.list'
  | 'documents.inboxCounts'
  | 'recipientGroups.list'
  | 'work.list'
  | 'work.get'
  | 'hub.getStatus'
  | 'hub.commands'
  | 'hub.signingView'
  | 'hub.documentFiles'
  | 'hub.directory'
  | 'hub.agencies'
  | 'hub.agencyNames'
  | 'hub.myWork'
  | 'hub.documentWork'
  | 'hub.workReport'
  | 'hub.notices'
  | 'hub.overdueOverview'
  | 'hub.unitWork'
  | 'hub.audit'
  | 'hub.auditChain'
  | 'hub.registers'
>;

export type ApiQueryKey<M extends ApiQueryMethod> = readonly [M, ApiInput<M>];

export function apiQueryKey<M extends ApiQueryMethod>(method: M, input: ApiInput<M>): ApiQueryKey<M> {
  return [method, input] as const;
}

/** Every cached call of `method`, whatever its input (a prefix key). */
export function methodKey(method: ApiQueryMethod): readonly [ApiQueryMethod] {
  return [method];
}

/**
 * Calls that read documents in aggregate: registers (an accepted document enters one), reports,
 * and the open arrivals with their deadlines (a status sent opens or closes one).
 */
const DOCUMENT_AGGREGATES: readonly ApiQueryMethod[] = ['registers.list', 'registers.entries', 'reports.counts', 'reports.processingTimes', 'reports.overdue', 'work.list', 'work.get'];

/**
 * After a document changed in this window: its lists, the send queue it may have joined (and the
 * status bar's count of it), its registers, reports and deadline.
 */
export function invalidateDocumentLists(queryClient: QueryClient): void {
  for (const method of ['documents.list', 'documents.inboxCounts', 'outbox.list', 'sync.getStatus', ...DOCUMENT_AGGREGATES] as const) readAgain(queryClient, methodKey(method));
}

/** Every box: a document moves between them (a draft sent becomes outgoing); no id is every document. */
function documentsChanged(queryClient: QueryClient, ids: readonly number[]): void {
  invalidateDocumentLists(queryClient);
  documentDetailsChanged(queryClient, ids);
  workChanged(queryClient);
}

/** At a desk in agency mode: the feed brought documents, and with them their điều hành. */
function workChanged(queryClient: QueryClient): void {
  readAgain(queryClient, methodKey('hub.myWork'));
  readAgain(queryClient, methodKey('hub.documentWork'));
  readAgain(queryClient, methodKey('hub.unitWork'));
  // Notices a catch-up brought are not announced one by one (hub.notices): the list reads them.
  readAgain(queryClient, methodKey('hub.notices'));
}

/**
 * A new document is its one change event of the round (exchange-round.ts): the inbox, its receipt
 * (01) in the send queue, the registers and reports; the other boxes stay as they are.
 */
function documentArrived(queryClient: QueryClient, id: number): void {
  readAgain(queryClient, ['documents.list', { box: 'inbox' }]);
  for (const method of ['documents.inboxCounts', 'outbox.list', 'sync.getStatus', ...DOCUMENT_AGGREGATES] as const) readAgain(queryClient, methodKey(method));
  documentDetailsChanged(queryClient, [id]);
}

function documentDetailsChanged(queryClient: QueryClient, ids: readonly number[]): void {
  if (ids.length === 0) {
    for (const method of ['documents.get', 'documents.verification', 'documents.signingPlacement'] as const) readAgain(queryClient, methodKey(method));
    return;
  }
  for (const id of ids) {
    readAgain(queryClient, apiQueryKey('documents.get', { id }));
    derivedChanged(queryClient, id);
  }
}

/** What is read from a document rather than stored with it. */
function derivedChanged(queryClient: QueryClient, id: number): void {
  // Where a draft's signing steps draw follows its saved header and its PDF's newest version.
  readAgain(queryClient, apiQueryKey('documents.signingPlacement', { id }));
  // A background verification finished: its signature panel refreshes.
  readAgain(queryClient, apiQueryKey('documents.verification', { id }));
}

/**
 * Cached reads made again because what they read changed. react-query restarts a refetch under
 * way, but a FIRST read under way (no answer yet) is joined instead, and its answer, which may
 * have been read before the change, clears the invalidation and stays: a draft's first signing
 * proposal, slow on a cold start, kept the header from before the autosave of "Người ký" landed;
 * a directory list read while the first directory sync was landing kept "0 cơ quan". Such a read
 * is read again once it ends (not cancelled: in a burst of events it would never end).
 */
function readAgain(queryClient: QueryClient, queryKey: readonly unknown[]): void {
  const cache = queryClient.getQueryCache();
  for (const query of cache.findAll({ queryKey, fetchStatus: 'fetching' })) {
    if (query.state.data !== undefined) continue;
    const unsubscribe = cache.subscribe((event) => {
      if (event.query !== query || query.state.fetchStatus !== 'idle') return;
      unsubscribe();
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
    });
  }
  void queryClient.invalidateQueries({ queryKey });
}

/** Every cached call, first reads under way included: the event stream opened late or dropped events. */
export function readEverythingAgain(queryClient: QueryClient): void {
  readAgain(queryClient, []);
}

/**
 * A document this window changed, with the core's answer: shown at once, and what is derived
 * from it read again now, without waiting for the core's change event (which may come late).
 */
export function documentChangedHere(queryClient: QueryClient, detail: DocumentDetail): void {
  queryClient.setQueryData(apiQueryKey('documents.get', { id: detail.id }), detail);
  invalidateDocumentLists(queryClient);
  derivedChanged(queryClient, detail.id);
}

/** How a pushed event changes cached server state. */
export function applyApiEvent(queryClient: QueryClient, event: ApiEvent): void {
  switch (event.type) {
    case 'app.state':
      queryClient.setQueryData(apiQueryKey('app.getState', {}), event.state);
      return;
    case 'sync.status':
      // The end of a round refreshes no list: each change of the round has its own event, and a
      // stream that dropped events refreshes everything when it reconnects (client.ts, onResync).
      queryClient.setQueryData(apiQueryKey('sync.getStatus', {}), event.status);
      return;
    case 'agencies.changed':
      readAgain(queryClient, methodKey('agencies.search'));
      return;
    case 'documents.changed':
      documentsChanged(queryClient, event.ids);
      return;
    case 'document.arrived':
      documentArrived(queryClient, event.id);
      return;
    case 'quarantine.changed':
      readAgain(queryClient, methodKey('quarantine.list'));
      return;
    case 'intake.changed':
      readAgain(queryClient, methodKey('intake.list'));
      return;
    case 'texts.progress':
      // The reader's progress shows on the scans waiting; a finished text is new search matches.
      readAgain(queryClient, methodKey('intake.list'));
      readAgain(queryClient, methodKey('content.attachmentText'));
      readAgain(queryClient, methodKey('content.search'));
      return;
    case 'hub.status':
      // The queue's counts moved with it: the queue screen reads again.
      queryClient.setQueryData(apiQueryKey('hub.getStatus', {}), event.status);
      readAgain(queryClient, methodKey('hub.commands'));
      // A command answered or a feed page applied: where a signature stands may have moved.
      readAgain(queryClient, methodKey('hub.signingView'));
      // A feed page may bring the directory, and the work a command was waiting on.
      readAgain(queryClient, methodKey('hub.directory'));
      workChanged(queryClient);
      return;
    case 'hub.files':
      readAgain(queryClient, apiQueryKey('hub.documentFiles', { documentId: event.documentId }));
      return;
    case 'hub.notices':
      readAgain(queryClient, methodKey('hub.notices'));
      return;
    // Desktop integration: the tray's count and main's commands change no cached call;
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

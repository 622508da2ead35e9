import { describe, expect, it } from 'vitest';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import type { ApiEvent } from '../../shared/api/contract.js';
import type { AppState } from '../../shared/api/state.js';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../shared/api/sync-status.js';
import { apiQueryKey, applyApiEvent, readEverythingAgain } from './query-keys.js';

const agencies = apiQueryKey('agencies.search', { query: '', limit: 100, offset: 0 });
const inbox = apiQueryKey('documents.list', { box: 'inbox', limit: 100, offset: 0 });
const inboxPage2 = apiQueryKey('documents.list', { box: 'inbox', limit: 100, offset: 100 });
const sent = apiQueryKey('documents.list', { box: 'sent', limit: 100, offset: 0 });
const drafts = apiQueryKey('documents.list', { box: 'drafts', limit: 100, offset: 0 });
const doc1 = apiQueryKey('documents.get', { id: 1 });
const doc2 = apiQueryKey('documents.get', { id: 2 });
const verification1 = apiQueryKey('documents.verification', { id: 1 });
const verification2 = apiQueryKey('documents.verification', { id: 2 });
const queue = apiQueryKey('outbox.list', { limit: 100, offset: 0 });
const quarantine = apiQueryKey('quarantine.list', {});
const syncStatus = apiQueryKey('sync.getStatus', {});

function seeded() {
  const client = new QueryClient();
  client.setQueryData(agencies, { rows: [], total: 0 });
  for (const key of [inbox, inboxPage2, sent, drafts, queue]) client.setQueryData(key, { rows: [], total: 0 });
  client.setQueryData(doc1, { id: 1 });
  client.setQueryData(doc2, { id: 2 });
  client.setQueryData(verification1, null);
  client.setQueryData(verification2, null);
  client.setQueryData(quarantine, []);
  client.setQueryData(syncStatus, INITIAL_SYNC_STATUS);
  return client;
}
const invalidated = (client: QueryClient, key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;

describe('pushed events', () => {
  it('agencies.changed invalidates agency searches only', () => {
    const client = seeded();
    applyApiEvent(client, { type: 'agencies.changed' });
    expect(invalidated(client, agencies)).toBe(true);
    for (const key of [inbox, drafts, doc1, queue, quarantine]) expect(invalidated(client, key)).toBe(false);
  });

  it('documents.changed invalidates every box (all pages), the changed documents and the send queue', () => {
    const client = seeded();
    applyApiEvent(client, { type: 'documents.changed', ids: [2] });
    for (const key of [inbox, inboxPage2, sent, drafts, queue]) expect(invalidated(client, key)).toBe(true);
    expect(invalidated(client, doc1)).toBe(false);
    expect(invalidated(client, doc2)).toBe(true);
    // A background verification of document 2 finished: its signature panel, not another one's.
    expect(invalidated(client, verification2)).toBe(true);
    expect(invalidated(client, verification1)).toBe(false);
    expect(invalidated(client, quarantine)).toBe(false);
    expect(invalidated(client, agencies)).toBe(false);
  });

  it('documents.changed without ids invalidates every open document', () => {
    const client = seeded();
    applyApiEvent(client, { type: 'documents.changed', ids: [] });
    expect(invalidated(client, doc1)).toBe(true);
    expect(invalidated(client, doc2)).toBe(true);
  });

  it('quarantine.changed invalidates the quarantine list only', () => {
    const client = seeded();
    applyApiEvent(client, { type: 'quarantine.changed' });
    expect(invalidated(client, quarantine)).toBe(true);
    for (const key of [inbox, sent, drafts, doc1, queue, agencies]) expect(invalidated(client, key)).toBe(false);
  });

  it('document.arrived refreshes the inbox pages, the send queue (its receipt) and the document, not the other boxes', () => {
    const client = seeded();
    applyApiEvent(client, { type: 'document.arrived', id: 1, subject: 'V/v họp', senderName: null, priority: 3 });
    expect(invalidated(client, inbox)).toBe(true);
    expect(invalidated(client, inboxPage2)).toBe(true);
    expect(invalidated(client, queue)).toBe(true);
    expect(invalidated(client, doc1)).toBe(true);
    expect(invalidated(client, doc2)).toBe(false);
    expect(invalidated(client, sent)).toBe(false);
    expect(invalidated(client, drafts)).toBe(false);
  });

  it('sync.status and app.state replace the cached value', () => {
    const client = seeded();
    const status: SyncStatus = { ...INITIAL_SYNC_STATUS, phase: 'syncing', progress: { task: 'directory', done: 1200, total: 111000 } };
    applyApiEvent(client, { type: 'sync.status', status });
    expect(client.getQueryData(syncStatus)).toEqual(status);
    const state: AppState = { phase: 'ready', connection: null, shell: 'browser', version: '0.1.0', dataDir: '/tmp/x' };
    applyApiEvent(client, { type: 'app.state', state });
    expect(client.getQueryData(apiQueryKey('app.getState', {}))).toEqual(state);
  });
});

describe('the end of a sync round', () => {
  it('refreshes no list by itself: each change of the round has its own event (a dropped stream resyncs everything)', () => {
    const client = new QueryClient();
    const status = { phase: 'idle', lastSyncAt: null, nextAttemptAt: null, queueLength: 0, progress: null, message: null, problem: null } as const;
    client.setQueryData(apiQueryKey('agencies.search', { query: '', limit: 100, offset: 0 }), { rows: [], total: 0 });
    client.setQueryData(apiQueryKey('documents.list', { box: 'inbox', limit: 100, offset: 0 }), { rows: [], total: 0 });
    applyApiEvent(client, { type: 'sync.status', status: { ...status, phase: 'syncing' } });
    applyApiEvent(client, { type: 'sync.status', status: { ...status, lastSyncAt: '2026-11-23T10:00:00.000Z' } });
    expect(client.getQueryState(apiQueryKey('agencies.search', { query: '', limit: 100, offset: 0 }))?.isInvalidated).toBe(false);
    expect(client.getQueryState(apiQueryKey('documents.list', { box: 'inbox', limit: 100, offset: 0 }))?.isInvalidated).toBe(false);
    expect(client.getQueryData(syncStatus)).toMatchObject({ lastSyncAt: '2026-11-23T10:00:00.000Z' });
  });
});

describe('one arrival', () => {
  it('refetches the inbox once for the events of the round that received it', async () => {
    const status = { ...INITIAL_SYNC_STATUS, phase: 'idle' } as const;
    // What the core emits for such a round (test/arrival-refresh.test.ts): no documents.changed repeats it.
    const round = [
      { type: 'sync.status', status: { ...status, phase: 'syncing' } },
      { type: 'document.arrived', id: 7, subject: 'V/v họp', senderName: 'UBND tỉnh', priority: 0 },
      { type: 'inbox.waiting', count: 1 },
      { type: 'sync.status', status: { ...status, lastSyncAt: '2026-11-23T10:00:00.000Z' } },
    ] as const;
    const client = new QueryClient();
    let fetches = 0;
    const inboxList = new QueryObserver(client, {
      queryKey: inbox,
      queryFn: async () => {
        fetches++;
        return { rows: [], total: 0 };
      },
      staleTime: Infinity,
    });
    const stop = inboxList.subscribe(() => undefined);
    try {
      await expect.poll(() => inboxList.getCurrentResult().isSuccess).toBe(true);
      for (const event of round) {
        applyApiEvent(client, event);
        await expect.poll(() => inboxList.getCurrentResult().isFetching).toBe(false);
      }
      expect(fetches).toBe(2);
    } finally {
      stop();
    }
  });
});

describe('a change told while a call is read for the first time', () => {
  // The read under way may have read before the change: its answer must not stay.
  const agencies = apiQueryKey('agencies.search', { query: '', limit: 100, offset: 0 });
  const cases: { key: readonly unknown[]; event: ApiEvent }[] = [
    { key: doc1, event: { type: 'documents.changed', ids: [1] } },
    { key: verification1, event: { type: 'documents.changed', ids: [1] } },
    { key: apiQueryKey('documents.signingPlacement', { id: 1 }), event: { type: 'documents.changed', ids: [1] } },
    { key: inbox, event: { type: 'documents.changed', ids: [] } },
    { key: agencies, event: { type: 'agencies.changed' } },
  ];
  it.each(cases)('reads $key.0 again after $event.type and keeps what it read after the change', async ({ key, event }) => {
    const client = new QueryClient();
    let saved = 'before';
    const answers: (() => void)[] = [];
    const observer = new QueryObserver(client, {
      queryKey: key,
      queryFn: () => {
        const read = saved;
        return new Promise<string>((resolve) => answers.push(() => resolve(read)));
      },
      staleTime: Infinity,
    });
    const stop = observer.subscribe(() => undefined);
    try {
      await expect.poll(() => answers.length).toBe(1);
      saved = 'after';
      applyApiEvent(client, event);
      // The slow first read answers (with what it read before the change), then any read it caused.
      for (let answered = 0; answered < answers.length || observer.getCurrentResult().isFetching; ) {
        if (answered < answers.length) answers[answered++]!();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      expect(observer.getCurrentResult()).toMatchObject({ isFetching: false, data: 'after' });
      expect(answers).toHaveLength(2);
    } finally {
      stop();
    }
  });

  it('a resync (the event stream opened or reopened) reads a first read under way again too', async () => {
    const client = new QueryClient();
    let saved = 'before';
    const answers: (() => void)[] = [];
    const observer = new QueryObserver(client, {
      queryKey: inbox,
      queryFn: () => {
        const read = saved;
        return new Promise<string>((resolve) => answers.push(() => resolve(read)));
      },
    });
    const stop = observer.subscribe(() => undefined);
    try {
      await expect.poll(() => answers.length).toBe(1);
      saved = 'after';
      readEverythingAgain(client);
      answers[0]!();
      await expect.poll(() => answers.length).toBe(2);
      answers[1]!();
      await expect.poll(() => observer.getCurrentResult().data).toBe('after');
    } finally {
      stop();
    }
  });
});

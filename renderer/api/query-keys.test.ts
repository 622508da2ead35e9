import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { AppState } from '../../shared/api/state.js';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../shared/api/sync-status.js';
import { apiQueryKey, applyApiEvent } from './query-keys.js';

function seeded() {
  const client = new QueryClient();
  client.setQueryData(apiQueryKey('agencies.search', { query: '', limit: 100, offset: 0 }), { rows: [], total: 0 });
  client.setQueryData(apiQueryKey('drafts.list', {}), []);
  client.setQueryData(apiQueryKey('documents.get', { id: 1 }), { id: 1 });
  client.setQueryData(apiQueryKey('documents.get', { id: 2 }), { id: 2 });
  return client;
}
const invalidated = (client: QueryClient, key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;

describe('pushed events', () => {
  it('agencies.changed invalidates agency searches only', () => {
    const client = seeded();
    applyApiEvent(client, { type: 'agencies.changed' });
    expect(invalidated(client, apiQueryKey('agencies.search', { query: '', limit: 100, offset: 0 }))).toBe(true);
    expect(invalidated(client, apiQueryKey('drafts.list', {}))).toBe(false);
  });

  it('documents.changed invalidates the draft list and the changed documents', () => {
    const client = seeded();
    applyApiEvent(client, { type: 'documents.changed', ids: [2] });
    expect(invalidated(client, apiQueryKey('drafts.list', {}))).toBe(true);
    expect(invalidated(client, apiQueryKey('documents.get', { id: 1 }))).toBe(false);
    expect(invalidated(client, apiQueryKey('documents.get', { id: 2 }))).toBe(true);
  });

  it('sync.status and app.state replace the cached value', () => {
    const client = seeded();
    const status: SyncStatus = { ...INITIAL_SYNC_STATUS, phase: 'syncing', progress: { task: 'directory', done: 1200, total: 111000 } };
    applyApiEvent(client, { type: 'sync.status', status });
    expect(client.getQueryData(apiQueryKey('sync.getStatus', {}))).toEqual(status);
    const state: AppState = { phase: 'ready', connection: null, shell: 'browser', version: '0.1.0', dataDir: '/tmp/x' };
    applyApiEvent(client, { type: 'app.state', state });
    expect(client.getQueryData(apiQueryKey('app.getState', {}))).toEqual(state);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../shared/api/documents.js';
import type { AdminPolicy } from '../../../shared/api/policy.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { InFlightCounter } from '../process/in-flight-counter.js';
import { openDatabase } from '../store/database.js';
import { enqueueOutbox, setOutboxState } from '../store/outbox.js';
import { UpdateGuard, updateDecision } from './update-guard.js';

const tempDir = useTempDirs();
const policy: AdminPolicy = { updateUrl: { value: 'https://intranet.example.vn/vanthu/updates', source: 'HKLM' } };
const at = '2026-11-29T10:00:00.000Z';

async function storeWithOutbox(states: OutboxItem['state'][]) {
  const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
  const ids = states.map((state, index) => {
    const id = enqueueOutbox(db, { documentId: null, messageType: 'status', packageSha256: String(index).padStart(64, '0'), recipients: ['H41'], purpose: 'test' }, at);
    setOutboxState(db, id, { state }, at);
    return id;
  });
  return { db, ids };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('update decision', () => {
  it('is off without an update URL, whatever else', () => {
    expect(updateDecision({ updateUrl: null, sending: 0, signing: 0 })).toEqual({ install: false, reason: 'no_update_url' });
    expect(updateDecision({ updateUrl: '', sending: 0, signing: 0 })).toEqual({ install: false, reason: 'no_update_url' });
  });

  it('waits for signatures and sends, and allows when both are idle', () => {
    const updateUrl = 'https://u.example.vn';
    expect(updateDecision({ updateUrl, sending: 0, signing: 1 })).toEqual({ install: false, reason: 'signing' });
    expect(updateDecision({ updateUrl, sending: 2, signing: 0 })).toEqual({ install: false, reason: 'sending' });
    expect(updateDecision({ updateUrl, sending: 0, signing: 0 })).toEqual({ install: true });
  });
});

describe('update guard on a real store', () => {
  it.each<[OutboxItem['state'], boolean]>([
    ['queued', true],
    ['retry_wait', true],
    ['sent', true],
    ['failed', true],
    ['sending', false],
  ])('an outbox row in state %s allows the install: %s', async (state, allowed) => {
    const { db } = await storeWithOutbox([state]);
    const guard = new UpdateGuard({ db, signing: new InFlightCounter(), policy });
    expect(guard.canInstallNow()).toEqual(allowed ? { install: true } : { install: false, reason: 'sending' });
    db.close();
  });

  it('never installs without the policy update URL, even when idle', async () => {
    const { db } = await storeWithOutbox(['sent']);
    expect(new UpdateGuard({ db, signing: new InFlightCounter(), policy: {} }).canInstallNow()).toEqual({ install: false, reason: 'no_update_url' });
    db.close();
  });

  it('refuses while a signature runs and whenIdle resolves only after it and the send end', async () => {
    const { db, ids } = await storeWithOutbox(['sending', 'queued']);
    const signing = new InFlightCounter();
    const guard = new UpdateGuard({ db, signing, policy, pollMs: 5 });
    const signature = deferred();
    const signed = signing.track(() => signature.promise);
    expect(signing.count).toBe(1);
    expect(guard.canInstallNow()).toEqual({ install: false, reason: 'signing' });

    let idle = false;
    const waiting = guard.whenIdle().then(() => (idle = true));
    signature.resolve();
    await signed;
    expect(signing.count).toBe(0);
    expect(guard.canInstallNow()).toEqual({ install: false, reason: 'sending' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(idle).toBe(false);

    setOutboxState(db, ids[0] ?? 0, { state: 'sent' }, at);
    await waiting;
    expect(guard.canInstallNow()).toEqual({ install: true });
    db.close();
  });

  it('counts a failed signature as finished', async () => {
    const signing = new InFlightCounter();
    await expect(signing.track(() => Promise.reject(new Error('PIN wrong')))).rejects.toThrow('PIN wrong');
    expect(signing.count).toBe(0);
    await signing.whenIdle();
  });
});

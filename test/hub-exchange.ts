/** What the hub's exchange tests share: a reference axis for each test, packages queued as the desks queue them, and waiting for a state. */
import { afterEach, beforeEach } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import type { AgencyCredential } from '../axis/directory.js';
import type { ExchangeStore } from '../electron/core/store/exchange-store.js';
import type { HubBlobStore } from '../hub/blobs/blob-store.js';
import { documentPackageBytes } from './edxml-fixtures.js';

/** A reference axis over HTTP for each test, with its demo agencies. */
export function useTemporaryAxis(): () => TemporaryAxis {
  let axis: TemporaryAxis | null = null;
  // One axis per test: packages a test leaves waiting there (sent to an agency, never taken)
  // would otherwise reach the next test's hub of that agency first.
  beforeEach(async () => {
    axis = await startTemporaryAxis();
  });
  afterEach(async () => {
    await axis?.dispose();
    axis = null;
  });
  return () => {
    if (!axis) throw new Error('useTemporaryAxis: the axis starts in beforeEach');
    return axis;
  };
}

/** A document package from `sender` to `recipient`, stored and queued in the outbox; its outbox id. */
export async function queueDocumentPackage(store: ExchangeStore, blobs: HubBlobStore, sender: AgencyCredential, recipient: AgencyCredential, label: string): Promise<number> {
  const stored = await blobs.put(await documentPackageBytes(sender.code, [recipient.code], label));
  return store.write((tx) =>
    tx.enqueueOutbox({ documentId: null, messageType: 'edoc', packageSha256: stored.sha256, recipients: [recipient.code], purpose: 'document' }, new Date().toISOString()),
  );
}

/** Probes until `done` holds, every 50 ms; fails saying what it waited for and what it last saw. */
export async function until<T>(what: string, probe: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

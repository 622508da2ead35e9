/**
 * Documents received before VanThu kept the whole message header (schema 150) get it from the
 * package they arrived in, which the blob store keeps as evidence: once, in the background, a few
 * at a time, so that a large store does not slow the start. A package that cannot be read again is
 * logged and left as it is (its document keeps what it had).
 */
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { readPackageModel } from '../exchange/edxml/package-header.js';
import { receivedHeaderColumns } from '../exchange/received-header.js';
import { logWarn } from '../logging/log.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Db } from '../store/database.js';
import { documentsWithoutReceivedHeader, keepReceivedHeader } from '../store/received-headers.js';

const BATCH = 50;

/** Returns the ids whose header was kept now. */
export async function backfillReceivedHeaders(db: Db, blobs: BlobStore, signal: AbortSignal): Promise<number[]> {
  const kept: number[] = [];
  let afterId = 0;
  while (!signal.aborted) {
    const rows = documentsWithoutReceivedHeader(db, afterId, BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (signal.aborted) break;
      afterId = row.id;
      try {
        const parsed = await readPackageModel(blobs.pathOf(row.package_sha256));
        if (parsed.kind === 'document' && keepReceivedHeader(db, row.id, receivedHeaderColumns(parsed.package.header))) kept.push(row.id);
      } catch (error) {
        logWarn(`[core] the header of document ${row.id} could not be read again from its package: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await yieldToEvents();
  }
  return kept;
}

/**
 * Pulls the agency directory incrementally: the axis hands out rows changed since a version.
 * Rows are applied in version order, in batches, and each batch saves in its own transaction
 * the highest version it completed, so an interrupted pull of the ~111,000 agencies resumes
 * after the last committed batch instead of starting over.
 */
import type { DirectoryChange, ExchangeStore } from '../store/exchange-store.js';
import type { AxisClient } from './axis-client/types.js';

const CURSOR_KEY = 'directory.version';
const BATCH = 2000;

export interface DirectoryProgress {
  done: number;
  total: number;
}

export async function pullAgencyDirectory(store: ExchangeStore, client: AxisClient, onProgress: (progress: DirectoryProgress) => void, now: () => Date = () => new Date()): Promise<number> {
  const since = await store.read.syncState<number>(CURSOR_KEY);
  const { version, rows } = await client.syncUnits(since);
  const ordered = [...rows].sort((a, b) => a.version - b.version);
  const total = ordered.length;
  for (let start = 0; start < total; start += BATCH) {
    const batch: DirectoryChange[] = ordered.slice(start, start + BATCH).map((row) => ({
      id: row.code,
      codeQd20: row.codeQd20,
      parentId: row.pid,
      name: row.name,
      email: row.mail,
      version: row.version,
      deleted: row.deleted,
    }));
    const next = ordered[start + BATCH];
    // Every row below the next batch's first version is in: a version split across two batches
    // is fetched again on resume rather than skipped.
    const reached = next === undefined ? version : next.version - 1;
    await store.write(async (tx) => {
      await tx.applyDirectoryChanges(batch, now());
      await tx.setSyncState(CURSOR_KEY, reached);
    });
    onProgress({ done: Math.min(start + BATCH, total), total });
  }
  if (total === 0) await store.write((tx) => tx.setSyncState(CURSOR_KEY, version));
  return total;
}

/** Messages between the ingest bench and its naive peer's process. */
import type { AxisCredentials } from '../electron/core/exchange/sync-protocol.js';

export type NaiveCommand = NaiveStart | { type: 'exit' };

export interface NaiveStart {
  type: 'start';
  databaseFile: string;
  blobsDir: string;
  axis: AxisCredentials;
}

export type NaiveMessage = { type: 'ready' } | { type: 'done'; stored: number } | { type: 'failed'; message: string };

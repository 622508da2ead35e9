/** A desk's SQLite signed in at a hub as a clerk, for the replica's store tests. */
import path from 'node:path';
import { openDatabase, type Db } from '../electron/core/store/database.js';
import { saveHubSignIn } from '../electron/core/store/hub-replica.js';

export const DESK_CLERK = { id: 7, username: 'vanthu', displayName: 'Văn thư', unitId: 1, roles: ['clerk' as const] };
export const SIGNED_IN_AT = new Date('2026-03-01T02:00:00.000Z');

/** `tempDir`: the test file's useTempDirs(). */
export async function signedInDesk(tempDir: () => Promise<string>): Promise<Db> {
  const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
  saveHubSignIn(db, 'https://hub.example', DESK_CLERK, SIGNED_IN_AT);
  return db;
}

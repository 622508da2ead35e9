/**
 * Entry of the sync process (utilityProcess under Electron, a Node child in browser mode).
 * It owns the exchange with the axis; it opens its own connection to the agency's database and
 * receives its credentials from its parent, never from disk.
 */
import '../core/process/sync-threadpool.js';
import { connectToParent } from '../core/process/parent-link.js';
import path from 'node:path';
import { BLOBS_DIR } from '../core/config/data-dir.js';
import { BlobStore } from '../core/store/blob-store.js';
import { openDatabase, type Db } from '../core/store/database.js';
import { createVxpClient } from '../core/exchange/axis-client/vxp-adapter.js';
import { SyncEngine } from '../core/exchange/sync-engine.js';
import { sqliteExchangeStore } from '../core/store/sqlite-exchange-store.js';
import type { SyncCommand, SyncMessage } from '../core/exchange/sync-protocol.js';
import { logError, useLogFile } from '../core/logging/log.js';
import { packageReadingThread } from '../core/exchange/edxml/package-reading-thread.js';

/** How often to look for new packages; VANTHU_SYNC_POLL_MS shortens it for tests and demos. */
function pollInterval(): number {
  const configured = Number(process.env.VANTHU_SYNC_POLL_MS);
  return Number.isInteger(configured) && configured >= 500 ? configured : 60_000;
}

const parent = connectToParent<SyncCommand, SyncMessage>();
let engine: SyncEngine | null = null;
let db: Db | null = null;
// Packages are read on a thread of their own, from the bundle built beside this one (package-reading-thread.ts).
// Packed, the thread's script is read from app.asar.unpacked (electron-builder.yml asarUnpack):
// a worker thread cannot start from inside the archive.
const packageReading = packageReadingThread(path.join(__dirname, 'package-reader.cjs').replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked'));

async function release(): Promise<void> {
  await engine?.stop();
  engine = null;
  db?.close();
  db = null;
}

parent.onMessage((command) => {
  void (async () => {
    switch (command.type) {
      case 'configure': {
        await release();
        // The database sits in the data folder: its logs/ folder is the one the core writes to.
        useLogFile(path.dirname(command.databaseFile), 'sync');
        db = openDatabase(command.databaseFile, { migrate: false });
        const client = createVxpClient({ baseUrl: command.axis.url, systemId: command.axis.systemId, secret: command.axis.secret });
        // The core owns the blob folder's housekeeping (BlobStore.init); this process only adds.
        const blobs = new BlobStore(path.join(path.dirname(command.databaseFile), BLOBS_DIR));
        engine = new SyncEngine({
          store: sqliteExchangeStore(db, { syncWalOffThread: true }),
          blobs,
          client,
          selfId: command.axis.systemId,
          axisUrl: command.axis.url,
          report: (message) => parent.send(message),
          pollMs: pollInterval(),
          readPackage: packageReading.read,
        });
        await engine.start();
        break;
      }
      case 'syncNow':
        engine?.syncNow();
        break;
      case 'kick':
        engine?.kick();
        break;
      case 'pause':
        await release();
        parent.send({ type: 'paused' });
        break;
      case 'shutdown':
        await release();
        process.exit(0);
    }
  })().catch((error: unknown) => {
    // An unexpected failure here leaves the process in an unknown state: exit and let the
    // supervisor restart it (within its crash budget) with the last configuration.
    logError('[sync]', error);
    process.exit(1);
  });
});

// In browser mode a parent that dies closes the IPC channel: do not linger as an orphan.
process.on('disconnect', () => process.exit(0));

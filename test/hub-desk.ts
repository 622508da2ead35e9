/**
 * A desk in agency mode for tests, without the rest of the core: its real SQLite file and blob
 * store, the hub link (feed follower and command sender) and files on demand, over real HTTP to
 * a real hub (test/hub.ts), usually through a relay (test/hub-relay.ts) that can cut the network.
 */
import path from 'node:path';
import type { HubLinkStatus } from '../shared/api/hub-link.js';
import { FileSecretStore } from '../electron/core/config/secret-store.js';
import { FilesOnDemand, type FilesOnDemandOptions } from '../electron/core/hub-link/files-on-demand.js';
import { HubLink } from '../electron/core/hub-link/hub-link.js';
import { BlobStore } from '../electron/core/store/blob-store.js';
import { openDatabase, type Db } from '../electron/core/store/database.js';

export interface TestDesk {
  db: Db;
  dir: string;
  blobs: BlobStore;
  secrets: FileSecretStore;
  link: HubLink;
  files: FilesOnDemand;
  statuses: HubLinkStatus[];
  /** Documents whose files' state changed, in order. */
  filesChanged: number[];
  logs: string[];
  until(what: string, check: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  /** Stops the loops and closes the database (the data folder stays, for a restart). */
  close(): Promise<void>;
}

/** A desk on the data folder `dir` (a new one, or one a previous desk left). */
export async function testDesk(dir: string, files: Partial<Pick<FilesOnDemandOptions, 'cacheLimitBytes' | 'inUseMs' | 'stallMs'>> = {}): Promise<TestDesk> {
  const db = openDatabase(path.join(dir, 'vanthu.sqlite'));
  const blobs = new BlobStore(path.join(dir, 'blobs'));
  await blobs.init();
  const secrets = new FileSecretStore(path.join(dir, 'secrets.json'));
  const statuses: HubLinkStatus[] = [];
  const filesChanged: number[] = [];
  const logs: string[] = [];
  const backoff = { baseMs: 100, maxMs: 400 };
  let onDemand: FilesOnDemand | null = null;
  const link = new HubLink({
    db,
    secrets,
    statusChanged: (status) => {
      if (status) statuses.push(status);
      onDemand?.wake();
    },
    log: (line) => logs.push(line),
    pageLimit: 3,
    waitSeconds: 1,
    backoff,
  });
  onDemand = new FilesOnDemand({ db, blobs, client: () => link.client(), changed: (id) => filesChanged.push(id), log: (line) => logs.push(line), backoff, ...files });
  const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last status ${JSON.stringify(statuses.at(-1))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const desk: TestDesk = {
    db,
    dir,
    blobs,
    secrets,
    link,
    files: onDemand,
    statuses,
    filesChanged,
    logs,
    until,
    async close() {
      await desk.files.close();
      await link.close();
      db.close();
    },
  };
  await link.start();
  onDemand.start();
  return desk;
}

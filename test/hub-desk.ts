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
import { postgresExchangeStore } from '../hub/store/postgres-exchange-store.js';
import type { TestHub } from './hub.js';

const AT = '2026-12-01T02:00:00.000Z';

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
  /** The ids each documentsChanged call named. */
  changedDocuments: number[][];
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
  const changedDocuments: number[][] = [];
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
    documentsChanged: (ids) => changedDocuments.push(ids),
    noticesArrived: () => undefined,
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
    changedDocuments,
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

export interface HubFile {
  name: string;
  sha256: string;
  bytes: Buffer;
}

/** An arrival at the hub through its exchange store, its files' bytes in the hub's blob store; the clerk sees it. */
export async function arriveAtHub(test: TestHub, n: number, files: { name: string; bytes: Buffer }[]): Promise<{ id: number; files: HubFile[] }> {
  const stored: HubFile[] = [];
  for (const file of files) stored.push({ ...file, sha256: (await test.blobs.put(file.bytes)).sha256 });
  const id = await postgresExchangeStore(test.pool).write(async (tx) => {
    const documentId = await tx.insertReceived({ subject: `Công văn ${n}`, senderId: '000.00.00.G01', senderName: 'Bộ X', edxmlDocumentId: `doc-${n}`, receivedAt: AT }, AT);
    await tx.insertAttachments(
      documentId,
      stored.map((file) => ({ name: file.name, contentType: 'application/pdf', sha256: file.sha256, size: file.bytes.length })),
      AT,
    );
    return documentId;
  });
  return { id, files: stored };
}

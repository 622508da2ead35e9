/**
 * A standalone agency moved into a hub: two real desktop cores exchange over the reference axis
 * (numbers taken, an arrival accepted, statuses both ways), then their data folders are imported
 * into hubs on a real PostgreSQL and read back through the hub's exchange store.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../../axis/testing.js';
import { DATABASE_FILE } from '../../electron/core/config/data-dir.js';
import { LOCK_FILE } from '../../electron/core/host/instance-lock.js';
import { until } from '../../test/hub-exchange.js';
import { acceptDocument, startAgency, UNSIGNED_SENDING } from '../../test/agency-harness.js';
import { useTestPostgres } from '../../test/postgres.js';
import { useTempDirs } from '../../test/temp-dir.js';
import { FileBlobStore } from '../blobs/blob-store.js';
import { listAudit, verifyAuditChain } from '../store/audit.js';
import { migrateHub } from '../store/migrations/index.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';
import { importStandalone, ImportRefusedError } from './import-standalone.js';

const postgres = useTestPostgres();
const tempDir = useTempDirs();

let axis: TemporaryAxis;
let senderDir: string;
let recipientDir: string;
let arrivalId: number;
let sentId: number;

beforeAll(async () => {
  axis = await startTemporaryAxis();
  senderDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-import-a-'));
  recipientDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-import-b-'));
  const A = await startAgency(axis.server.url, axis.agencies[0]!, { policy: UNSIGNED_SENDING, dataDir: senderDir });
  const B = await startAgency(axis.server.url, axis.agencies[1]!, { policy: UNSIGNED_SENDING, dataDir: recipientDir });
  try {
    const pdf = new Uint8Array(await readFile(new URL('../../assets/sample.pdf', import.meta.url)));
    for (const subject of ['V/v chuyển lên máy chủ cơ quan', 'V/v văn bản thứ hai']) {
      const draft = await A.call('drafts.create', { subject, summary: 'tóm tắt' });
      await A.call('drafts.update', { id: draft.id, fields: { codeNotation: 'UBND-VP', typeName: 'Công văn', signerFullName: 'Nguyễn Văn An', signerPosition: 'Chủ tịch', priority: 0 } });
      await A.call('attachments.add', { documentId: draft.id, name: 'Công văn.pdf', contentType: 'application/pdf', bytes: pdf });
      await A.call('documents.send', { id: draft.id, recipients: [B.code] });
      sentId = draft.id;
    }
    await A.sync();
    await B.sync();
    const inbox = await B.call('documents.list', { box: 'inbox', limit: 10, offset: 0 });
    arrivalId = inbox.rows[0]!.id;
    await acceptDocument(B, arrivalId);
    await B.sync();
    await A.sync();
  } finally {
    await Promise.all([A.close(), B.close()]);
  }
}, 180_000);

afterAll(async () => {
  await axis?.dispose();
  await Promise.all([senderDir, recipientDir].map((dir) => dir && rm(dir, { recursive: true, force: true })));
});

async function freshHub() {
  const { pool } = await postgres().freshDatabase();
  await migrateHub(pool);
  const blobs = await FileBlobStore.open(path.join(await tempDir(), 'blobs'));
  return { pool, blobs, store: postgresExchangeStore(pool) };
}

function desk(dir: string) {
  return new Database(path.join(dir, DATABASE_FILE), { readonly: true });
}

describe('npm run hub -- import', () => {
  it("keeps the recipient's arrival numbers, registers, statuses, audit chain and files, and numbering goes on from them", async () => {
    const hub = await freshHub();
    const summary = await importStandalone({ pool: hub.pool, blobs: hub.blobs, dataDir: recipientDir });
    const db = desk(recipientDir);
    try {
      const deskDocument = db.prepare('SELECT arrival_number, register_id, register_number, subject FROM documents WHERE id = ?').get(arrivalId) as { arrival_number: number; register_id: number; register_number: number; subject: string };
      expect(deskDocument.arrival_number).toBe(1);
      const stored = await hub.store.read.document(arrivalId);
      expect(stored).toMatchObject({ id: arrivalId, subject: deskDocument.subject, arrivalNumber: deskDocument.arrival_number });
      expect(summary.documents).toBe((db.prepare('SELECT count(*) FROM documents').pluck().get() as number));

      // The arrival's status history, as the desk had it.
      const deskEvents = db.prepare('SELECT status_code FROM status_events WHERE document_id = ? ORDER BY id').pluck().all(arrivalId);
      expect((await hub.store.read.statusEvents(arrivalId)).map((event) => event.statusCode)).toEqual(deskEvents);
      expect(deskEvents).toEqual(expect.arrayContaining(['01', '03']));

      // Numbering goes on: the next arrival takes number 2 of the same register.
      const register = await hub.store.read.registerForNumbering('in');
      expect(register?.id).toBe(deskDocument.register_id);
      const next = await hub.store.write(async (tx) => {
        const other = (await hub.pool.query<{ id: number }>("SELECT id FROM documents WHERE direction = 'incoming' AND id <> $1 ORDER BY id LIMIT 1", [arrivalId])).rows[0]?.id;
        return other === undefined ? null : tx.enterInRegister(other, register!, new Date());
      });
      expect(next).toBe(deskDocument.register_number + 1);
      // The hub's internal register is made again beside the agency's own, with an id of its own.
      const internal = (await hub.pool.query<{ id: number; code: string }>('SELECT id, code FROM registers WHERE internal AND is_default')).rows;
      expect(internal).toEqual([{ id: expect.any(Number), code: 'internal' }]);
      expect(internal[0]!.id).not.toBe(deskDocument.register_id);

      // Every file the desk's rows name is in the hub's blob store, intact.
      const hashes = db.prepare('SELECT sha256 FROM attachments UNION SELECT package_sha256 FROM documents WHERE package_sha256 IS NOT NULL').pluck().all() as string[];
      expect(hashes.length).toBeGreaterThan(0);
      for (const sha256 of hashes) expect((await hub.blobs.read(sha256)).byteLength).toBeGreaterThan(0);
      expect(summary.blobs).toBeGreaterThanOrEqual(hashes.length);

      // The desk's chain, row for row, and the hub's own chain recording the import with its head.
      const deskAudit = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq').all() as { seq: number; hash: string }[];
      const imported = (await hub.pool.query<{ hash: string }>('SELECT hash FROM imported_audit_log ORDER BY seq')).rows.map((row) => row.hash);
      expect(imported).toEqual(deskAudit.map((row) => row.hash));
      expect(summary.auditRows).toBe(deskAudit.length);
      const {
        rows: [importRow],
      } = await listAudit(hub.pool, { limit: 1 });
      expect(importRow).toMatchObject({ action: 'standalone.import', details: { auditHead: deskAudit.at(-1)!.hash, auditRows: deskAudit.length } });
      expect(await verifyAuditChain(hub.pool)).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  });

  it("keeps the sender's outgoing numbers and each recipient's state", async () => {
    const hub = await freshHub();
    await importStandalone({ pool: hub.pool, blobs: hub.blobs, dataDir: senderDir });
    const db = desk(senderDir);
    try {
      const deskSent = db.prepare("SELECT id, code_number, register_number, edxml_document_id FROM documents WHERE direction = 'outgoing' ORDER BY id").all() as { id: number; code_number: string; register_number: number; edxml_document_id: string }[];
      expect(deskSent.map((row) => row.register_number)).toEqual([1, 2]);
      for (const row of deskSent) {
        expect(await hub.store.read.findOutgoingId(row.edxml_document_id)).toBe(row.id);
        const entry = (await hub.pool.query<{ number: number }>('SELECT number FROM register_entries WHERE document_id = $1', [row.id])).rows[0];
        expect(entry?.number).toBe(row.register_number);
      }
      const deskState = db.prepare('SELECT recipient_id, state, status_code FROM recipient_statuses WHERE document_id = ?').all(sentId) as { recipient_id: string; state: string }[];
      expect(deskState.length).toBe(1);
      expect(await hub.store.read.recipientState(sentId, deskState[0]!.recipient_id)).toBe(deskState[0]!.state);
      // New drafts made at the hub take ids after the imported ones.
      const maxId = db.prepare('SELECT max(id) FROM documents').pluck().get() as number;
      const { rows } = await hub.pool.query<{ id: number }>("INSERT INTO documents (direction, subject, state, created_at, updated_at) VALUES ('draft', 'mới', 'editing', now(), now()) RETURNING id");
      expect(rows[0]!.id).toBe(maxId + 1);
    } finally {
      db.close();
    }
  });

  it('refuses a second import into a hub that holds documents, and changes nothing', async () => {
    const hub = await freshHub();
    await importStandalone({ pool: hub.pool, blobs: hub.blobs, dataDir: recipientDir });
    const count = async () => (await hub.pool.query<{ n: string }>('SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM imported_audit_log) AS n')).rows[0]!.n;
    const before = await count();
    await expect(importStandalone({ pool: hub.pool, blobs: hub.blobs, dataDir: senderDir })).rejects.toThrow(/already holds \d+ document\(s\): import a standalone agency into a new hub only/);
    expect(await count()).toBe(before);
  });

  it('refuses while VanThu runs with the folder', async () => {
    const hub = await freshHub();
    // Another process holding the folder's instance lock, as the app does (its pid in the lock file).
    const app = spawn(process.execPath, ['-e', 'require("fs").writeFileSync(process.argv[1], String(process.pid)); setInterval(() => {}, 1000)', path.join(recipientDir, LOCK_FILE)]);
    try {
      await until('the lock taken', () => existsSync(path.join(recipientDir, LOCK_FILE)), Boolean);
      await expect(importStandalone({ pool: hub.pool, blobs: hub.blobs, dataDir: recipientDir })).rejects.toThrow(/VanThu is running with .*: close it on that computer, then import/);
    } finally {
      app.kill();
      await once(app, 'exit');
    }
    await rm(path.join(recipientDir, LOCK_FILE), { force: true });
  });

  it('refuses an edited audit history, and the hub stays empty', async () => {
    const hub = await freshHub();
    const copy = await tempDir();
    await cp(recipientDir, copy, { recursive: true });
    const db = new Database(path.join(copy, DATABASE_FILE));
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone else' WHERE seq = (SELECT min(seq) FROM audit_log)");
    db.close();
    const refused = importStandalone({ pool: hub.pool, blobs: hub.blobs, dataDir: copy });
    await expect(refused).rejects.toBeInstanceOf(ImportRefusedError);
    await expect(refused).rejects.toThrow(/does not verify from its row \d+ on/);
    expect((await hub.pool.query<{ n: string }>('SELECT count(*) AS n FROM documents')).rows[0]!.n).toBe('0');
    expect((await hub.pool.query<{ n: string }>('SELECT count(*) AS n FROM registers')).rows[0]!.n).toBe('3');
  });

  it('refuses a folder whose files are missing, naming the first, and imports nothing', async () => {
    const hub = await freshHub();
    const copy = await tempDir();
    await cp(recipientDir, copy, { recursive: true });
    const db = desk(copy);
    const sha256 = db.prepare('SELECT sha256 FROM attachments LIMIT 1').pluck().get() as string;
    db.close();
    await rm(path.join(copy, 'blobs', sha256.slice(0, 2), sha256));
    await expect(importStandalone({ pool: hub.pool, blobs: hub.blobs, dataDir: copy })).rejects.toThrow(new RegExp(`missing from .*blobs \\(first: ${sha256}\\): restore the folder from a backup`));
    expect((await hub.pool.query<{ n: string }>('SELECT count(*) AS n FROM documents')).rows[0]!.n).toBe('0');
  });
});

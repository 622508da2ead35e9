/**
 * `hub` (ingest): the hub receiving from the axis into PostgreSQL. Agency A uploads packages
 * (one small PDF each) to B and C at once; B is the hub's exchange (the SyncEngine on the
 * PostgreSQL store, as a leading hub instance runs it), C the naive peer on its own database of
 * the same server: each package whole in memory, DOM-parsed (naive-edxml.ts), each row its own
 * autocommit, blobs written as the hub writes them. Both must store the same documents.
 *
 * The reference axis runs in a process of its own, as the national axis is another server: in
 * the bench's process its work (serving every download, taking every acknowledgement and status)
 * shared the one event loop with the hub's and slowed every round trip of both to PostgreSQL.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import type { AgencyCredential } from '../axis/directory.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import type { AxisCredentials } from '../electron/core/exchange/sync-protocol.js';
import { FileBlobStore } from '../hub/blobs/blob-store.js';
import { exchangeRunner } from '../hub/exchange/exchange-runner.js';
import { PrivateCluster } from '../hub/postgres/private-cluster.js';
import { ensureDatabase, openPool } from '../hub/store/database.js';
import { migrateHub } from '../hub/store/migrations/index.js';
import { startAxisProcess } from './axis-process.js';
import { goal, log, ms, nowMs, ratio, table, type BenchOptions } from './lib.js';
import { downloadWhole, headerValues, parseWhole } from './naive-edxml.js';
import { uploadPackages } from './packages.js';

const GOAL_DOCS_PER_SECOND = 100;
const STALL_MS = 60_000;

interface IngestRun {
  docs: number;
  seconds: number;
  /** Transactions the database committed for the run, reads included (pg_stat_database): what each document costs it. */
  commits: number;
  /** Ours: seconds until the round that received them ended, the status 01 of each sent back too. */
  roundSeconds?: number;
}

async function commits(pool: pg.Pool): Promise<number> {
  // The statistics are sent at the end of each transaction, a moment after it; take a fresh snapshot.
  await pool.query('SELECT pg_stat_clear_snapshot()');
  return Number((await pool.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0]!.n);
}

async function incomingCount(pool: pg.Pool): Promise<number> {
  return Number((await pool.query<{ n: string }>("SELECT count(*) AS n FROM documents WHERE direction = 'incoming'")).rows[0]!.n);
}

async function runOurs(pool: pg.Pool, blobsDir: string, axis: AxisCredentials, expected: number): Promise<IngestRun> {
  const blobs = await FileBlobStore.open(blobsDir);
  const stop = new AbortController();
  const before = await commits(pool);
  const started = nowMs();
  let failure: unknown = null;
  // Arrivals are counted from the exchange's own reports (each after its commit), not by polling
  // the database: a poll would be a transaction of its own, counted against the hub.
  let seen = 0;
  let grewAt = nowMs();
  const onLog = (message: string) => {
    if (/^exchange: document \d+ arrived$/.test(message)) [seen, grewAt] = [seen + 1, nowMs()];
  };
  const loop = exchangeRunner({ pool, blobs: blobs.files, axis: { url: axis.url, systemId: axis.systemId, secret: axis.secret }, pollMs: 500, log: onLog })(stop.signal).catch(
    (error: unknown) => (failure = error),
  );
  while (seen < expected) {
    if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
    if (nowMs() - grewAt > STALL_MS) throw new Error(`the hub's exchange stalled at ${seen} of ${expected} documents`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const seconds = (nowMs() - started) / 1000;
  // Stopping lets the running round end: it sends the status 01 of every arrival first.
  stop.abort();
  await loop;
  const roundSeconds = (nowMs() - started) / 1000;
  return { docs: await incomingCount(pool), seconds, roundSeconds, commits: (await commits(pool)) - before };
}

async function runNaive(pool: pg.Pool, blobsDir: string, axis: AxisCredentials): Promise<IngestRun> {
  const blobs = await FileBlobStore.open(blobsDir);
  const client = createVxpClient({ baseUrl: axis.url, systemId: axis.systemId, secret: axis.secret });
  const before = await commits(pool);
  const started = nowMs();
  let stored = 0;
  for (const row of await client.listReceived('edoc')) {
    const { header, attachments } = parseWhole(row.docId, await downloadWhole(axis, row.docId));
    const at = new Date().toISOString();
    const inserted = await pool.query<{ id: number }>(
      `INSERT INTO documents (direction, state, edxml_document_id, sender_id, sender_name, axis_doc_id, subject, summary, code_number, code_notation,
         type_name, promulgation_date, signer_name, signer_position, signer_competence, place, priority, due_date, received_at, created_at, updated_at)
       VALUES ('incoming', 'arrived', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $17) RETURNING id`,
      [header.edxmlDocumentId, header.senderId, header.senderName, row.docId, ...headerValues(header), at],
    );
    const documentId = inserted.rows[0]!.id;
    let position = 0;
    for (const attachment of attachments) {
      const blob = await blobs.put(attachment.bytes);
      await pool.query('INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        documentId,
        ++position,
        attachment.name,
        attachment.contentType,
        blob.size,
        blob.sha256,
        at,
      ]);
    }
    await pool.query("INSERT INTO inbound_packages (axis_doc_id, message_type, outcome, document_id, recorded_at) VALUES ($1, 'edoc', 'document', $2, $3)", [row.docId, documentId, at]);
    await client.acknowledge(row.docId, 'done');
    await pool.query('UPDATE inbound_packages SET acknowledged_at = $1 WHERE axis_doc_id = $2', [new Date().toISOString(), row.docId]);
    stored++;
  }
  const seconds = (nowMs() - started) / 1000;
  return { docs: stored, seconds, commits: (await commits(pool)) - before };
}

/** What each side stored, comparable: the comparison is only fair if both stored the same. */
async function digest(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query(
    `SELECT d.edxml_document_id, d.sender_id, d.subject, string_agg(a.sha256, ',' ORDER BY a.position) AS blobs
     FROM documents d LEFT JOIN attachments a ON a.document_id = d.id WHERE d.direction = 'incoming' GROUP BY d.id ORDER BY d.edxml_document_id`,
  );
  return JSON.stringify(rows);
}

const credentials = (agency: AgencyCredential, url: string): AxisCredentials => ({ url, systemId: agency.code, secret: agency.secret });

export async function hubIngestBench(options: BenchOptions): Promise<boolean> {
  const count = options.docs;
  log(`== hub: receiving ${count} packages from the axis into PostgreSQL; peer: whole package in memory, DOM parse, one autocommit per row`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-bench-hub-ingest-'));
  const cluster = new PrivateCluster({ dir: path.join(dir, 'postgres'), passwordFile: path.join(dir, 'postgres-password') });
  const pools: pg.Pool[] = [];
  const axis = await startAxisProcess(path.join(dir, 'axis'));
  try {
    await cluster.start();
    const admin = await openPool(await cluster.connection('postgres'));
    pools.push(admin);
    const database = async (name: string) => {
      await ensureDatabase(admin, name);
      const pool = await openPool(await cluster.connection(name));
      pools.push(pool);
      await migrateHub(pool);
      return pool;
    };
    const [ours, naive] = [await database('ours'), await database('naive')];
    const [a, b, c] = axis.agencies;
    const uploadDir = path.join(dir, 'upload');
    await mkdir(uploadDir);
    const uploading = nowMs();
    await uploadPackages(createVxpClient({ baseUrl: axis.url, systemId: a!.code, secret: a!.secret }), uploadDir, { count, attachmentsPerPackage: 1, attachmentBytes: options.pdfBytes }, a!, [b!, c!], (done) => {
      if (done % 500 === 0) process.stderr.write(`  uploaded ${done}/${count}\n`);
    });
    log(`setup: ${count} packages with one ${Math.round(options.pdfBytes / 1024)} KB PDF each, sent in ${ms((nowMs() - uploading) / 1000)} s (not measured)`);

    const oursRun = await runOurs(ours, path.join(dir, 'ours-blobs'), credentials(b!, axis.url), count);
    const naiveRun = await runNaive(naive, path.join(dir, 'naive-blobs'), credentials(c!, axis.url));
    const same = (await digest(ours)) === (await digest(naive));
    const rate = (run: IngestRun) => run.docs / run.seconds;
    log(
      table(
        ['peer', 'documents', 'seconds', 'docs/s', 'transactions/doc'],
        [oursRun, naiveRun].map((run, index) => [
          index === 0 ? 'hub (SyncEngine on PostgreSQL)' : 'naive',
          String(run.docs),
          run.seconds.toFixed(1),
          rate(run).toFixed(0),
          (run.commits / run.docs).toFixed(1),
        ]),
        new Set([1, 2, 3, 4]),
      ),
    );
    log(`hub / naive: ${ratio(rate(oursRun) / rate(naiveRun))}; both stored the same documents and files: ${same ? 'yes' : 'NO'}`);
    log(`hub: the round ended, every status 01 sent back, after ${oursRun.roundSeconds!.toFixed(1)} s; load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
    const pass = same && oursRun.docs === count && rate(oursRun) >= GOAL_DOCS_PER_SECOND;
    log(goal('hub-ingest', `${rate(oursRun).toFixed(0)} docs/s (naive peer ${rate(naiveRun).toFixed(0)} docs/s, ${ratio(rate(oursRun) / rate(naiveRun))})`, `>= ${GOAL_DOCS_PER_SECOND} docs/s`, pass));
    return pass;
  } finally {
    await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
    await cluster.stop().catch(() => undefined);
    await axis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

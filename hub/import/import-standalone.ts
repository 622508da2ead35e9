/**
 * `npm run hub -- import <folder>`: a standalone agency's data folder moved into a new hub, its
 * numbers, registers, statuses, audit chain and blobs kept (docs/architecture.md, "Agency hub",
 * promotion). The folder itself is only read, under its instance lock so that VanThu cannot be
 * working in it meanwhile; the rows land in one transaction, whole or not at all.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { BLOBS_DIR, DATABASE_FILE } from '../../electron/core/config/data-dir.js';
import { acquireInstanceLock, DataDirInUseError } from '../../electron/core/host/instance-lock.js';
import { AUDIT_GENESIS_HASH, auditRowHash } from '../../electron/core/store/audit-chain.js';
import { BlobStore as DesktopBlobs } from '../../electron/core/store/blob-store.js';
import type { HubBlobStore } from '../blobs/blob-store.js';
import { appendAudit } from '../store/audit.js';
import { inTransaction } from '../store/database.js';
import { ensureInternalRegister } from '../store/internal-documents.js';
import {
  advanceIdentities,
  clearSeededRegisters,
  hubEmptiness,
  importedAuditRows,
  insertImportedAudit,
  insertRegisterCounters,
  insertRegisterEntries,
  insertRows,
  linkReplacements,
  withAgencySearchText,
} from '../store/standalone-import.js';
import { openStandaloneSource, type SourceRow, type StandaloneSource } from '../store/standalone-source.js';

export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

/**
 * Tables carried as they are, parents first. Columns of the desktop that the hub keeps elsewhere
 * are named in MAPPED and carried by their own step; any other column the hub lacks fails the
 * import (insertRows names it) rather than being dropped.
 */
const CARRIED = [
  'registers',
  'agencies',
  'documents',
  'attachments',
  'attachment_versions',
  'recipient_statuses',
  'status_events',
  'outbox',
  'inbound_packages',
  'quarantine',
  'pending_requests',
  'document_conflicts',
  'document_revisions',
  'sync_state',
] as const;
const MAPPED: Record<string, readonly string[]> = {
  documents: ['register_id', 'register_year', 'register_number', 'registered_at'],
  agencies: ['seq'],
};
/**
 * Columns that only keep the desk's own indexes in step (index_deferred: its search index is
 * written once per change, migration 290; 0 in every committed row): the hub indexes its own way.
 */
const DESK_INDEX_COLUMNS: Record<string, readonly string[]> = {
  documents: ['index_deferred'],
};
/** Records the hub does not keep yet: importing would leave them behind, so their rows refuse it. */
const NOT_YET_AT_THE_HUB = ['certified_copies', 'dossiers', 'dossier_documents', 'handovers', 'intake_items'] as const;
/**
 * Left at the desk on purpose: derived data the hub rebuilds (verdicts, indexes, extracted text)
 * and the clerk's own settings, templates, groups and saved searches.
 */
const LEFT_AT_THE_DESK = ['settings', 'document_verifications', 'blob_texts', 'placement_templates', 'recipient_groups', 'recipient_group_members', 'saved_searches'] as const;

export interface ImportSummary {
  documents: number;
  registers: number;
  auditRows: number;
  blobs: number;
  /** Rows of LEFT_AT_THE_DESK tables, by table, that stay in the standalone folder. */
  leftAtTheDesk: Record<string, number>;
}

export async function importStandalone(options: { pool: pg.Pool; blobs: HubBlobStore; dataDir: string; progress?: (line: string) => void }): Promise<ImportSummary> {
  const dataDir = path.resolve(options.dataDir);
  const progress = options.progress ?? (() => undefined);
  if (!existsSync(path.join(dataDir, DATABASE_FILE))) throw new ImportRefusedError(`${dataDir} holds no VanThu database (${DATABASE_FILE}): give the data folder of the standalone VanThu.`);
  let lock;
  try {
    lock = acquireInstanceLock(dataDir);
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new ImportRefusedError(`VanThu is running with ${dataDir} (process ${error.ownerPid}): close it on that computer, then import.`);
    throw error;
  }
  const source = openStandaloneSource(path.join(dataDir, DATABASE_FILE));
  try {
    checkSource(source, dataDir);
    const blobs = await copyBlobs(source, dataDir, options.blobs, progress);
    const summary = await inTransaction(options.pool, (client) => copyRows(client, source, dataDir, progress));
    return { ...summary, blobs };
  } finally {
    source.close();
    lock.release();
  }
}

function checkSource(source: StandaloneSource, dataDir: string): void {
  if (source.version < source.expectedVersion) {
    throw new ImportRefusedError(`The database in ${dataDir} is of an older VanThu (schema ${source.version}, this hub reads ${source.expectedVersion}): open it once with this version of VanThu, which upgrades it, then import.`);
  }
  if (source.version > source.expectedVersion) {
    throw new ImportRefusedError(`The database in ${dataDir} is of a newer VanThu (schema ${source.version}, this hub reads ${source.expectedVersion}): update the hub first.`);
  }
  const waiting = NOT_YET_AT_THE_HUB.map((table) => [table, source.count(table)] as const).filter(([, rows]) => rows > 0);
  if (waiting.length > 0) {
    throw new ImportRefusedError(
      `The standalone agency keeps records the hub does not keep yet (${waiting.map(([table, rows]) => `${table}: ${rows}`).join(', ')}); importing would leave them behind, so nothing was imported.`,
    );
  }
}

async function copyBlobs(source: StandaloneSource, dataDir: string, hub: HubBlobStore, progress: (line: string) => void): Promise<number> {
  const desktop = new DesktopBlobs(path.join(dataDir, BLOBS_DIR));
  const names = source.blobs();
  const missing = names.filter((sha256) => !existsSync(desktop.pathOf(sha256)));
  if (missing.length > 0) {
    throw new ImportRefusedError(`${missing.length} file(s) the database names are missing from ${path.join(dataDir, BLOBS_DIR)} (first: ${missing[0]}): restore the folder from a backup, then import.`);
  }
  let copied = 0;
  for (const sha256 of names) {
    if (!(await hub.has(sha256))) {
      const stored = await hub.put(createReadStream(desktop.pathOf(sha256)));
      if (stored.sha256 !== sha256) throw new ImportRefusedError(`The file ${desktop.pathOf(sha256)} is damaged (its content no longer matches its name): restore it from a backup, then import.`);
    }
    if (++copied % 500 === 0) progress(`files: ${copied} of ${names.length}`);
  }
  return copied;
}

async function copyRows(client: pg.PoolClient, source: StandaloneSource, dataDir: string, progress: (line: string) => void): Promise<Omit<ImportSummary, 'blobs'>> {
  const held = await hubEmptiness(client);
  if (held.documents > 0 || held.outbox > 0) throw new ImportRefusedError(`This hub already holds ${held.documents} document(s): import a standalone agency into a new hub only.`);
  await clearSeededRegisters(client);
  const replacements: { id: number; replacesId: number }[] = [];
  for (const table of CARRIED) {
    const columns = source.columns(table).filter((column) => !(MAPPED[table] ?? []).includes(column) && !(DESK_INDEX_COLUMNS[table] ?? []).includes(column));
    for (const page of source.rows(table)) {
      if (table === 'documents') {
        for (const row of page) if (row.replaces_id !== null) replacements.push({ id: row.id as number, replacesId: row.replaces_id as number });
        await insertRows(client, table, page.map((row) => ({ ...row, replaces_id: null })), columns);
        await insertRegisterEntries(client, page);
      } else if (table === 'agencies') {
        await insertRows(client, table, withAgencySearchText(page), [...columns, 'search_text']);
      } else {
        await insertRows(client, table, page, columns);
      }
    }
    if (table === 'registers') for (const page of source.rows('register_counters')) await insertRegisterCounters(client, page);
    progress(`${table}: ${source.count(table)}`);
  }
  await linkReplacements(client, replacements);
  await advanceIdentities(client, CARRIED);
  await ensureInternalRegister(client);
  const audit = await copyAuditChain(client, source, dataDir);
  const summary = {
    documents: source.count('documents'),
    registers: source.count('registers'),
    auditRows: audit.rows,
    leftAtTheDesk: Object.fromEntries(LEFT_AT_THE_DESK.map((table) => [table, source.count(table)]).filter(([, rows]) => (rows as number) > 0)),
  };
  await appendAudit(client, {
    actor: 'cli',
    action: 'standalone.import',
    subject: null,
    details: { from: dataDir, documents: summary.documents, registers: summary.registers, auditRows: audit.rows, auditHead: audit.head },
  });
  return summary;
}

/**
 * The standalone chain is copied row for row, then checked as it now stands in the hub: a chain
 * that does not verify (edited history) is not blessed by an import.
 */
async function copyAuditChain(client: pg.PoolClient, source: StandaloneSource, dataDir: string): Promise<{ rows: number; head: string }> {
  for (const page of source.rows('audit_log')) await insertImportedAudit(client, page);
  let head = AUDIT_GENESIS_HASH;
  let rows = 0;
  for (let after = 0; ; ) {
    const page: SourceRow[] = await importedAuditRows(client, after, 5000);
    if (page.length === 0) return { rows, head };
    for (const row of page) {
      const content = { at: row.at as string, actor: row.actor as string, action: row.action as string, subject: row.subject as string | null, details: row.details as string };
      if (row.prev_hash !== head || auditRowHash(head, content) !== row.hash) {
        throw new ImportRefusedError(`The audit log in ${dataDir} does not verify from its row ${String(row.seq)} on (its history was edited): nothing was imported. Keep the folder as evidence.`);
      }
      head = row.hash as string;
      rows++;
      after = row.seq as number;
    }
  }
}

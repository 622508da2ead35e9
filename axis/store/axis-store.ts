/**
 * The reference axis's records: the agency directory (with a version counter for incremental
 * synchronisation), the packages it accepted and their delivery to each recipient. Package
 * bytes live in files (package-storage.ts); a row only points at a file already made durable.
 */
import type Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { ADMIN_SECRET_FILE } from '../admin-secret.js';
import { PACKAGES_DIR } from '../package-storage.js';
import path from 'node:path';
import { openAxisDatabase } from './schema.js';

export type MessageType = 'edoc' | 'status';
export type DeliveryStatus = 'pending' | 'processing' | 'done' | 'fail';

export interface AgencyInput {
  code: string;
  name: string;
  codeQd20?: string | null;
  pid?: string | null;
  mail?: string | null;
  oldCode?: string | null;
  /** Null for directory entries that never log in to this axis. */
  secret?: string | null;
}

export interface AgencyRecord {
  code: string;
  codeQd20: string | null;
  pid: string | null;
  name: string;
  mail: string | null;
  oldCode: string | null;
  secret: string | null;
  locked: boolean;
  deleted: boolean;
  version: number;
  modifyDate: string;
}

export interface PackageRecord {
  docId: string;
  messageType: MessageType;
  sender: string;
  sha256: string;
  size: number;
  createdTime: string;
  /** Relative to the data directory, so that the directory can be moved. */
  filePath: string;
}

export interface DeliveryRecord {
  docId: string;
  receiver: string;
  status: DeliveryStatus;
  statusDesc: string;
  receivedTime: string | null;
  updatedTime: string;
}

export type ReceivedRecord = PackageRecord & Omit<DeliveryRecord, 'docId'>;

export interface ReceivedQuery {
  receiver: string;
  messageType?: MessageType;
  /** Inclusive ISO 8601 UTC bounds on the package's created time. */
  from?: string;
  to?: string;
}

/** Deliveries that still wait in the receiver's list: done and fail take them out. */
const OPEN_STATUSES = `('pending', 'processing')`;

const AGENCY_COLUMNS = `code, code_qd20 AS codeQd20, pid, name, mail, old_code AS oldCode, secret,
  locked, deleted, version, modify_date AS modifyDate`;
const PACKAGE_COLUMNS = `p.doc_id AS docId, p.message_type AS messageType, p.sender, p.sha256, p.size,
  p.created_time AS createdTime, p.file_path AS filePath`;
const DELIVERY_COLUMNS = `d.doc_id AS docId, d.receiver, d.status, d.status_desc AS statusDesc,
  d.received_time AS receivedTime, d.updated_time AS updatedTime`;

type AgencyRow = Omit<AgencyRecord, 'locked' | 'deleted'> & { locked: number; deleted: number };

const AXIS_DATABASE = 'axis.sqlite';
/** Demo mode's sample agencies with their secrets, for VanThu's first-run demo. */
export const DEMO_CREDENTIALS_FILE = 'demo-credentials.json';
/** The files that hold agencies' secrets (the database, its journals) or the operator's. */
const SECRET_FILES = [AXIS_DATABASE, `${AXIS_DATABASE}-wal`, `${AXIS_DATABASE}-shm`, ADMIN_SECRET_FILE, DEMO_CREDENTIALS_FILE];

/**
 * Every agency's secret is in this folder: owner-only at every start, whatever made the folder,
 * no looser than VanThu's own secrets (0700 folder, 0600 files; POSIX, see docs/reliability.md).
 */
function ownerOnly(dataDir: string): void {
  if (process.platform === 'win32') return;
  chmodSync(dataDir, 0o700);
  // The packages: agencies' documents (package-storage.ts writes them 0600 in it).
  if (existsSync(path.join(dataDir, PACKAGES_DIR))) chmodSync(path.join(dataDir, PACKAGES_DIR), 0o700);
  for (const name of SECRET_FILES) {
    const file = path.join(dataDir, name);
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

function toAgency(row: AgencyRow): AgencyRecord {
  return { ...row, locked: row.locked !== 0, deleted: row.deleted !== 0 };
}

export class AxisStore {
  readonly dataDir: string;
  private readonly db: Database.Database;

  private constructor(dataDir: string, db: Database.Database) {
    this.dataDir = dataDir;
    this.db = db;
  }

  static open(dataDir: string): AxisStore {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    ownerOnly(dataDir);
    return new AxisStore(dataDir, openAxisDatabase(path.join(dataDir, AXIS_DATABASE)));
  }

  close(): void {
    this.db.close();
  }

  // --- directory ---

  getAgency(code: string): AgencyRecord | undefined {
    const row = this.db.prepare(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE code = ?`).get(code) as AgencyRow | undefined;
    return row && toAgency(row);
  }

  /**
   * Adds agencies whose code is not taken yet, in one transaction, until `count` were added;
   * returns how many were. Each added row gets its own directory version.
   */
  addAgencies(candidates: Iterable<AgencyInput>, count: number): number {
    const insert = this.db.prepare(
      `INSERT INTO agencies (code, code_qd20, pid, name, mail, old_code, secret, version, modify_date)
       VALUES (@code, @codeQd20, @pid, @name, @mail, @oldCode, @secret, @version, @modifyDate)
       ON CONFLICT (code) DO NOTHING`,
    );
    return this.db
      .transaction(() => {
        let version = this.directoryVersion();
        const modifyDate = new Date().toISOString();
        let added = 0;
        for (const candidate of candidates) {
          if (added >= count) break;
          const changes = insert.run({ ...withDefaults(candidate), version: version + 1, modifyDate }).changes;
          if (changes === 1) {
            added++;
            version++;
          }
        }
        this.setDirectoryVersion(version);
        return added;
      })
      .immediate();
  }

  /**
   * Creates or updates an agency. A live agency keeps its secret (its systems keep working);
   * a new or previously deleted one takes the given secret.
   */
  registerAgency(input: AgencyInput & { secret: string }): AgencyRecord {
    return this.db
      .transaction(() => {
        const version = this.directoryVersion() + 1;
        this.db
          .prepare(
            `INSERT INTO agencies (code, code_qd20, pid, name, mail, old_code, secret, version, modify_date)
             VALUES (@code, @codeQd20, @pid, @name, @mail, @oldCode, @secret, @version, @modifyDate)
             ON CONFLICT (code) DO UPDATE SET
               code_qd20 = excluded.code_qd20, pid = excluded.pid, name = excluded.name, mail = excluded.mail,
               old_code = excluded.old_code,
               secret = CASE WHEN deleted = 0 AND secret IS NOT NULL THEN secret ELSE excluded.secret END,
               deleted = 0, version = excluded.version, modify_date = excluded.modify_date`,
          )
          .run({ ...withDefaults(input), version, modifyDate: new Date().toISOString() });
        this.setDirectoryVersion(version);
        return this.getAgency(input.code)!;
      })
      .immediate();
  }

  /** Marks an agency deleted (kept, so that synchronising clients learn of the deletion). */
  deleteAgency(code: string): boolean {
    return this.db
      .transaction(() => {
        const version = this.directoryVersion() + 1;
        const changes = this.db
          .prepare(`UPDATE agencies SET deleted = 1, version = ?, modify_date = ? WHERE code = ? AND deleted = 0`)
          .run(version, new Date().toISOString(), code).changes;
        if (changes === 1) this.setDirectoryVersion(version);
        return changes === 1;
      })
      .immediate();
  }

  /** Locking is an operator action outside the binding; it does not change the directory. */
  setAgencyLocked(code: string, locked: boolean): void {
    this.db.prepare(`UPDATE agencies SET locked = ? WHERE code = ?`).run(locked ? 1 : 0, code);
  }

  listAgencies(): AgencyRecord[] {
    const rows = this.db.prepare(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE deleted = 0 ORDER BY code`).all() as AgencyRow[];
    return rows.map(toAgency);
  }

  countAgencies(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM agencies WHERE deleted = 0`).get() as { n: number }).n;
  }

  /** Rows changed after `since` (deleted ones included), or the whole live directory when null. */
  directoryChanges(since: number | null): { version: number; rows: AgencyRecord[] } {
    return this.db
      .transaction(() => {
        const rows = (
          since === null
            ? this.db.prepare(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE deleted = 0 ORDER BY version`).all()
            : this.db.prepare(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE version > ? ORDER BY version`).all(since)
        ) as AgencyRow[];
        return { version: this.directoryVersion(), rows: rows.map(toAgency) };
      })
      .deferred();
  }

  directoryVersion(): number {
    return (this.db.prepare(`SELECT version FROM directory_state WHERE id = 1`).get() as { version: number }).version;
  }

  private setDirectoryVersion(version: number): void {
    this.db.prepare(`UPDATE directory_state SET version = ? WHERE id = 1`).run(version);
  }

  // --- packages and deliveries ---

  getPackage(docId: string): PackageRecord | undefined {
    return this.db.prepare(`SELECT ${PACKAGE_COLUMNS} FROM packages p WHERE p.doc_id = ?`).get(docId) as PackageRecord | undefined;
  }

  private findPackageByContent(sender: string, sha256: string): PackageRecord | undefined {
    return this.db.prepare(`SELECT ${PACKAGE_COLUMNS} FROM packages p WHERE p.sender = ? AND p.sha256 = ?`).get(sender, sha256) as
      | PackageRecord
      | undefined;
  }

  /**
   * Records a package whose file is already durable, with a pending delivery per receiver.
   * Returns the package actually kept: an earlier one with the same sender and content wins,
   * and then nothing new is delivered.
   */
  insertPackage(pkg: PackageRecord, receivers: readonly string[]): PackageRecord {
    return this.db
      .transaction(() => {
        const earlier = this.findPackageByContent(pkg.sender, pkg.sha256);
        if (earlier) return earlier;
        this.db
          .prepare(
            `INSERT INTO packages (doc_id, message_type, sender, sha256, size, created_time, file_path)
             VALUES (@docId, @messageType, @sender, @sha256, @size, @createdTime, @filePath)`,
          )
          .run(pkg);
        const deliver = this.db.prepare(
          `INSERT INTO deliveries (doc_id, receiver, status, updated_time) VALUES (?, ?, 'pending', ?)`,
        );
        for (const receiver of new Set(receivers)) deliver.run(pkg.docId, receiver, pkg.createdTime);
        return pkg;
      })
      .immediate();
  }

  listReceived(query: ReceivedQuery): ReceivedRecord[] {
    const conditions = [`d.receiver = @receiver`, `d.status IN ${OPEN_STATUSES}`];
    if (query.messageType) conditions.push(`p.message_type = @messageType`);
    if (query.from) conditions.push(`p.created_time >= @from`);
    if (query.to) conditions.push(`p.created_time <= @to`);
    return this.db
      .prepare(
        `SELECT ${PACKAGE_COLUMNS}, d.receiver, d.status, d.status_desc AS statusDesc,
                d.received_time AS receivedTime, d.updated_time AS updatedTime
         FROM deliveries d JOIN packages p ON p.doc_id = d.doc_id
         WHERE ${conditions.join(' AND ')}
         ORDER BY p.created_time, p.doc_id`,
      )
      .all(query) as ReceivedRecord[];
  }

  countReceived(receiver: string, messageType: MessageType): number {
    const row = this.db
      .prepare(
        `SELECT count(*) AS n FROM deliveries d JOIN packages p ON p.doc_id = d.doc_id
         WHERE d.receiver = ? AND d.status IN ${OPEN_STATUSES} AND p.message_type = ?`,
      )
      .get(receiver, messageType) as { n: number };
    return row.n;
  }

  getDelivery(docId: string, receiver: string): DeliveryRecord | undefined {
    return this.db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries d WHERE d.doc_id = ? AND d.receiver = ?`).get(docId, receiver) as
      | DeliveryRecord
      | undefined;
  }

  listDeliveries(docId: string): DeliveryRecord[] {
    return this.db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM deliveries d WHERE d.doc_id = ? ORDER BY d.receiver`).all(docId) as DeliveryRecord[];
  }

  /** `done` also stamps the received time: the receiver has stored the package. */
  updateDelivery(docId: string, receiver: string, status: DeliveryStatus, statusDesc: string): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `UPDATE deliveries SET status = ?, status_desc = ?, updated_time = ?,
           received_time = CASE WHEN ? = 'done' THEN coalesce(received_time, ?) ELSE received_time END
         WHERE doc_id = ? AND receiver = ?`,
      )
      .run(status, statusDesc, now, status, now, docId, receiver);
  }
}

function withDefaults(input: AgencyInput): Required<AgencyInput> {
  return {
    code: input.code,
    name: input.name,
    codeQd20: input.codeQd20 ?? null,
    pid: input.pid ?? null,
    mail: input.mail ?? null,
    oldCode: input.oldCode ?? null,
    secret: input.secret ?? null,
  };
}

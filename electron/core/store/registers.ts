/**
 * Registers (sổ đăng ký): numbers run gap-free from 1 on 1 January, per register per year
 * (NĐ 30/2020). The next number is taken inside the caller's write transaction, together with
 * the row that uses it, so two processes can never take the same number and a rolled-back
 * transaction leaves no gap. An agency keeps several registers (migration 080); each direction
 * has one default, whose codes 'incoming' and 'outgoing' are the counters' keys since 030.
 */
import type { RegisterDirection, RegisterEntry, RegisterInfo } from '../../../shared/api/registers.js';
import { formatDayMonthYear, formatDocumentNumber } from '../../../shared/text/display-formats.js';
import { vietnamDate, vietnamYear } from '../../../shared/text/vietnam-time.js';
import type { Db } from './database.js';

export const INCOMING_REGISTER = 'incoming';
/** Sổ văn bản đi: the numbers outgoing documents are issued with. */
export const OUTGOING_REGISTER = 'outgoing';


export function takeNextNumber(db: Db, register: string, year: number): number {
  if (!db.inTransaction) throw new Error('takeNextNumber must run inside the write transaction that uses the number');
  const row = db
    .prepare(
      `INSERT INTO register_counters (register, year, last_number) VALUES (?, ?, 1)
       ON CONFLICT (register, year) DO UPDATE SET last_number = last_number + 1
       RETURNING last_number`,
    )
    .get(register, year) as { last_number: number };
  return row.last_number;
}

interface RegisterRow {
  id: number;
  code: string;
  name: string;
  direction: RegisterDirection;
  scope: string;
  is_default: number;
  active: number;
}

function toInfo(row: RegisterRow, years: number[]): RegisterInfo {
  return { id: row.id, code: row.code, name: row.name, direction: row.direction, scope: row.scope, isDefault: row.is_default === 1, active: row.active === 1, years };
}

export function listRegisters(db: Db): RegisterInfo[] {
  const rows = db.prepare('SELECT * FROM registers ORDER BY direction, is_default DESC, name').all() as RegisterRow[];
  const years = db
    .prepare('SELECT DISTINCT register_id AS id, register_year AS year FROM documents WHERE register_id IS NOT NULL ORDER BY register_year DESC')
    .all() as { id: number; year: number }[];
  return rows.map((row) => toInfo(row, years.filter((y) => y.id === row.id).map((y) => y.year)));
}

export function getRegister(db: Db, id: number): RegisterInfo | null {
  const row = db.prepare('SELECT * FROM registers WHERE id = ?').get(id) as RegisterRow | undefined;
  if (!row) return null;
  const years = db.prepare('SELECT DISTINCT register_year AS year FROM documents WHERE register_id = ? ORDER BY register_year DESC').all(id) as { year: number }[];
  return toInfo(row, years.map((y) => y.year));
}

export interface NewRegister {
  code: string;
  name: string;
  direction: RegisterDirection;
  scope: string;
}

/** Returns null when the code is taken (a code names a series of numbers for good). */
export function createRegister(db: Db, input: NewRegister, now: Date = new Date()): number | null {
  const result = db
    .prepare('INSERT INTO registers (code, name, direction, scope, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING')
    .run(input.code, input.name, input.direction, input.scope, now.toISOString());
  return result.changes === 1 ? Number(result.lastInsertRowid) : null;
}

/** Closes (no new numbers) or reopens a register; the default ones stay open. Returns false for a default register. */
export function setRegisterActive(db: Db, id: number, active: boolean): boolean {
  return db.prepare('UPDATE registers SET active = ? WHERE id = ? AND (is_default = 0 OR ? = 1)').run(active ? 1 : 0, id, active ? 1 : 0).changes === 1;
}

/**
 * The register a number is taken from: the one asked for, or the direction's default. Null
 * when the one asked for does not exist, is closed or keeps the other direction.
 */
export function registerForNumbering(db: Db, direction: RegisterDirection, id: number | undefined): { id: number; code: string } | null {
  const row =
    id === undefined
      ? db.prepare('SELECT id, code FROM registers WHERE direction = ? AND is_default = 1').get(direction)
      : db.prepare('SELECT id, code FROM registers WHERE id = ? AND direction = ? AND active = 1').get(id, direction);
  return (row as { id: number; code: string } | undefined) ?? null;
}

/** Takes the register's next number for the document and records its place in the book; inside the write transaction. */
export function enterInRegister(db: Db, documentId: number, register: { id: number; code: string }, now: Date): number {
  const year = vietnamYear(now);
  const number = takeNextNumber(db, register.code, year);
  db.prepare('UPDATE documents SET register_id = ?, register_year = ?, register_number = ?, registered_at = ? WHERE id = ?').run(register.id, year, number, now.toISOString(), documentId);
  return number;
}

interface EntryRow {
  id: number;
  register_number: number;
  registered_at: string;
  sender_name: string | null;
  sender_id: string | null;
  code_number: string | null;
  code_notation: string | null;
  promulgation_date: string | null;
  type_name: string | null;
  subject: string;
  signer_name: string | null;
  recipients: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
}

/** 2026-03-05 → 05/03/2026, the way the paper book is written. */
const bookDate = (isoDate: string | null): string => (isoDate ? formatDayMonthYear(isoDate) : '');


function numberNotation(row: EntryRow): string {
  const number = row.code_number ?? '';
  return row.code_notation ? `${number}/${row.code_notation}` : number;
}

function typeAndSubject(row: EntryRow): string {
  return row.type_name ? `${row.type_name}: ${row.subject}` : row.subject;
}

function toEntry(row: EntryRow, direction: RegisterDirection): RegisterEntry {
  const notes = row.revoked_at ? `Thu hồi ${bookDate(vietnamDate(new Date(row.revoked_at)))}${row.revoke_reason ? `: ${row.revoke_reason}` : ''}` : '';
  const arrivalDate = vietnamDate(new Date(row.registered_at));
  const documentDate = row.promulgation_date?.slice(0, 10) ?? null;
  const isoDates: RegisterEntry['isoDates'] = direction === 'in' ? { arrivalDate, ...(documentDate && { documentDate }) } : { ...(documentDate && { documentDate }) };
  const cells: RegisterEntry['cells'] =
    direction === 'in'
      ? {
          arrivalDate: bookDate(arrivalDate),
          arrivalNumber: formatDocumentNumber(row.register_number),
          issuer: row.sender_name ?? row.sender_id ?? '',
          numberNotation: numberNotation(row),
          documentDate: bookDate(documentDate),
          typeAndSubject: typeAndSubject(row),
          receiver: '',
          receiptSignature: '',
          notes,
        }
      : {
          numberNotation: numberNotation(row),
          documentDate: bookDate(documentDate),
          typeAndSubject: typeAndSubject(row),
          signer: row.signer_name ?? '',
          recipients: row.recipients ?? '',
          keeper: '',
          copies: '',
          notes,
        };
  return { documentId: row.id, number: row.register_number, cells, isoDates };
}

/** The lines of one register's book for a year, in number order. */
export function registerEntries(db: Db, register: RegisterInfo, year: number, limit: number, offset: number): { rows: RegisterEntry[]; total: number } {
  const { total } = db.prepare('SELECT count(*) AS total FROM documents WHERE register_id = ? AND register_year = ?').get(register.id, year) as { total: number };
  const rows = db
    .prepare(
      `SELECT d.id, d.register_number, d.registered_at, d.sender_name, d.sender_id, d.code_number, d.code_notation, d.promulgation_date,
              d.type_name, d.subject, d.signer_name, d.revoked_at, d.revoke_reason,
              (SELECT group_concat(COALESCE(a.name, r.recipient_id), '; ') FROM recipient_statuses r LEFT JOIN agencies a ON a.id = r.recipient_id
                WHERE r.document_id = d.id) AS recipients
       FROM documents d WHERE d.register_id = ? AND d.register_year = ?
       ORDER BY d.register_number LIMIT ? OFFSET ?`,
    )
    .all(register.id, year, limit, offset) as EntryRow[];
  return { rows: rows.map((row) => toEntry(row, register.direction)), total };
}

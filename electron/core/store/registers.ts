/**
 * Registers (sổ đăng ký): numbers run gap-free from 1 on 1 January, per register per year
 * (NĐ 30/2020). The next number is taken inside the caller's write transaction, together with
 * the row that uses it, so two processes can never take the same number and a rolled-back
 * transaction leaves no gap.
 */
import type { Db } from './database.js';

export const INCOMING_REGISTER = 'incoming';
/** Sổ văn bản đi: the numbers outgoing documents are issued with. */
export const OUTGOING_REGISTER = 'outgoing';

/** The calendar year in Vietnam (+07:00): a document received at 23:30 UTC on 31 December is next year's. */
export function vietnamYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();
}

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

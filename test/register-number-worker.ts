/**
 * A process that takes numbers from a register, as a second VanThu process on the same data
 * folder would: its own connection (WAL, busy timeout), the real store functions, one write
 * transaction per document. Bundled by the concurrency test; started with
 * `<database> <register code> <count>`; waits for the start time so that both start together;
 * answers with the numbers it took.
 */
import { openDatabase, writeTransaction } from '../electron/core/store/database.js';
import { enterInRegister, registerForNumbering } from '../electron/core/store/registers.js';
import { insertDocument } from './document-rows.js';

const [file, code, count] = process.argv.slice(2);
const db = openDatabase(file!, { migrate: false });
const register = (db.prepare('SELECT id FROM registers WHERE code = ?').get(code) as { id: number }).id;
const book = registerForNumbering(db, 'in', register)!;

process.once('message', async (startAt: number) => {
  // Both processes start at the same instant, not when each happens to get the message.
  while (Date.now() < startAt);
  const numbers: number[] = [];
  for (let i = 0; i < Number(count); i++) {
    const now = new Date('2026-06-01T03:00:00.000Z');
    numbers.push(writeTransaction(db, () => enterInRegister(db, insertDocument(db, { direction: 'incoming', subject: `${process.pid} ${i}`, receivedAt: now.toISOString() }), book, now)));
    // A clerk's process does other work between two documents; without a pause, SQLite's busy
    // back-off can let one process finish its whole loop while the other sleeps.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  db.close();
  process.send!({ numbers }, () => process.exit(0));
});
process.send!('ready');

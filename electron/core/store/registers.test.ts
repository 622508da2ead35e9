import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { insertDocument } from '../../../test/document-rows.js';
import { openDatabase, writeTransaction, type Db } from './database.js';
import { createRegister, enterInRegister, getRegister, listRegisters, registerEntries, registerForNumbering, setRegisterActive, takeNextNumber } from './registers.js';
import { insertRecipients } from './status-events.js';

const tempDir = useTempDirs();

async function freshDb(): Promise<Db> {
  return openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
}

const defaultOf = (db: Db, direction: 'in' | 'out') => registerForNumbering(db, direction, undefined)!;

describe('registers', () => {
  it('number each register separately, from 1 in each Vietnamese year', async () => {
    const db = await freshDb();
    const secret = createRegister(db, { code: 'mat-den', name: 'Sổ văn bản mật đến', direction: 'in', scope: 'Văn bản mật' })!;
    const take = (register: { id: number; code: string }, at: string) =>
      writeTransaction(db, () => enterInRegister(db, insertDocument(db, { direction: 'incoming', subject: 'x', receivedAt: at }), register, new Date(at)));
    const incoming = defaultOf(db, 'in');
    const secretRegister = registerForNumbering(db, 'in', secret)!;
    expect([
      take(incoming, '2026-03-01T00:00:00.000Z'),
      take(incoming, '2026-03-02T00:00:00.000Z'),
      take(secretRegister, '2026-03-02T00:00:00.000Z'),
      // 17:30 UTC on 31 December is already 1 January in Vietnam: a new series.
      take(incoming, '2026-12-31T17:30:00.000Z'),
      take(incoming, '2026-12-31T16:30:00.000Z'),
    ]).toEqual([1, 2, 1, 1, 3]);
    expect(listRegisters(db).map((r) => [r.code, r.years])).toEqual([
      ['incoming', [2027, 2026]],
      ['mat-den', [2026]],
      ['outgoing', []],
    ]);
    db.close();
  });

  it('refuse a number outside the write transaction that uses it', async () => {
    const db = await freshDb();
    expect(() => takeNextNumber(db, 'incoming', 2026)).toThrow(/inside the write transaction/);
    db.close();
  });

  it('give numbers only from an open register of the right direction', async () => {
    const db = await freshDb();
    const outgoing = defaultOf(db, 'out');
    const closed = createRegister(db, { code: 'cu', name: 'Sổ cũ', direction: 'in', scope: '' })!;
    expect(setRegisterActive(db, closed, false)).toBe(true);
    expect(setRegisterActive(db, outgoing.id, false)).toBe(false);
    expect(getRegister(db, outgoing.id)!.active).toBe(true);
    expect(defaultOf(db, 'in').code).toBe('incoming');
    expect(registerForNumbering(db, 'in', outgoing.id)).toBeNull();
    expect(registerForNumbering(db, 'in', closed)).toBeNull();
    expect(registerForNumbering(db, 'out', outgoing.id)).toEqual(outgoing);
    expect(createRegister(db, { code: 'cu', name: 'Trùng mã', direction: 'out', scope: '' })).toBeNull();
    expect(setRegisterActive(db, closed, true)).toBe(true);
    expect(registerForNumbering(db, 'in', closed)).toEqual({ id: closed, code: 'cu' });
    db.close();
  });

  it('list a year of the book in number order, with the decree columns filled from the documents', async () => {
    const db = await freshDb();
    const incoming = defaultOf(db, 'in');
    const outgoing = defaultOf(db, 'out');
    writeTransaction(db, () => {
      const first = insertDocument(db, {
        direction: 'incoming',
        subject: 'V/v báo cáo tình hình',
        senderName: 'UBND tỉnh Nghệ An',
        codeNumber: '12',
        codeNotation: 'UBND-VX',
        typeName: 'Công văn',
        promulgationDate: '2026-03-03',
        receivedAt: '2026-03-04T01:00:00.000Z',
      });
      const second = insertDocument(db, { direction: 'incoming', subject: 'Quyết định phê duyệt', senderId: '000.00.00.H41', codeNumber: '5', codeNotation: 'QĐ-UBND' });
      enterInRegister(db, first, incoming, new Date('2026-03-04T18:00:00.000Z'));
      enterInRegister(db, second, incoming, new Date('2026-03-05T02:00:00.000Z'));
      const sent = insertDocument(db, { direction: 'outgoing', subject: 'Kế hoạch năm', codeNumber: '01', codeNotation: 'KH-UBND', typeName: 'Kế hoạch', promulgationDate: '2026-01-02', signerName: 'Nguyễn Văn An' });
      insertRecipients(db, sent, ['000.00.00.H41', '000.00.00.H42'], 'sent', '2026-01-02T00:00:00.000Z');
      enterInRegister(db, sent, outgoing, new Date('2026-01-02T03:00:00.000Z'));
    });
    const book = registerEntries(db, getRegister(db, incoming.id)!, 2026, 1, 0);
    expect(book.total).toBe(2);
    expect(book.rows).toEqual([
      {
        documentId: 1,
        number: 1,
        cells: {
          arrivalDate: '05/03/2026',
          arrivalNumber: '01',
          issuer: 'UBND tỉnh Nghệ An',
          numberNotation: '12/UBND-VX',
          documentDate: '03/03/2026',
          typeAndSubject: 'Công văn: V/v báo cáo tình hình',
          receiver: '',
          receiptSignature: '',
          notes: '',
        },
        // The arrival day in Vietnam's time (18:00 UTC on the 4th is the 5th), kept as a date for spreadsheets.
        isoDates: { arrivalDate: '2026-03-05', documentDate: '2026-03-03' },
      },
    ]);
    expect(registerEntries(db, getRegister(db, incoming.id)!, 2026, 10, 1).rows.map((r) => [r.number, r.cells.issuer, r.cells.numberNotation])).toEqual([[2, '000.00.00.H41', '5/QĐ-UBND']]);
    expect(registerEntries(db, getRegister(db, outgoing.id)!, 2026, 10, 0).rows.map((r) => r.cells)).toEqual([
      {
        numberNotation: '01/KH-UBND',
        documentDate: '02/01/2026',
        typeAndSubject: 'Kế hoạch: Kế hoạch năm',
        signer: 'Nguyễn Văn An',
        recipients: '000.00.00.H41; 000.00.00.H42',
        keeper: '',
        copies: '',
        notes: '',
      },
    ]);
    expect(registerEntries(db, getRegister(db, incoming.id)!, 2025, 10, 0)).toEqual({ rows: [], total: 0 });
    db.close();
  });
});

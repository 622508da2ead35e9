/**
 * The contract every ExchangeStore (exchange-store.ts) keeps, written against the interface
 * alone and parameterised by a factory: the SQLite store runs it (sqlite-exchange-store.test.ts),
 * and a PostgreSQL store runs the same suite with its own factory. Each test gets a fresh, empty,
 * migrated store with the default registers ('incoming' and 'outgoing').
 */
import { describe, expect, it } from 'vitest';
import type { ExchangeStore } from './exchange-store.js';

export interface StoreUnderTest {
  store: ExchangeStore;
  dispose(): Promise<void>;
}

const AT = '2026-06-01T03:00:00.000Z';
const NOW = new Date(AT);

export function describeExchangeStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  async function withStore(test: (store: ExchangeStore) => Promise<void>): Promise<void> {
    const opened = await open();
    try {
      await test(opened.store);
    } finally {
      await opened.dispose();
    }
  }

  const received = (n: number) => ({ subject: `received ${n}`, senderId: 'sender', senderName: 'Sender', edxmlDocumentId: `doc-${n}`, receivedAt: AT });

  describe(`ExchangeStore contract: ${name}`, () => {
    it('commits everything a write transaction did together', () =>
      withStore(async (store) => {
        const id = await store.write(async (tx) => {
          const doc = await tx.insertReceived(received(1), AT);
          await tx.enqueueOutbox({ documentId: doc, messageType: 'status', packageSha256: 'a'.repeat(64), recipients: ['sender'], purpose: 'status:01' }, AT);
          await tx.recordInbound({ axisDocId: 'axis-1', messageType: 'edoc', outcome: 'document', documentId: doc }, AT);
          await tx.appendAudit({ actor: 'sync', action: 'document.received', subject: `document:${doc}` }, NOW);
          return doc;
        });
        expect(await store.read.document(id)).toMatchObject({ direction: 'incoming', state: 'arrived', senderId: 'sender', edxmlDocumentId: 'doc-1' });
        expect(await store.read.findIncomingId('sender', 'doc-1')).toBe(id);
        expect(await store.read.inbound('axis-1')).toEqual({ axisDocId: 'axis-1', messageType: 'edoc', outcome: 'document', documentId: id, acknowledgedAt: null });
        expect((await store.read.dueOutbox(AT, 10)).map((entry) => entry.documentId)).toEqual([id]);
        expect(await store.read.auditRows()).toBe(1);
      }));

    it('keeps nothing of a write transaction that failed, and passes its error on', () =>
      withStore(async (store) => {
        const failure = new Error('the package file could not be read');
        await expect(
          store.write(async (tx) => {
            const doc = await tx.insertReceived(received(1), AT);
            await tx.recordInbound({ axisDocId: 'axis-1', messageType: 'edoc', outcome: 'document', documentId: doc }, AT);
            await tx.appendAudit({ actor: 'sync', action: 'document.received' }, NOW);
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await store.read.findIncomingId('sender', 'doc-1')).toBeNull();
        expect(await store.read.inbound('axis-1')).toBeNull();
        expect(await store.read.auditRows()).toBe(0);
      }));

    it('takes register numbers gap-free inside the write, and a rolled-back number is taken again', () =>
      withStore(async (store) => {
        const book = (await store.read.registerForNumbering('in'))!;
        expect(book.code).toBe('incoming');
        const ids = await store.write(async (tx) => [await tx.insertReceived(received(1), AT), await tx.insertReceived(received(2), AT), await tx.insertReceived(received(3), AT)]);
        expect(await store.write((tx) => tx.enterInRegister(ids[0]!, book, NOW))).toBe(1);
        await expect(
          store.write(async (tx) => {
            expect(await tx.enterInRegister(ids[1]!, book, NOW)).toBe(2);
            throw new Error('the status package could not be queued');
          }),
        ).rejects.toThrow('could not be queued');
        expect(await store.write((tx) => tx.enterInRegister(ids[2]!, book, NOW))).toBe(2);
        expect((await store.read.document(ids[2]!))!.registerNumber).toBe(2);
        expect((await store.read.document(ids[1]!))!.registerNumber).toBeNull();
      }));

    it('numbers a new year from 1 again', () =>
      withStore(async (store) => {
        const book = (await store.read.registerForNumbering('out'))!;
        const [a, b] = await store.write(async (tx) => [await tx.createDraft('a', AT), await tx.createDraft('b', AT)]);
        expect(await store.write((tx) => tx.enterInRegister(a!, book, new Date('2026-12-31T16:30:00.000Z')))).toBe(1);
        // 17:00 UTC on 31 December is midnight in Vietnam: a new year.
        expect(await store.write((tx) => tx.enterInRegister(b!, book, new Date('2026-12-31T17:00:00.000Z')))).toBe(1);
      }));

    it('runs write transactions begun at once one after another: distinct numbers, all committed', () =>
      withStore(async (store) => {
        const book = (await store.read.registerForNumbering('in'))!;
        const numbers = await Promise.all(
          Array.from({ length: 20 }, (_, n) =>
            store.write(async (tx) => {
              const doc = await tx.insertReceived(received(n), AT);
              const number = await tx.enterInRegister(doc, book, NOW);
              await tx.setHandlingState(doc, 'accepted', number, AT);
              await tx.appendAudit({ actor: 'clerk', action: 'document.status.03', subject: `document:${doc}` }, NOW);
              return number;
            }),
          ),
        );
        expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
        expect(await store.read.auditRows()).toBe(20);
      }));

    it('refuses a write transaction begun inside another', () =>
      withStore(async (store) => {
        await expect(store.write(async () => store.write(async () => 1))).rejects.toThrow(/inside another/);
      }));

    it('moves a draft to the outbox once, and marks it sent only from queued or failed', () =>
      withStore(async (store) => {
        const sent = { edxmlDocumentId: '000.00.00.H41,2026/06/01,1/QĐ-UBND', promulgationDate: '2026-06-01', senderId: '000.00.00.H41', packageSha256: 'b'.repeat(64) };
        const draft = await store.write((tx) => tx.createDraft('a decision', AT));
        expect(await store.write((tx) => tx.queueDraftForSending(draft, sent, AT))).toBe(true);
        expect(await store.write((tx) => tx.queueDraftForSending(draft, sent, AT))).toBe(false);
        expect(await store.read.findOutgoingId(sent.edxmlDocumentId)).toBe(draft);
        await store.write((tx) => tx.markDocumentFailed(draft, AT));
        await store.write((tx) => tx.markDocumentSent(draft, 'axis-doc', AT));
        expect(await store.read.document(draft)).toMatchObject({ direction: 'outgoing', state: 'sent', axisDocId: 'axis-doc' });
        await store.write((tx) => tx.setHandlingState(draft, 'revoked', null, AT));
        await store.write((tx) => tx.markDocumentSent(draft, 'another', AT));
        expect(await store.read.document(draft)).toMatchObject({ state: 'revoked', axisDocId: 'axis-doc' });
      }));

    it('holds an outbox entry until its time, and keeps its state changes', () =>
      withStore(async (store) => {
        const entry = { documentId: null, messageType: 'status' as const, packageSha256: 'c'.repeat(64), recipients: ['sender'], purpose: 'status:03', notBefore: '2026-06-01T03:10:00.000Z' };
        const id = await store.write((tx) => tx.enqueueOutbox(entry, AT));
        expect(await store.read.dueOutbox('2026-06-01T03:05:00.000Z', 10)).toEqual([]);
        expect((await store.read.dueOutbox('2026-06-01T03:10:00.000Z', 10)).map((row) => row.id)).toEqual([id]);
        await store.write((tx) => tx.setOutboxState(id, { state: 'sent', axisDocId: 'axis-9', countAttempt: true }, AT));
        expect(await store.read.outboxEntry(id)).toMatchObject({ state: 'sent', attempts: 1, axisDocId: 'axis-9', recipients: ['sender'] });
        expect(await store.read.dueOutbox('2026-06-02T00:00:00.000Z', 10)).toEqual([]);
      }));

    it('records an inbound package once and its acknowledgement later', () =>
      withStore(async (store) => {
        await store.write((tx) => tx.recordInbound({ axisDocId: 'axis-7', messageType: 'status', outcome: 'status', documentId: null }, AT));
        await expect(store.write((tx) => tx.recordInbound({ axisDocId: 'axis-7', messageType: 'status', outcome: 'status', documentId: null }, AT))).rejects.toThrow();
        await store.write((tx) => tx.markAcknowledged(['axis-7'], '2026-06-01T03:01:00.000Z'));
        expect(await store.read.inbound('axis-7')).toMatchObject({ outcome: 'status', acknowledgedAt: '2026-06-01T03:01:00.000Z' });
      }));

    it('records a status event of an axis package once, and moves a recipient forward only', () =>
      withStore(async (store) => {
        const doc = await store.write(async (tx) => {
          const id = await tx.createDraft('sent', AT);
          await tx.insertRecipients(id, ['r1'], 'sent', AT);
          return id;
        });
        const event = { documentId: doc, agencyId: 'r1', direction: 'in' as const, statusCode: '03', description: null, staff: 'clerk', occurredAt: AT, axisDocId: 'axis-s1' };
        expect(await store.write((tx) => tx.recordStatusEvent(event))).toBe(true);
        expect(await store.write((tx) => tx.recordStatusEvent(event))).toBe(false);
        expect(await store.read.statusEvents(doc)).toEqual([event]);
        expect(await store.write((tx) => tx.applyRecipientStatus(doc, 'r1', '03', null, AT))).toBe(true);
        expect(await store.read.recipientState(doc, 'r1')).toBe('accepted');
        // A 01 fetched after the 03 it preceded does not move the recipient back.
        expect(await store.write((tx) => tx.applyRecipientStatus(doc, 'r1', '01', null, AT))).toBe(true);
        expect(await store.read.recipientState(doc, 'r1')).toBe('accepted');
        expect(await store.write((tx) => tx.applyRecipientStatus(doc, 'stranger', '03', null, AT))).toBe(false);
      }));
  });
}

/**
 * The contract every ExchangeStore (exchange-store.ts) keeps, written against the interface
 * alone and parameterised by a factory: the SQLite store runs it (sqlite-exchange-store.test.ts),
 * and a PostgreSQL store runs the same suite with its own factory. Each test gets a fresh, empty,
 * migrated store with the default registers ('incoming' and 'outgoing').
 */
import { describe, expect, it } from 'vitest';
import type { ExchangeStore, ExchangeTransaction, ReceivedPackage } from './exchange-store.js';
import { contentFingerprint, type ContentColumns, type ReceivedContent } from './received-content.js';

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

  const columns = (subject: string): ContentColumns => ({
    sender_name: 'Sở Nội vụ',
    subject,
    summary: 'about it',
    code_number: '12',
    code_notation: 'QĐ-UBND',
    type_name: 'Quyết định',
    promulgation_date: '2026-05-30',
    signer_name: 'Nguyễn Văn An',
    signer_position: 'Chủ tịch',
    signer_competence: 'KT. CHỦ TỊCH',
    place: 'Nghệ An',
    priority: 2,
    due_date: null,
  });
  const file = (name: string, hex: string) => ({ name, contentType: 'application/pdf', sha256: hex.repeat(64), size: 9 });
  const withPackage = (n: number, extra: Partial<ReceivedPackage> = {}) => ({
    ...received(n),
    senderName: 'Sở Nội vụ',
    package: { axisDocId: `axis-${n}`, packageSha256: 'd'.repeat(64), content: columns(`received ${n}`), toPlaces: '["Như trên;"]', headerFields: '{}', replacesId: null, ...extra },
  });
  /** An outgoing document the axis took, with these recipients at 'sent' since `at`. */
  async function sentDocument(tx: ExchangeTransaction, n: number, recipients: string[], at: string): Promise<number> {
    const id = await tx.createDraft(`sent ${n}`, AT);
    await tx.queueDraftForSending(id, { edxmlDocumentId: `self,2026/06/01,${n}/QĐ`, promulgationDate: '2026-06-01', senderId: 'self', packageSha256: 'e'.repeat(64) }, AT);
    await tx.markDocumentSent(id, `axis-out-${n}`, AT);
    await tx.insertRecipients(id, recipients, 'sent', at);
    return id;
  }

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

    it('gives a document one register number: a second, or one for no document, is refused and takes none', () =>
      withStore(async (store) => {
        const book = (await store.read.registerForNumbering('in'))!;
        const [a, b] = await store.write(async (tx) => [await tx.insertReceived(received(1), AT), await tx.insertReceived(received(2), AT)]);
        expect(await store.write((tx) => tx.enterInRegister(a!, book, NOW))).toBe(1);
        await expect(store.write((tx) => tx.enterInRegister(a!, book, NOW))).rejects.toThrow(/in a register already/);
        await expect(store.write((tx) => tx.enterInRegister(999_999, book, NOW))).rejects.toThrow(/does not exist/);
        expect((await store.read.document(a!))!.registerNumber).toBe(1);
        expect(await store.write((tx) => tx.enterInRegister(b!, book, NOW))).toBe(2);
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

    it('keeps a package given as bytes in its outbox row, byte for byte, and gives none for a package in the blob store', () =>
      withStore(async (store) => {
        const bytes = Buffer.from('<edXML>\u0000Đã đến\xff</edXML>', 'utf8');
        const base = { documentId: null, messageType: 'status' as const, recipients: ['sender'], purpose: 'status:01' };
        const [inRow, inBlobs] = await store.write(async (tx) => [
          await tx.enqueueOutbox({ ...base, packageSha256: 'd'.repeat(64), packageBytes: bytes }, AT),
          await tx.enqueueOutbox({ ...base, packageSha256: 'e'.repeat(64) }, AT),
        ]);
        const due = await store.read.dueOutbox(AT, 10);
        expect(Buffer.from(due.find((row) => row.id === inRow)!.packageBytes!).equals(bytes)).toBe(true);
        expect(Buffer.from((await store.read.outboxEntry(inRow))!.packageBytes!).equals(bytes)).toBe(true);
        expect(due.find((row) => row.id === inBlobs)).not.toHaveProperty('packageBytes');
        expect(await store.read.outboxEntry(inBlobs)).not.toHaveProperty('packageBytes');
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
    it('stores a received document with what its package brought, and its attachments in order', () =>
      withStore(async (store) => {
        const files = [file('b.pdf', 'b'), file('a.pdf', 'a')];
        const id = await store.write((tx) => tx.insertReceived({ ...withPackage(1), files }, AT));
        expect(await store.read.document(id)).toMatchObject({ direction: 'incoming', state: 'arrived', axisDocId: 'axis-1', packageSha256: 'd'.repeat(64), subject: 'received 1', updatedAt: AT });
        expect(await store.read.receivedContent(id)).toEqual({ columns: columns('received 1'), attachments: files });
        // The bare row of the other tests has no package.
        const bare = await store.write((tx) => tx.insertReceived(received(2), AT));
        expect((await store.read.document(bare))!.packageSha256).toBeNull();
        expect(await store.read.receivedContent(999_999)).toBeNull();
      }));

    it('keeps another version as a conflict, known afterwards by its content fingerprint', () =>
      withStore(async (store) => {
        const id = await store.write((tx) => tx.insertReceived(withPackage(1), AT));
        const other: ReceivedContent = { columns: columns('received 1, corrected'), attachments: [file('c.pdf', 'c')] };
        const fingerprint = contentFingerprint(other);
        expect(await store.read.isKnownVersion(id, fingerprint)).toBe(false);
        const conflict = await store.write((tx) => tx.recordConflict({ documentId: id, axisDocId: 'axis-again', packageSha256: 'f'.repeat(64), content: other, receivedAt: AT }));
        expect(conflict).toBeGreaterThan(0);
        expect(await store.read.isKnownVersion(id, fingerprint)).toBe(true);
        expect(await store.read.isKnownVersion(id, contentFingerprint({ ...other, attachments: [] }))).toBe(false);
      }));

    it('keeps what a document held as a revision, then takes new content, header and attachments', () =>
      withStore(async (store) => {
        const id = await store.write((tx) => tx.insertReceived({ ...withPackage(1), files: [file('old.pdf', 'a')] }, AT));
        const later = '2026-06-02T03:00:00.000Z';
        await store.write(async (tx) => {
          await tx.keepRevision(id, 'another version taken', later);
          await tx.replaceContent(id, columns('taken version'), 'f'.repeat(64), later);
          await tx.replaceAttachments(id, [file('new.pdf', 'b'), file('annex.pdf', 'c')], later);
        });
        expect(await store.read.revisions(id)).toEqual([{ reason: 'another version taken', revisedAt: later }]);
        expect(await store.read.receivedContent(id)).toEqual({ columns: columns('taken version'), attachments: [file('new.pdf', 'b'), file('annex.pdf', 'c')] });
        expect(await store.read.document(id)).toMatchObject({ packageSha256: 'f'.repeat(64), updatedAt: later });

        const { sender_name: _sender, promulgation_date: _date, place: _place, due_date: _due, ...header } = columns('updated subject');
        await store.write((tx) => tx.applyUpdatedHeader(id, { ...header, signer_name: 'Trần Thị Bình', priority: 3, to_places: '["Lưu: VT."]', header_fields: '{}' }, later));
        const updated = (await store.read.receivedContent(id))!;
        expect(updated.columns).toMatchObject({ subject: 'updated subject', signer_name: 'Trần Thị Bình', priority: 3, place: 'Nghệ An' });
        expect(updated.attachments).toHaveLength(2);
        await expect(store.write((tx) => tx.keepRevision(999_999, 'no such document', later))).rejects.toThrow();
      }));

    it("keeps one sender's request per document until the clerk answers it, and revokes when agreed", () =>
      withStore(async (store) => {
        const id = await store.write((tx) => tx.insertReceived(withPackage(1), AT));
        const takeBack = { documentId: id, kind: 'takeback' as const, requesterId: 'sender', reason: 'sent by mistake', receivedAt: AT, replacementId: null, payload: null };
        await store.write((tx) => tx.putRequest(takeBack));
        expect(await store.read.pendingRequest(id)).toEqual(takeBack);
        // A later request replaces the unanswered one.
        const revoke = { ...takeBack, kind: 'revoke' as const, reason: 'wrong decision', receivedAt: '2026-06-01T04:00:00.000Z' };
        await store.write((tx) => tx.putRequest(revoke));
        expect(await store.read.pendingRequest(id)).toEqual(revoke);
        const at = '2026-06-01T05:00:00.000Z';
        await store.write(async (tx) => {
          await tx.revokeDocument(id, revoke.reason, at);
          await tx.removeRequest(id);
        });
        expect(await store.read.pendingRequest(id)).toBeNull();
        expect(await store.read.document(id)).toMatchObject({ state: 'revoked', updatedAt: at });
        await store.write((tx) => tx.touchDocument(id, '2026-06-01T06:00:00.000Z'));
        expect(await store.read.document(id)).toMatchObject({ state: 'revoked', updatedAt: '2026-06-01T06:00:00.000Z' });
      }));

    it('quarantines a package with its reason, retries it when the clerk asks, and lets it go once stored', () =>
      withStore(async (store) => {
        const entry = { axisDocId: 'axis-q', messageType: 'edoc' as const, senderId: 'sender', reason: 'unknown_document' as const, detail: 'never received', packageSha256: 'a'.repeat(64) };
        await store.write(async (tx) => {
          await tx.quarantinePackage(entry, AT);
          await tx.recordInbound({ axisDocId: 'axis-q', messageType: 'edoc', outcome: 'quarantined', documentId: null }, AT);
        });
        const item = (await store.read.quarantined('axis-q'))!;
        expect(item).toMatchObject({ axisDocId: 'axis-q', messageType: 'edoc', senderId: 'sender', packageSha256: 'a'.repeat(64), state: 'open', reason: 'unknown_document', detail: 'never received' });
        expect(await store.read.retryingQuarantine()).toEqual([]);
        await store.write((tx) => tx.retryQuarantined(item.id, AT));
        expect(await store.read.retryingQuarantine()).toEqual([{ id: item.id, axisDocId: 'axis-q', messageType: 'edoc', senderId: 'sender', packageSha256: 'a'.repeat(64) }]);
        // The retry forgets the package's record; failing again, it is the same item, open, with the new reason.
        await store.write((tx) => tx.forgetInbound('axis-q'));
        expect(await store.read.inbound('axis-q')).toBeNull();
        await store.write((tx) => tx.quarantinePackage({ ...entry, reason: 'sender_mismatch', detail: 'forged' }, AT));
        expect(await store.read.quarantined('axis-q')).toMatchObject({ id: item.id, state: 'open', reason: 'sender_mismatch', detail: 'forged' });
        await store.write((tx) => tx.retryQuarantined(item.id, AT));
        await store.write((tx) => tx.removeQuarantined(item.id));
        expect(await store.read.quarantined('axis-q')).toBeNull();
        expect(await store.read.retryingQuarantine()).toEqual([]);
      }));

    it("traces sent documents least recently traced first, and keeps what the axis's trace says of a recipient", () =>
      withStore(async (store) => {
        const [first, second] = await store.write(async (tx) => [await sentDocument(tx, 1, ['r1', 'r2'], '2026-06-01T03:00:00.000Z'), await sentDocument(tx, 2, ['r1'], '2026-06-01T03:01:00.000Z')]);
        const unsent = await store.write((tx) => tx.createDraft('not sent', AT));
        await store.write((tx) => tx.insertRecipients(unsent, ['r1'], 'queued', AT));
        expect(await store.read.documentsAwaitingDelivery(10)).toEqual([
          { id: first, axisDocId: 'axis-out-1' },
          { id: second, axisDocId: 'axis-out-2' },
        ]);
        expect(await store.read.documentsAwaitingDelivery(1)).toEqual([{ id: first, axisDocId: 'axis-out-1' }]);
        await store.write(async (tx) => {
          await tx.setRecipientTrace(first!, 'r1', { state: 'arrived' }, '2026-06-01T03:02:00.000Z');
          await tx.setRecipientTrace(first!, 'r2', { description: 'refused: unreadable' }, '2026-06-01T03:02:00.000Z');
          await tx.markDeliveryTraced(first!, '2026-06-01T03:02:00.000Z');
        });
        expect(await store.read.recipientStatus(first!, 'r1')).toEqual({ state: 'arrived', description: null });
        expect(await store.read.recipientStatus(first!, 'r2')).toEqual({ state: 'sent', description: 'refused: unreadable' });
        expect(await store.read.recipientStatus(first!, 'stranger')).toBeNull();
        // Traced just now, the first goes behind the second.
        expect((await store.read.documentsAwaitingDelivery(10)).map((doc) => doc.id)).toEqual([second, first]);
        // Traced with nothing new to say, the second goes behind the first all the same.
        await store.write((tx) => tx.markDeliveryTraced(second!, '2026-06-01T03:02:30.000Z'));
        expect((await store.read.documentsAwaitingDelivery(10)).map((doc) => doc.id)).toEqual([first, second]);
        expect(await store.read.recipientStatus(second!, 'r1')).toEqual({ state: 'sent', description: null });
        await store.write((tx) => tx.setRecipientTrace(first!, 'r2', { state: 'arrived' }, '2026-06-01T03:03:00.000Z'));
        expect((await store.read.documentsAwaitingDelivery(10)).map((doc) => doc.id)).toEqual([second]);
      }));

    it('applies directory changes (new, changed, deleted agencies) and keeps the sync state', () =>
      withStore(async (store) => {
        const agency = { id: '000.00.12.H41', codeQd20: 'H41.12', parentId: '000.00.00.H41', name: 'Sở Nội vụ', email: 'snv@example.vn', version: 1, deleted: false };
        const other = { ...agency, id: '000.00.13.H41', codeQd20: null, name: 'Sở Tài chính', email: null };
        await store.write((tx) => tx.applyDirectoryChanges([agency, other], NOW));
        expect(await store.read.agency(agency.id)).toEqual({ id: agency.id, codeQd20: 'H41.12', name: 'Sở Nội vụ', email: 'snv@example.vn', parentId: '000.00.00.H41' });
        await store.write((tx) => tx.applyDirectoryChanges([{ ...agency, name: 'Sở Nội vụ tỉnh Nghệ An', version: 2 }, { ...other, deleted: true, version: 2 }], NOW));
        expect((await store.read.agency(agency.id))!.name).toBe('Sở Nội vụ tỉnh Nghệ An');
        expect(await store.read.agency(other.id)).toBeNull();
        expect(await store.read.agency('nobody')).toBeNull();

        // One batch naming an agency more than once ends as its last change says.
        await store.write((tx) => tx.applyDirectoryChanges([{ ...other, deleted: false, version: 3 }, { ...other, name: 'Sở Tài chính tỉnh Nghệ An', version: 3 }], NOW));
        expect((await store.read.agency(other.id))!.name).toBe('Sở Tài chính tỉnh Nghệ An');
        await store.write((tx) => tx.applyDirectoryChanges([{ ...agency, name: 'renamed', version: 4 }, { ...agency, deleted: true, version: 4 }], NOW));
        expect(await store.read.agency(agency.id)).toBeNull();

        expect(await store.read.syncState<number>('directory.version')).toBeNull();
        await store.write((tx) => tx.setSyncState('directory.version', 2));
        await store.write((tx) => tx.setSyncState('directory.version', 7));
        expect(await store.read.syncState<number>('directory.version')).toBe(7);
        await store.write((tx) => tx.setSyncState('some.cursor', { at: 'x', ids: [1] }));
        expect(await store.read.syncState('some.cursor')).toEqual({ at: 'x', ids: [1] });
      }));

    it('counts what the axis has not taken, tells when the next waiting package is due, and queues interrupted sends again', () =>
      withStore(async (store) => {
        const entry = { documentId: null, messageType: 'status' as const, packageSha256: 'c'.repeat(64), recipients: ['sender'], purpose: 'status:03' };
        expect(await store.read.pendingOutboxCount()).toBe(0);
        expect(await store.read.nextOutboxAttemptAt()).toBeNull();
        const [sending, waiting, held, sent, failed] = await store.write(async (tx) => [
          await tx.enqueueOutbox(entry, AT),
          await tx.enqueueOutbox(entry, AT),
          await tx.enqueueOutbox({ ...entry, notBefore: '2026-06-01T04:00:00.000Z' }, AT),
          await tx.enqueueOutbox(entry, AT),
          await tx.enqueueOutbox(entry, AT),
        ]);
        await store.write(async (tx) => {
          await tx.setOutboxState(sending!, { state: 'sending' }, AT);
          await tx.setOutboxState(waiting!, { state: 'retry_wait', nextAttemptAt: '2026-06-01T03:30:00.000Z', countAttempt: true, retryStep: 1 }, AT);
          await tx.setOutboxState(sent!, { state: 'sent', axisDocId: 'axis-x', countAttempt: true }, AT);
          await tx.setOutboxState(failed!, { state: 'failed', error: 'refused', countAttempt: true }, AT);
        });
        expect(await store.read.pendingOutboxCount()).toBe(4);
        expect(await store.read.nextOutboxAttemptAt()).toBe('2026-06-01T03:30:00.000Z');
        expect(await store.write((tx) => tx.resumeInterruptedSends('2026-06-01T03:05:00.000Z'))).toBe(1);
        expect(await store.read.outboxEntry(sending!)).toMatchObject({ state: 'queued', attempts: 0 });
        expect(await store.read.outboxEntry(failed!)).toMatchObject({ state: 'failed' });
        expect(await store.write((tx) => tx.resumeInterruptedSends('2026-06-01T03:06:00.000Z'))).toBe(0);
        expect((await store.read.outboxEntry(held!))!.notBefore).toBe('2026-06-01T04:00:00.000Z');
      }));
  });
}

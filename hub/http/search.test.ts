/**
 * Content search through the hub's API on a real PostgreSQL: words found without accents in
 * headers and files, and only in documents the user may see (the access rule is part of the
 * search's own query, so a hidden document's id and words never come back).
 */
import { expect, it } from 'vitest';
import type { HubContentSearchPage } from '../../shared/hub/documents.js';
import { TEST_PASSWORD, useTestHub } from '../../test/hub.js';
import { recordFilesRead } from '../store/content-search.js';
import { inTransaction } from '../store/database.js';
import { grantDocument } from '../store/document-access.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';

const hub = useTestHub();
const AT = '2026-12-01T02:00:00.000Z';

it('finds words without accents only in what the user may see, with the passage, page by page', async () => {
  const test = await hub();
  const unitA = await test.administration.createUnit('cli', { code: 'A', name: 'Phòng A', parentId: null });
  const unitB = await test.administration.createUnit('cli', { code: 'B', name: 'Phòng B', parentId: null });
  const clerk = await test.addUser('vanthu', ['clerk']);
  await test.addUser('cv-a', ['specialist'], TEST_PASSWORD, unitA.id);
  await test.addUser('cv-b', ['specialist'], TEST_PASSWORD, unitB.id);
  const tokens = { clerk: await test.signIn('vanthu', TEST_PASSWORD), a: await test.signIn('cv-a', TEST_PASSWORD), b: await test.signIn('cv-b', TEST_PASSWORD) };

  const store = postgresExchangeStore(test.pool);
  const arrive = async (n: number, subject: string, body: string) => {
    const id = await store.write((tx) => tx.insertReceived({ subject, senderId: '000.00.00.G01', senderName: 'Sở Nội vụ', edxmlDocumentId: `doc-${n}`, receivedAt: AT }, AT));
    await recordFilesRead(test.pool, id, body, null);
    return id;
  };
  const flood = await arrive(1, 'Kế hoạch phòng chống lụt bão', 'Trang một\fCác xã ven sông Hồng gia cố đê điều trước mùa lũ.');
  const meeting = await arrive(2, 'Giấy mời họp giao ban', 'Kính mời dự họp về đê điều và thủy lợi.');
  const secret = await arrive(3, 'Báo cáo nhân sự', 'Danh sách cán bộ đề nghị khen thưởng về đê điều.');
  await inTransaction(test.pool, (client) => grantDocument(client, { documentId: flood, units: [unitA.id], users: [], actorUserId: clerk.id }));
  await inTransaction(test.pool, (client) => grantDocument(client, { documentId: meeting, units: [unitA.id, unitB.id], users: [], actorUserId: clerk.id }));

  const search = async (token: string, q: string, extra = '') => {
    const response = await test.call<HubContentSearchPage>('GET', `/api/search?q=${encodeURIComponent(q)}${extra}`, { token });
    expect(response.status).toBe(200);
    return response.body;
  };
  const ids = async (token: string, q: string) => (await search(token, q)).rows.map((row) => row.documentId);

  expect(await ids(tokens.clerk, 'de dieu')).toEqual([secret, meeting, flood]);
  expect(await ids(tokens.a, 'de dieu')).toEqual([meeting, flood]);
  expect(await ids(tokens.b, 'de dieu')).toEqual([meeting]);
  expect(await ids(tokens.b, 'lut bao')).toEqual([]);
  expect(await ids(tokens.b, 'khen thuong')).toEqual([]);

  // The passage, from the page of the files' text that matched (pages split by form feeds).
  const [hit] = (await search(tokens.a, 'song hong')).rows;
  expect(hit).toMatchObject({ documentId: flood, page: 2 });
  expect(hit!.passage.text).toContain('sông Hồng');

  // Paged by id, newest first.
  const first = await search(tokens.clerk, 'de dieu', '&limit=2');
  expect(first.rows.map((row) => row.documentId)).toEqual([secret, meeting]);
  expect(first.nextBefore).toBe(meeting);
  expect((await search(tokens.clerk, 'de dieu', `&before=${first.nextBefore}&limit=2`)).rows.map((row) => row.documentId)).toEqual([flood]);

  // Signed in only; the query validated.
  expect((await test.call('GET', '/api/search?q=de')).status).toBe(401);
  expect((await test.call('GET', '/api/search?q=', { token: tokens.clerk })).status).toBe(400);
  expect((await test.call('GET', '/api/search?q=de&sql=1', { token: tokens.clerk })).status).toBe(400);
});

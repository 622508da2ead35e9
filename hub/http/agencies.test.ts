/**
 * The axis's agency directory searched through the hub's API on a real PostgreSQL, the directory
 * written as the exchange's directory sync writes it: words typed without accents find the
 * agency, a name that starts with them first and an agency before its own units, codes found
 * too, page by page; codes named; nobody signed out gets anything.
 */
import { expect, it } from 'vitest';
import type { AgencyMatch } from '../../shared/domain/agency.js';
import type { HubAgencyPage } from '../../shared/hub/agencies.js';
import { TEST_PASSWORD, useTestHub } from '../../test/hub.js';
import { postgresExchangeStore } from '../store/postgres-exchange-store.js';

const hub = useTestHub();

const DIRECTORY = [
  { id: '000.00.00.H26', codeQd20: null, parentId: null, name: 'UBND Hà Nội' },
  { id: '000.00.01.H26', codeQd20: null, parentId: '000.00.00.H26', name: 'Sở Nội vụ Hà Nội' },
  { id: '000.00.02.H26', codeQd20: null, parentId: '000.00.00.H26', name: 'Văn phòng UBND Hà Nội' },
  { id: '000.00.00.H40', codeQd20: null, parentId: null, name: 'UBND tỉnh Nghệ An' },
  { id: '000.00.12.H40', codeQd20: null, parentId: '000.00.00.H40', name: 'UBND huyện Diễn Châu' },
  { id: '000.01.12.H40', codeQd20: null, parentId: '000.00.12.H40', name: 'UBND xã Diễn Hoa' },
  { id: '000.00.00.G06', codeQd20: 'G06.01', parentId: null, name: 'Bộ Tài chính' },
];

it('searches the directory without accents, best first and page by page, names codes, and only for the signed in', async () => {
  const test = await hub();
  await test.addUser('vanthu', ['clerk']);
  await test.addUser('cv', ['specialist']);
  const store = postgresExchangeStore(test.pool);
  await store.write((tx) => tx.applyDirectoryChanges(DIRECTORY.map((agency, index) => ({ ...agency, email: null, version: index + 1, deleted: false })), new Date()));
  const token = await test.signIn('cv', TEST_PASSWORD);

  const search = async (query: string) => {
    const response = await test.call<HubAgencyPage>('GET', `/api/agencies?${query}`, { token });
    expect(response.status).toBe(200);
    return response.body;
  };
  const names = async (query: string) => (await search(query)).rows.map((row) => row.name);

  const page = await search(`q=${encodeURIComponent('ubnd ha noi')}`);
  expect(page.total).toBe(2);
  expect(page.rows).toEqual([
    { id: '000.00.00.H26', codeQd20: null, name: 'UBND Hà Nội', email: null, parentId: null, parents: [] },
    expect.objectContaining({ name: 'Văn phòng UBND Hà Nội', parents: ['UBND Hà Nội'] }),
  ]);
  // Each word a prefix, in any order, đ and accents folded.
  expect(await names('q=noi%20so')).toEqual(['Sở Nội vụ Hà Nội']);
  expect(await names(`q=${encodeURIComponent('DIỄN HOA')}`)).toEqual(['UBND xã Diễn Hoa']);
  expect((await search('q=dien%20hoa')).rows[0]!.parents).toEqual(['UBND huyện Diễn Châu', 'UBND tỉnh Nghệ An']);
  // A name that starts with the words typed first, then an agency before its units, then the shorter.
  expect(await names('q=ubnd')).toEqual(['UBND Hà Nội', 'UBND tỉnh Nghệ An', 'UBND huyện Diễn Châu', 'UBND xã Diễn Hoa', 'Văn phòng UBND Hà Nội']);
  expect(await names('q=ubnd%20dien%20chau')).toEqual(['UBND huyện Diễn Châu']);
  // Either code.
  expect(await names('q=000.00.01.h26')).toEqual(['Sở Nội vụ Hà Nội']);
  expect(await names('q=g06.01')).toEqual(['Bộ Tài chính']);
  expect(await names('q=bo%20tai%20chinh%20ha%20noi')).toEqual([]);

  // Paged: the pages make up the whole list, and each tells the total.
  const first = await search('q=ubnd&limit=2');
  const second = await search('q=ubnd&limit=2&offset=2');
  const third = await search('q=ubnd&limit=2&offset=4');
  expect([first, second, third].map((part) => part.total)).toEqual([5, 5, 5]);
  expect([...first.rows, ...second.rows, ...third.rows].map((row) => row.name)).toEqual(await names('q=ubnd'));
  // Nothing typed: the whole directory by name.
  const all = await search('limit=2');
  expect(all.total).toBe(DIRECTORY.length);
  expect(all.rows.map((row) => row.name)).toEqual(['Bộ Tài chính', 'Sở Nội vụ Hà Nội']);

  // Codes a draft was addressed to, named in the order asked; one no longer in the directory left out.
  const named = await test.call<AgencyMatch[]>('GET', '/api/agencies/named?ids=000.00.01.H26,000.00.99.H99,000.00.00.G06', { token });
  expect(named.status).toBe(200);
  expect(named.body.map((row) => [row.id, row.name, row.parents])).toEqual([
    ['000.00.01.H26', 'Sở Nội vụ Hà Nội', ['UBND Hà Nội']],
    ['000.00.00.G06', 'Bộ Tài chính', []],
  ]);

  expect((await test.call('GET', '/api/agencies?limit=0', { token })).status).toBe(400);
  expect((await test.call('GET', '/api/agencies/named?ids=', { token })).status).toBe(400);
  expect((await test.call('GET', '/api/agencies?q=ubnd')).status).toBe(401);
  expect((await test.call('GET', '/api/agencies/named?ids=000.00.01.H26')).status).toBe(401);
});

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { QCVN102_AGENCY_CODE } from '../shared/domain/agency.js';
import { generateDirectory, seedDemoAgencies } from './directory.js';
import { AxisStore } from './store/axis-store.js';

const dirs: string[] = [];
const stores: AxisStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function openStore(): Promise<AxisStore> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-axis-dir-'));
  dirs.push(dir);
  const store = AxisStore.open(dir);
  stores.push(store);
  return store;
}

test('the same seed generates the same directory; another seed another one', async () => {
  const [one, two, three] = [await openStore(), await openStore(), await openStore()];
  expect(generateDirectory(one, 3000, 7)).toBe(3000);
  generateDirectory(two, 3000, 7);
  generateDirectory(three, 3000, 8);
  const strip = (store: AxisStore) => store.listAgencies().map(({ modifyDate: _m, ...rest }) => rest);
  expect(strip(two)).toEqual(strip(one));
  expect(strip(three)).not.toEqual(strip(one));
});

test('111,000 realistic agencies in one go: QCVN 102 codes, existing parents, some QĐ 20 codes', async () => {
  const store = await openStore();
  const demo = seedDemoAgencies(store);
  const started = performance.now();
  expect(generateDirectory(store, 111_000, 102)).toBe(111_000);
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(15_000);

  const agencies = store.listAgencies();
  expect(agencies).toHaveLength(111_003);
  const codes = new Set(agencies.map((a) => a.code));
  for (const agency of agencies) {
    expect(agency.code).toMatch(QCVN102_AGENCY_CODE);
    if (agency.pid !== null) expect(codes.has(agency.pid)).toBe(true);
    if (agency.codeQd20 !== null) expect(agency.codeQd20).toMatch(/^[A-Z0-9.]{1,35}$/);
  }
  const withQd20 = agencies.filter((a) => a.codeQd20 !== null).length;
  expect(withQd20).toBeGreaterThan(1000);
  expect(withQd20).toBeLessThan(agencies.length / 2);
  expect(agencies.find((a) => a.code === '000.00.00.H41')?.name).toBe('UBND tỉnh Nghệ An');
  expect(agencies.filter((a) => a.name.startsWith('UBND xã ')).length).toBeGreaterThan(5000);
  // Demo agencies were kept with their secrets; generated ones cannot log in.
  expect(store.getAgency(demo[1]!.code)?.secret).toBe(demo[1]!.secret);
  expect(agencies.filter((a) => a.secret !== null)).toHaveLength(3);
});

test('a request beyond what the generator can produce adds nothing', async () => {
  const store = await openStore();
  expect(() => generateDirectory(store, 10_000_000, 1)).toThrow(/runs out after \d+ agencies/);
  expect(store.countAgencies()).toBe(0);
  expect(store.directoryVersion()).toBe(0);
});

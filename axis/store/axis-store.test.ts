import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { SCHEMA_VERSION } from './schema.js';
import { AxisStore } from './axis-store.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-axis-store-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

test('migration 10 creates the schema in WAL mode with synchronous=FULL', () => {
  const store = AxisStore.open(dataDir);
  store.close();
  const db = new Database(path.join(dataDir, 'axis.sqlite'), { readonly: true });
  try {
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(10);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map((t) => t.name);
    expect(tables).toEqual(['agencies', 'deliveries', 'directory_state', 'packages']);
  } finally {
    db.close();
  }
});

test('a database from a newer axis is refused, not modified', () => {
  AxisStore.open(dataDir).close();
  const file = path.join(dataDir, 'axis.sqlite');
  const db = new Database(file);
  db.pragma(`user_version = ${SCHEMA_VERSION + 10}`);
  db.close();
  expect(() => AxisStore.open(dataDir)).toThrow(`the axis database has schema version ${SCHEMA_VERSION + 10}, newer than this axis (${SCHEMA_VERSION})`);
  const check = new Database(file, { readonly: true });
  expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 10);
  check.close();
});

test('registering keeps a live agency its secret, gives a deleted one a new secret, and bumps the version', () => {
  const store = AxisStore.open(dataDir);
  try {
    const first = store.registerAgency({ code: '000.00.01.H41', name: 'Văn phòng UBND tỉnh Nghệ An', secret: 'one' });
    expect(first).toMatchObject({ secret: 'one', version: 1, deleted: false });
    expect(store.registerAgency({ code: '000.00.01.H41', name: 'Văn phòng UBND', secret: 'two' })).toMatchObject({ name: 'Văn phòng UBND', secret: 'one', version: 2 });
    expect(store.deleteAgency('000.00.01.H41')).toBe(true);
    expect(store.deleteAgency('000.00.01.H41')).toBe(false);
    expect(store.registerAgency({ code: '000.00.01.H41', name: 'Văn phòng UBND', secret: 'three' })).toMatchObject({ secret: 'three', deleted: false, version: 4 });
    expect(store.directoryVersion()).toBe(4);
  } finally {
    store.close();
  }
});

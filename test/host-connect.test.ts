/**
 * First run against a real axis, through the built host: credentials are tried before they are
 * saved, the secret is kept in a file only the user can read (never in the database), and the
 * sync process then brings the directory in.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import { makeDataDir, startApp, type RunningApp } from '../e2e/app-harness.js';

let axis: TemporaryAxis;
let app: RunningApp;
let dataDir: string;
let session: string;

beforeAll(async () => {
  axis = await startTemporaryAxis();
  dataDir = await makeDataDir();
  app = await startApp(dataDir);
  session = await app.session();
});
afterAll(async () => {
  await app?.stop();
  await axis?.dispose();
});

async function call(method: string, input: unknown) {
  const response = await fetch(`${app.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as { ok: boolean; result?: never; error?: { code: string; fields?: Record<string, string> } } };
}

describe('connect to an axis (first run)', () => {
  it('refuses wrong credentials on the form, with the field to fix, and saves nothing', async () => {
    const agency = axis.agencies[0]!;
    const wrong = await call('setup.connectAxis', { axisUrl: axis.server.url, agencyCode: agency.code, secret: 'not-the-secret-at-all' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.code).toBe('invalid_input');
    expect(wrong.body.error?.fields?.secret).toMatch(/ErrorCode 15/);
    expect((await call('app.getState', {})).body.result).toMatchObject({ phase: 'setup', connection: null });
  });

  it('says the axis cannot be reached when nothing listens there', async () => {
    const unreachable = await call('setup.connectAxis', { axisUrl: 'http://127.0.0.1:9', agencyCode: '000.00.00.H41', secret: 'whatever-secret' });
    expect(unreachable.status).toBe(503);
    expect(unreachable.body.error?.fields?.axisUrl).toBeTruthy();
  });

  it('connects with the right credentials, keeps the secret out of the database, and syncs the directory', async () => {
    const agency = axis.agencies[1]!;
    const ok = await call('setup.connectAxis', { axisUrl: axis.server.url, agencyCode: agency.code, secret: agency.secret });
    expect(ok.status).toBe(200);
    expect(ok.body.result).toMatchObject({ phase: 'ready', connection: { kind: 'axis', agencyCode: agency.code, axisUrl: axis.server.url } });

    const secrets = path.join(dataDir, 'secrets.json');
    expect((await stat(secrets)).mode & 0o777).toBe(0o600);
    expect(await readFile(secrets, 'utf8')).toContain(agency.secret);
    const database = await readFile(path.join(dataDir, 'vanthu.sqlite'));
    const wal = await readFile(path.join(dataDir, 'vanthu.sqlite-wal')).catch(() => Buffer.alloc(0));
    expect(database.includes(agency.secret)).toBe(false);
    expect(wal.includes(agency.secret)).toBe(false);

    const started = Date.now();
    let total = 0;
    while (total < 3 && Date.now() - started < 15_000) {
      total = ((await call('agencies.search', { query: '', limit: 10, offset: 0 })).body.result as unknown as { total: number }).total;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(total).toBe(3);

    const again = await call('setup.connectAxis', { axisUrl: axis.server.url, agencyCode: agency.code, secret: agency.secret });
    expect(again.status).toBe(409);
  });
});

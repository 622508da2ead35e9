/**
 * The browser-mode host as a user's machine runs it (the built bundle, a real port): who may
 * call the API, and who may not (the launch code and session of access-keys.ts, no cookie).
 */
import { spawnSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/api/transport.js';
import { makeDataDir, ROOT, startApp, type RunningApp } from '../e2e/app-harness.js';

let app: RunningApp;
let dataDir: string;
let session: string;

beforeAll(async () => {
  dataDir = await makeDataDir();
  app = await startApp(dataDir);
  session = await app.session();
});
afterAll(async () => {
  await app?.stop();
});

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function eventTicket(): Promise<string> {
  const response = await fetch(`${app.origin}/api/events/ticket`, { method: 'POST', headers: { authorization: `Bearer ${session}` } });
  return ((await response.json()) as { ticket: string }).ticket;
}

const call = (method: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
  fetch(`${app.origin}/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: init.body ?? '{}' });

describe('browser-mode host', () => {
  it('refuses an API call without the session secret (401)', async () => {
    const response = await call('app.getState');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('refuses a call with a wrong session secret (401)', async () => {
    const response = await call('app.getState', { headers: { authorization: `Bearer ${session.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}` } });
    expect(response.status).toBe(401);
  });

  it('refuses a call from a foreign Origin even with the session secret (403)', async () => {
    const response = await call('app.getState', { headers: { authorization: `Bearer ${session}`, origin: 'http://evil.example' } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('refuses a cross-site browser request (Sec-Fetch-Site) and a foreign Host (DNS rebinding) (403)', async () => {
    const crossSite = await call('app.getState', { headers: { authorization: `Bearer ${session}`, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const port = new URL(app.origin).port;
    const rebinding = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/call/app.getState', method: 'POST', headers: { host: `attacker.example:${port}`, authorization: `Bearer ${session}`, 'content-type': 'application/json' } }, (res) => resolve(res.statusCode!));
        req.on('error', reject);
        req.end('{}');
      }, reject);
    });
    expect(rebinding).toBe(403);
  });

  it('answers a call with the session secret from its own origin', async () => {
    const response = await call('app.getState', { headers: { authorization: `Bearer ${session}`, origin: app.origin } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, result: { phase: 'setup', shell: 'browser', dataDir: path.resolve(dataDir) } });
  });

  it('sets no cookie: not for the page, the launch code, the session or a call; the launch code and the launcher key authorise no call', async () => {
    const code = new URLSearchParams(new URL(await app.newLaunchUrl()).hash.slice(1)).get('launch')!;
    const responses = [
      await fetch(`${app.origin}/`),
      await fetch(`${app.origin}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }),
      await call('app.getState', { headers: { authorization: `Bearer ${session}` } }),
    ];
    for (const response of responses) expect(response.headers.get('set-cookie')).toBeNull();
    expect((await call('app.getState', { headers: { authorization: `Bearer ${code}` } })).status).toBe(401);
    const { launcherKey } = JSON.parse(await readFile(path.join(dataDir, 'host.json'), 'utf8')) as { launcherKey: string };
    expect((await call('app.getState', { headers: { authorization: `Bearer ${launcherKey}` } })).status).toBe(401);
  });

  it('keeps host.json, with the launcher key, readable by its user only', async () => {
    expect((await stat(path.join(dataDir, 'host.json'))).mode & 0o777).toBe(0o600);
  });

  it('opens the event stream only with a single-use ticket', async () => {
    expect((await fetch(`${app.origin}/api/events`)).status).toBe(401);
    expect((await fetch(`${app.origin}/api/events?ticket=${session}`)).status).toBe(401);
    const ticketResponse = await fetch(`${app.origin}/api/events/ticket`, { method: 'POST', headers: { authorization: `Bearer ${session}` } });
    expect(ticketResponse.status).toBe(200);
    const { ticket } = (await ticketResponse.json()) as { ticket: string };
    const stream = new AbortController();
    const first = await fetch(`${app.origin}/api/events?ticket=${ticket}`, { signal: stream.signal });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
    stream.abort();
    expect((await fetch(`${app.origin}/api/events?ticket=${ticket}`)).status).toBe(401);
    expect((await fetch(`${app.origin}/api/events/ticket`, { method: 'POST' })).status).toBe(401);
  });

  it('validates input: unknown fields and bad types are refused with field errors (400), unknown methods 404', async () => {
    const auth = { authorization: `Bearer ${session}` };
    const bad = await call('agencies.search', { headers: auth, body: JSON.stringify({ query: 5, limit: 100000, offset: 0, extra: true }) });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('invalid_input');
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(['query', 'limit']));
    expect((await call('fs.readFile', { headers: auth })).status).toBe(404);
    expect((await call('app.getState', { headers: auth, body: '{not json' })).status).toBe(400);
  });

  it('serves the renderer (public code, no secret in it) with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${app.origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    expect(await response.text()).toMatch(/<div id="root">/);
  });

  it('listens on 127.0.0.1 only: not on the other loopback addresses, IPv6 or the network interfaces', async () => {
    const port = Number(new URL(app.origin).port);
    expect(await accepts('127.0.0.1', port)).toBe(true);
    // A socket on 0.0.0.0 would also answer 127.0.0.2 (all of 127/8 is loopback on Linux) and the LAN addresses.
    const interfaces = Object.entries(os.networkInterfaces()).flatMap(([name, addresses]) =>
      (addresses ?? []).filter((a) => !a.internal).map((a) => (a.family === 'IPv6' && a.scopeid ? `${a.address}%${name}` : a.address)),
    );
    const elsewhere = ['127.0.0.2', '::1', ...interfaces];
    for (const host of elsewhere) expect(await accepts(host, port), host).toBe(false);
  });

  it('refuses an Origin of another local port and the opaque Origin null (403)', async () => {
    const otherPort = `http://127.0.0.1:${Number(new URL(app.origin).port) + 1}`;
    for (const origin of [otherPort, 'null', app.origin.replace('http:', 'https:')]) {
      const response = await call('app.getState', { headers: { authorization: `Bearer ${session}`, origin } });
      expect(response.status, origin).toBe(403);
    }
  });

  it('puts the CSP and the other security headers on every response, refusals and errors included', async () => {
    const auth = { authorization: `Bearer ${session}` };
    const events = new AbortController();
    const responses: [string, Response][] = [
      ['401 call', await call('app.getState')],
      ['401 session', await fetch(`${app.origin}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":"spent-or-made-up"}' })],
      ['403 origin', await call('app.getState', { headers: { ...auth, origin: 'http://evil.example' } })],
      ['200 call', await call('app.getState', { headers: auth })],
      ['400 call', await call('app.getState', { headers: auth, body: '{not json' })],
      ['405 call', await fetch(`${app.origin}/api/call/app.getState`, { headers: auth })],
      ['415 call', await call('app.getState', { headers: { ...auth, 'content-type': 'text/plain' } })],
      ['200 page', await fetch(`${app.origin}/`, { headers: auth })],
      ['404 file', await fetch(`${app.origin}/no-such-file.js`, { headers: auth })],
      ['200 events', await fetch(`${app.origin}/api/events?ticket=${await eventTicket()}`, { signal: events.signal })],
    ];
    events.abort();
    for (const [name, response] of responses) {
      expect(response.headers.get('content-security-policy'), name).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), name).toBe('no-referrer');
      expect(response.headers.get('cross-origin-opener-policy'), name).toBe('same-origin');
      expect(response.headers.get('cross-origin-resource-policy'), name).toBe('same-origin');
      expect(response.headers.get('x-frame-options'), name).toBe('DENY');
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
    // Each case reached the branch it names.
    expect(responses.map(([name, response]) => [name, response.status])).toEqual(responses.map(([name]) => [name, Number(name.split(' ')[0])]));
  });

  it('keeps a second instance off the same data folder: it prints a new launch link to the running one instead', async () => {
    const second = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'core', 'host.cjs'), '--data-dir', dataDir, '--port', '0'], { encoding: 'utf8', timeout: 20_000 });
    expect(second.status).toBe(0);
    const link = /already running with the data folder .+\. Open: (http:\/\/127\.0\.0\.1:\d+\/#launch=[\w-]+)/.exec(second.stdout)?.[1];
    expect(link).toBeDefined();
    expect(new URL(link!).origin).toBe(app.origin);
    const code = new URLSearchParams(new URL(link!).hash.slice(1)).get('launch');
    const trade = () => fetch(`${app.origin}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect((await trade()).status).toBe(200);
    expect((await trade()).status).toBe(401);
  });

  it('a second start whose host.json names another process gets no key sent anywhere, and stops with the reason', async () => {
    const file = path.join(dataDir, 'host.json');
    const kept = await readFile(file, 'utf8');
    try {
      await writeFile(file, JSON.stringify({ ...JSON.parse(kept), pid: 1 }));
      const second = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'core', 'host.cjs'), '--data-dir', dataDir, '--port', '0'], { encoding: 'utf8', timeout: 20_000 });
      expect(second.status).toBe(2);
      expect(second.stderr).toMatch(/already running with the data folder/);
    } finally {
      await writeFile(file, kept, { mode: 0o600 });
    }
  });
});

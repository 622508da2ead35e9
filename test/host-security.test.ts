/**
 * The browser-mode host as a user's machine runs it (the built bundle, a real port): who may
 * call the API, and who may not.
 */
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/api/transport.js';
import { makeDataDir, ROOT, startApp, type RunningApp } from '../e2e/app-harness.js';

let app: RunningApp;
let dataDir: string;
let token: string;

beforeAll(async () => {
  dataDir = await makeDataDir();
  app = await startApp(dataDir);
  token = new URL(app.launchUrl).searchParams.get('token')!;
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

const call = (method: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
  fetch(`${app.origin}/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: init.body ?? '{}' });

describe('browser-mode host', () => {
  it('refuses an API call without the token (401)', async () => {
    const response = await call('app.getState');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('refuses a call with a wrong token (401)', async () => {
    const response = await call('app.getState', { headers: { authorization: `Bearer ${token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}` } });
    expect(response.status).toBe(401);
  });

  it('refuses a call from a foreign Origin even with the token (403)', async () => {
    const response = await call('app.getState', { headers: { authorization: `Bearer ${token}`, origin: 'http://evil.example' } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('refuses a cross-site browser request (Sec-Fetch-Site) and a foreign Host (DNS rebinding) (403)', async () => {
    const crossSite = await call('app.getState', { headers: { authorization: `Bearer ${token}`, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const port = new URL(app.origin).port;
    const rebinding = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/call/app.getState', method: 'POST', headers: { host: `attacker.example:${port}`, authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => resolve(res.statusCode!));
        req.on('error', reject);
        req.end('{}');
      }, reject);
    });
    expect(rebinding).toBe(403);
  });

  it('answers a call with the token from its own origin', async () => {
    const response = await call('app.getState', { headers: { authorization: `Bearer ${token}`, origin: app.origin } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, result: { phase: 'setup', shell: 'browser', dataDir: path.resolve(dataDir) } });
  });

  it('swaps the launch link for an HttpOnly, SameSite=Strict cookie that then authorises calls', async () => {
    const response = await fetch(app.launchUrl, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await call('app.getState', { headers: { cookie: cookie.split(';')[0]!, origin: app.origin } });
    expect(withCookie.status).toBe(200);
  });

  it('validates input: unknown fields and bad types are refused with field errors (400), unknown methods 404', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const bad = await call('agencies.search', { headers: auth, body: JSON.stringify({ query: 5, limit: 100000, offset: 0, extra: true }) });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('invalid_input');
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(['query', 'limit']));
    expect((await call('fs.readFile', { headers: auth })).status).toBe(404);
    expect((await call('app.getState', { headers: auth, body: '{not json' })).status).toBe(400);
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${app.origin}/`, { headers: { authorization: `Bearer ${token}` } });
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
      const response = await call('app.getState', { headers: { authorization: `Bearer ${token}`, origin } });
      expect(response.status, origin).toBe(403);
    }
  });

  it('puts the CSP and the other security headers on every response, refusals and errors included', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const events = new AbortController();
    const responses: [string, Response][] = [
      ['401 call', await call('app.getState')],
      ['401 page', await fetch(`${app.origin}/`, { headers: { accept: 'text/html' } })],
      ['403 origin', await call('app.getState', { headers: { ...auth, origin: 'http://evil.example' } })],
      ['303 launch', await fetch(app.launchUrl, { redirect: 'manual' })],
      ['200 call', await call('app.getState', { headers: auth })],
      ['400 call', await call('app.getState', { headers: auth, body: '{not json' })],
      ['405 call', await fetch(`${app.origin}/api/call/app.getState`, { headers: auth })],
      ['415 call', await call('app.getState', { headers: { ...auth, 'content-type': 'text/plain' } })],
      ['200 page', await fetch(`${app.origin}/`, { headers: auth })],
      ['404 file', await fetch(`${app.origin}/no-such-file.js`, { headers: auth })],
      ['200 events', await fetch(`${app.origin}/api/events`, { headers: auth, signal: events.signal })],
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

  it('keeps a second instance off the same data folder', () => {
    const second = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'core', 'host.cjs'), '--data-dir', dataDir, '--port', '0'], { encoding: 'utf8', timeout: 20_000 });
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/already running with the data folder/);
  });
});

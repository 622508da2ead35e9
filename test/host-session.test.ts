/**
 * Browser mode's access secret, as the built host hands it out: the launch link's code is traded
 * once for a session secret, and no secret is ever on a command line (of the host, its children or
 * the process that opens the browser), where `ps` shows it to every local user.
 */
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir, startApp, type RunningApp } from '../e2e/app-harness.js';

const running: RunningApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.stop()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function start(options: { env?: NodeJS.ProcessEnv; args?: string[] } = {}): Promise<{ app: RunningApp; dataDir: string }> {
  const dataDir = await makeDataDir();
  dirs.push(dataDir);
  const app = await startApp(dataDir, options.env, options.args);
  running.push(app);
  return { app, dataDir };
}

/** The code of a launch link (`#launch=<code>`). */
function launchCode(launchUrl: string): string {
  const code = new URLSearchParams(new URL(launchUrl).hash.slice(1)).get('launch');
  if (!code) throw new Error(`no launch code in ${launchUrl}`);
  return code;
}

const trade = (app: RunningApp, code: string) =>
  fetch(`${app.origin}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: app.origin }, body: JSON.stringify({ code }) });

const getState = (app: RunningApp, session: string) =>
  fetch(`${app.origin}/api/call/app.getState`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${session}`, origin: app.origin }, body: '{}' });

describe('browser-mode launch code and session', () => {
  it('trades the launch code once for a session secret that authorises calls; the same code again is refused', async () => {
    const { app } = await start();
    const code = launchCode(app.launchUrl);
    const first = await trade(app, code);
    expect(first.status).toBe(200);
    const { session } = (await first.json()) as { session: string };
    expect(session).toMatch(/^[\w-]{32,}$/);
    expect(session).not.toBe(code);
    expect((await getState(app, session)).status).toBe(200);

    const again = await trade(app, code);
    expect(again.status).toBe(401);
    expect(await again.text()).not.toContain(session);
    // The code itself never authorises a call.
    expect((await getState(app, code)).status).toBe(401);
  });

  it('puts no secret on any command line: not the host’s, its children’s, nor the browser opener’s', async () => {
    const bin = await mkdtemp(path.join(os.tmpdir(), 'vanthu-opener-'));
    dirs.push(bin);
    const seen = path.join(bin, 'argv.json');
    // The desktop's opener (xdg-open) replaced by one that records what it was given.
    await writeFile(path.join(bin, 'xdg-open'), `#!/bin/sh\nnode -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))' ${JSON.stringify(seen)} "$@"\n`);
    await chmod(path.join(bin, 'xdg-open'), 0o755);
    const { app } = await start({ env: { PATH: `${bin}:${process.env.PATH}` }, args: ['--open'] });
    await expect.poll(() => readFile(seen, 'utf8').catch(() => null), { timeout: 10_000 }).not.toBeNull();
    const openerArgs = JSON.parse(await readFile(seen, 'utf8')) as string[];
    expect(openerArgs).toHaveLength(1);

    // What the browser gets from the opened file is the same kind of launch link: trade it as the browser would.
    const opened = openerArgs[0]!;
    const redirect = opened.startsWith('/') ? await readFile(opened, 'utf8') : opened;
    const openedUrl = /http:\/\/127\.0\.0\.1:\d+\/#launch=[\w-]+/.exec(redirect)?.[0];
    expect(openedUrl).toBeDefined();
    const response = await trade(app, launchCode(openedUrl!));
    expect(response.status).toBe(200);
    const { session } = (await response.json()) as { session: string };
    const secrets = [launchCode(app.launchUrl), launchCode(openedUrl!), session];

    const commandLines: string[] = [];
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
      if (cmdline) commandLines.push(cmdline.replaceAll('\0', ' '));
    }
    expect(commandLines.some((line) => line.includes('host.cjs'))).toBe(true);
    commandLines.push(openerArgs.join(' '));
    for (const line of commandLines) for (const secret of secrets) expect(line).not.toContain(secret);
  });
});

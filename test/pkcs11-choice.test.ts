/**
 * Which PKCS#11 library the core lets the clerk choose, through the API the page uses: a detected
 * driver, or a file picked in the desktop app's dialog outside the data and temp folders; never a
 * path the page names. The real signer process loads what is chosen.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../shared/api/errors.js';
import type { ApiInput, ApiMethod, ApiOutputs } from '../shared/api/contract.js';
import { FileSecretStore } from '../electron/core/config/secret-store.js';
import { NO_POLICY } from '../electron/core/policy/load-policy.js';
import { forkNodeChild } from '../electron/core/process/node-child.js';
import type { CoreHost } from '../electron/core/service/core-host.js';
import { CoreService } from '../electron/core/service/core-service.js';
import { makeTestTokens } from './tokens.js';
import { useTempDirs } from './temp-dir.js';

const SIGNER = fileURLToPath(new URL('../dist/core/signer.cjs', import.meta.url));
const tempDir = useTempDirs();
const cores: CoreService[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

async function start(options: { pick?: () => Promise<string | null>; env?: NodeJS.ProcessEnv } = {}) {
  const dataDir = await tempDir();
  const host: CoreHost = {
    shell: options.pick ? 'electron' : 'browser',
    secrets: new FileSecretStore(path.join(dataDir, 'secrets.json')),
    configureSync: () => {},
    sendToSync: () => {},
    startDemoAxis: () => Promise.reject(new Error('no demo axis')),
    spawnSigner: () => forkNodeChild(SIGNER, ['--data-dir', dataDir], { ...process.env, ...options.env }),
    ...(options.pick ? { pickPkcs11Module: options.pick } : {}),
  };
  const core = await CoreService.open({ dataDir, version: 'test', host, policy: NO_POLICY });
  cores.push(core);
  const call = async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> => {
    const reply = await core.call(method, input);
    if (!reply.ok) throw Object.assign(new Error(`${method}: ${reply.error.code} ${reply.error.message}`), { body: reply.error });
    return reply.result as ApiOutputs[M];
  };
  const refusal = (method: ApiMethod, input: unknown): Promise<ApiErrorBody> =>
    core.call(method, input).then((reply) => {
      if (reply.ok) throw new Error(`${method} was accepted`);
      return reply.error;
    });
  return { dataDir, call, refusal };
}

describe('choosing the token driver', () => {
  it('shows the detected drivers with their publisher; takes one of them, or auto-detection, and no other path from the page', async () => {
    const manifest = await makeTestTokens();
    const { dataDir, call, refusal } = await start({ env: { SOFTHSM2_CONF: manifest.conf } });
    const settings = await call('signing.getSettings', {});
    expect(settings).toMatchObject({ source: 'detected', publisher: 'SoftHSM2 (OpenDNSSEC)', canPickFile: false });
    expect(settings.candidates[0]).toMatchObject({ publisher: 'SoftHSM2 (OpenDNSSEC)', loadable: true });
    const detected = settings.candidates[0]!.path;
    expect(await call('signing.setModule', { module: detected })).toMatchObject({ module: detected, source: 'setting' });
    expect((await call('signing.listTokens', {})).map((token) => token.label).sort()).toEqual(['AGENCY', 'LEADER']);

    // A received attachment's blob, or any other path, cannot be named from the page.
    const received = path.join(dataDir, 'blobs', 'ab', 'ab'.repeat(32));
    await mkdir(path.dirname(received), { recursive: true });
    await copyFile(detected, received);
    for (const module of [received, '/opt/vendor/libp11.so', '../../x.so']) {
      expect(await refusal('signing.setModule', { module }), module).toMatchObject({ code: 'invalid_input', fields: { module: 'a detected driver' } });
    }
    expect(await call('signing.setModule', { module: '' })).toMatchObject({ source: 'detected' });
    // Browser mode has no file dialog: the way is IT's policy.
    expect(await refusal('signing.pickModule', {})).toMatchObject({ code: 'unavailable', message: expect.stringContaining('Pkcs11Library') });
  });

  it('a library saved earlier in the data folder (as an older version allowed) is refused before anything loads it', async () => {
    const manifest = await makeTestTokens();
    const { dataDir, call, refusal } = await start({ env: { SOFTHSM2_CONF: manifest.conf } });
    const copied = path.join(dataDir, 'blobs', 'cd', 'cd'.repeat(32));
    await mkdir(path.dirname(copied), { recursive: true });
    await copyFile(manifest.module, copied);
    const db = new Database(path.join(dataDir, 'vanthu.sqlite'));
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('signing.pkcs11Module', JSON.stringify(copied));
    db.close();
    expect(await call('signing.getSettings', {})).toMatchObject({ module: copied, source: 'setting', publisher: null });
    expect(await refusal('signing.listTokens', {})).toMatchObject({ code: 'forbidden', fields: { token: 'module_refused' }, message: expect.stringContaining('inside the VanThu data folder') });
  });

  it('the desktop app picks a file in its dialog: refused inside the data folder or a temp folder, kept where a vendor installs', async () => {
    const manifest = await makeTestTokens();
    let next: string | null = null;
    const { dataDir, call, refusal } = await start({ pick: async () => next, env: { SOFTHSM2_CONF: manifest.conf } });
    expect((await call('signing.getSettings', {})).canPickFile).toBe(true);

    next = path.join(dataDir, 'blobs', 'libtoken.so');
    expect(await refusal('signing.pickModule', {})).toMatchObject({ code: 'forbidden', fields: { token: 'module_refused' } });
    next = path.join(await tempDir(), 'libtoken.so');
    await copyFile(manifest.module, next);
    expect(await refusal('signing.pickModule', {})).toMatchObject({ code: 'forbidden', message: expect.stringContaining('temporary folder') });
    next = null;
    expect(await call('signing.pickModule', {})).toMatchObject({ source: 'detected' });

    next = manifest.module;
    const picked = await call('signing.pickModule', {});
    expect(picked).toMatchObject({ module: manifest.module, source: 'setting', publisher: 'SoftHSM2 (OpenDNSSEC)' });
    expect((await call('signing.listTokens', {})).length).toBe(2);
  });
});

/**
 * The places a PKCS#11 library is never loaded from, checked by the real signer process (the
 * built bundle, as the app forks it) with a real shared library whose constructor leaves a mark:
 * loaded from the data folder (where a received attachment lands), a temp folder or through a
 * link into either, it must not run; from an ordinary folder it does (so the test can fail).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { copyFile, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { forkNodeChild } from '../../process/node-child.js';
import { admitModule, userTempDirs } from './module-location.js';
import { SignerClient } from './signer-client.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const bundle = path.join(ROOT, 'dist', 'core', 'signer.cjs');
const tempDir = useTempDirs();
/** Not a temp folder, not a data folder: where an installed driver would be. */
const ordinary = path.join(ROOT, 'test-results', 'pkcs11-location');
let library: string;
let marker: string;

beforeAll(async () => {
  await mkdir(ordinary, { recursive: true });
  marker = path.join(ordinary, 'loaded');
  const source = path.join(ordinary, 'mark.c');
  await writeFile(source, `#include <stdio.h>\n__attribute__((constructor)) static void mark(void) { FILE *f = fopen(${JSON.stringify(marker)}, "a"); if (f) { fputs("loaded\\n", f); fclose(f); } }\n`);
  library = path.join(ordinary, 'libmark.so');
  execFileSync('cc', ['-shared', '-fPIC', '-o', library, source]);
});
afterAll(async () => {
  await rm(ordinary, { recursive: true, force: true });
});

describe('where a PKCS#11 library may be loaded from', () => {
  it('the signer process refuses the data folder, temp folders and links into them, and loads nothing from there', async () => {
    expect(existsSync(bundle), `${bundle} is missing: run node scripts/build.mjs first (npm test does)`).toBe(true);
    const dataDir = await tempDir();
    // A received attachment: <data dir>/blobs/xx/<sha256>, a name anyone who sent it could predict.
    const received = path.join(dataDir, 'blobs', 'ab', 'ab'.repeat(32));
    await mkdir(path.dirname(received), { recursive: true });
    await copyFile(library, received);
    const inTemp = path.join(await tempDir(), 'libvendor.so');
    await copyFile(library, inTemp);
    const link = path.join(ordinary, 'libinnocent.so');
    await rm(link, { force: true });
    await symlink(received, link);

    const client = new SignerClient({ spawn: () => forkNodeChild(bundle, ['--data-dir', dataDir]) });
    try {
      for (const file of [received, inTemp, link]) {
        await expect(client.listTokens(file), file).rejects.toMatchObject({ code: 'module_refused' });
      }
      expect(existsSync(marker), 'a refused library ran').toBe(false);

      // The same file from an ordinary folder is loaded (its code runs), then found not to be PKCS#11.
      await expect(client.listTokens(library)).rejects.toMatchObject({ code: 'module_failed' });
      expect(existsSync(marker)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('admitModule: the reasons, case-insensitive folders on Windows, world-writable files and folders', async () => {
    const dataDir = await tempDir();
    const places = { dataDir, tempDirs: userTempDirs() };
    expect(admitModule('relative/lib.so', places)).toMatchObject({ ok: false, reason: 'the path is not absolute' });
    expect(admitModule(path.join(dataDir, 'x.so'), { dataDir, tempDirs: [] })).toMatchObject({ ok: false, reason: expect.stringContaining('data folder') });
    expect(admitModule(path.join(os.tmpdir(), 'x.so'), places)).toMatchObject({ ok: false, reason: expect.stringContaining('temporary folder') });
    expect(admitModule('C:\\Users\\An\\AppData\\Local\\Temp\\x.dll', { dataDir: null, tempDirs: ['C:\\users\\an\\appdata\\local\\temp'] }, 'win32')).toMatchObject({ ok: false });
    expect(admitModule('/usr/lib/softhsm/libsofthsm2.so', places)).toEqual({ ok: true, path: realpathSync('/usr/lib/softhsm/libsofthsm2.so') });
    const writable = path.join(ordinary, 'libshared.so');
    await copyFile(library, writable);
    execFileSync('chmod', ['0666', writable]);
    expect(admitModule(writable, { dataDir: null, tempDirs: [] })).toMatchObject({ ok: false, reason: expect.stringContaining('other users may change it') });
    expect(userTempDirs({ LOCALAPPDATA: 'C:\\Users\\An\\AppData\\Local', SystemRoot: 'C:\\Windows' }, 'win32')).toEqual(expect.arrayContaining(['C:\\Users\\An\\AppData\\Local\\Temp', 'C:\\Windows\\Temp']));
  });
});


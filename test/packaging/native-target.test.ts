/**
 * The native-module check of the packaging, on real compiled modules: better-sqlite3's prebuilds
 * for eight targets (PE, ELF, Mach-O) and the pkcs11.node `npm ci` compiled on this machine.
 */
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../e2e/app-harness.js';
import { useTempDirs } from '../temp-dir.js';
import { nativeMismatch, nativeTarget } from '../../scripts/packaging/native-target.mjs';
import { pkcs11Binary } from '../../scripts/packaging/pkcs11-binary.mjs';

const PREBUILDS = path.join(ROOT, 'node_modules', 'better-sqlite3', 'prebuilds');
const tempDir = useTempDirs();
const here = { platform: os.platform(), arch: os.arch() };

describe('native module target', () => {
  it('reads the OS and arch of every better-sqlite3 prebuild from its header', async () => {
    const files = await readdir(PREBUILDS);
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const [platform, arch] = file.replace('.node', '').replace('linuxmusl', 'linux').split('-');
      expect(nativeTarget(await readFile(path.join(PREBUILDS, file))), file).toEqual({ platform, arch });
    }
  });

  it('finds this machine’s pkcs11.node built for this machine, and not a PDF or a short file', async () => {
    expect(nativeTarget(await readFile(path.join(ROOT, 'node_modules', 'pkcs11js', 'build', 'Release', 'pkcs11.node')))).toEqual(here);
    expect(nativeTarget(await readFile(path.join(ROOT, 'assets', 'signature-default.png')))).toBeNull();
    expect(nativeTarget(new Uint8Array([0x4d, 0x5a]))).toBeNull();
    expect(nativeMismatch('x.node', { platform: 'win32', arch: 'x64' }, { platform: 'win32', arch: 'arm64' })).toBe('x.node is win32-x64, not win32-arm64');
  });
});

describe('the pkcs11.node packed for each arch', () => {
  it('is the project’s own for this machine’s OS and arch', async () => {
    expect(await pkcs11Binary(ROOT, here)).toEqual({ file: path.join(ROOT, 'node_modules', 'pkcs11js', 'build', 'Release', 'pkcs11.node') });
  });

  it('for another arch: refused with what to do, unless one of that arch is provided under native/', async () => {
    const wanted = { platform: 'win32', arch: 'arm64' };
    const root = await tempDir();
    const ownDir = path.join(root, 'node_modules', 'pkcs11js', 'build', 'Release');
    await mkdir(ownDir, { recursive: true });
    await copyFile(path.join(ROOT, 'node_modules', 'pkcs11js', 'build', 'Release', 'pkcs11.node'), path.join(ownDir, 'pkcs11.node'));
    const refused = await pkcs11Binary(root, wanted);
    expect(refused).toEqual({ problem: expect.stringMatching(/is linux-x64, not win32-arm64: .*native\/pkcs11js\/win32-arm64\/pkcs11\.node/) });

    // A real win32-x64 module where an arm64 one was promised is caught too.
    const providedDir = path.join(root, 'native', 'pkcs11js', 'win32-arm64');
    await mkdir(providedDir, { recursive: true });
    await copyFile(path.join(PREBUILDS, 'win32-x64.node'), path.join(providedDir, 'pkcs11.node'));
    expect(await pkcs11Binary(root, wanted)).toEqual({ problem: expect.stringMatching(/pkcs11\.node is win32-x64, not win32-arm64$/) });

    await copyFile(path.join(PREBUILDS, 'win32-arm64.node'), path.join(providedDir, 'pkcs11.node'));
    expect(await pkcs11Binary(root, wanted)).toEqual({ file: path.join(providedDir, 'pkcs11.node') });
  });
});

describe('the afterPack hook on a packed app folder', () => {
  async function packedApp(): Promise<string> {
    const appOutDir = await tempDir();
    const dir = path.join(appOutDir, 'resources', 'app.asar.unpacked', 'node_modules', 'pkcs11js', 'build', 'Release');
    await mkdir(dir, { recursive: true });
    await copyFile(path.join(ROOT, 'node_modules', 'pkcs11js', 'build', 'Release', 'pkcs11.node'), path.join(dir, 'pkcs11.node'));
    return appOutDir;
  }

  it('lets this machine’s arch through and stops an arm64 pack that would carry it', async () => {
    const { default: afterPack } = await import('../../scripts/after-pack.mjs');
    const { Arch } = await import('electron-builder');
    const context = async (arch: number) => ({ appOutDir: await packedApp(), electronPlatformName: here.platform, arch }) as never;
    await expect(afterPack(await context(Arch[here.arch as 'x64']))).resolves.toBeUndefined();
    await expect(afterPack(await context(here.arch === 'arm64' ? Arch.x64 : Arch.arm64))).rejects.toThrow(/would ship a signing module that cannot load there/);
  });
});

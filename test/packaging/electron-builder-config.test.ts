/**
 * electron-builder.yml as electron-builder itself reads it (its loader and its JSON-schema check,
 * app-builder-lib's scheme.json), and the packaging decisions of docs/it-admin.md. No Electron is
 * needed: this is what `npm run dist` would refuse before packing anything.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { flipFuses, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../e2e/app-harness.js';
import { useTempDirs } from '../temp-dir.js';

const load = () => getConfig(ROOT, null, null);
const tempDir = useTempDirs();

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema check, which does reject a misspelt option', async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, perMachin: false } as never }, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis should be/);
  });

  it('builds per-user NSIS and portable for x64 and arm64, AppImage and deb, without a native rebuild', async () => {
    const config = await load();
    expect(config.appId).toBe('vn.vanthu.desktop');
    expect(config.npmRebuild).toBe(false);
    expect(config.win?.target).toEqual([
      { target: 'nsis', arch: ['x64', 'arm64'] },
      { target: 'portable', arch: ['x64', 'arm64'] },
    ]);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, artifactName: '${productName}-Setup-${version}.${ext}' });
    expect((config.linux?.target as { target: string }[]).map((entry) => entry.target)).toEqual(['AppImage', 'deb']);
  });

  it('unpacks both native modules and the package reading thread’s script from the asar, and checks pkcs11.node per arch after packing', async () => {
    const config = await load();
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/pkcs11js/**', 'dist/core/package-reader.cjs']));
    expect(existsSync(path.join(ROOT, config.afterPack as string))).toBe(true);
  });

  it('publishes to a generic server whose built-in URL can never be reached (the agency’s comes by policy)', async () => {
    const { publish } = await load();
    expect(publish).toMatchObject({ provider: 'generic' });
    expect(new URL((publish as { url: string }).url).hostname).toMatch(/\.invalid$/);
  });

  it('flips the Electron fuses in the packed binary: no RunAsNode, NODE_OPTIONS or --inspect, encrypted cookies, the app from its checked asar only', async () => {
    const { electronFuses } = await load();
    // electron-builder's own mapping of the options, written by @electron/fuses into a binary that has a fuse wire (all enabled, as Electron ships most).
    const { PlatformPackager } = await import('app-builder-lib');
    // Private in its typings, but it is exactly what `npm run dist` applies to the packed binary.
    const packager = PlatformPackager.prototype as unknown as { generateFuseConfig(fuses: typeof electronFuses): Promise<Parameters<typeof flipFuses>[1]> };
    const fuses = await packager.generateFuseConfig.call(null, electronFuses);
    const binary = path.join(await tempDir(), 'vanthu');
    await writeFile(binary, Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.alloc(8, FuseState.ENABLE), Buffer.alloc(4096, 0x90)]));
    await flipFuses(binary, fuses);
    const wire = await getCurrentFuseWire(binary);
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      fileProtocol: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: FuseState.DISABLE,
      cookieEncryption: FuseState.ENABLE,
      nodeOptions: FuseState.DISABLE,
      inspect: FuseState.DISABLE,
      asarIntegrity: FuseState.ENABLE,
      onlyAsar: FuseState.ENABLE,
      fileProtocol: FuseState.ENABLE,
    });
  });
});

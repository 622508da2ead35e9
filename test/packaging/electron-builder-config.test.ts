/**
 * electron-builder.yml as electron-builder itself reads it (its loader and its JSON-schema check,
 * app-builder-lib's scheme.json), and the packaging decisions issue 8 asks for. No Electron is
 * needed: this is what `npm run dist` would refuse before packing anything.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../e2e/app-harness.js';

const load = () => getConfig(ROOT, null, null);

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

  it('unpacks both native modules from the asar and checks pkcs11.node per arch after packing', async () => {
    const config = await load();
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/pkcs11js/**']));
    expect(existsSync(path.join(ROOT, config.afterPack as string))).toBe(true);
  });

  it('publishes to a generic server whose built-in URL can never be reached (the agency’s comes by policy)', async () => {
    const { publish } = await load();
    expect(publish).toMatchObject({ provider: 'generic' });
    expect(new URL((publish as { url: string }).url).hostname).toMatch(/\.invalid$/);
  });
});

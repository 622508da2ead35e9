import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from './app-identity.js';

describe('AppUserModelID', () => {
  it('equals the appId the installer registers, or Windows shows no toasts', async () => {
    const config = await readFile(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
    expect(config.match(/^appId:\s*(\S+)\s*$/m)?.[1]).toBe(APP_USER_MODEL_ID);
  });

  it('is set in main before anything else runs', async () => {
    const main = (await readFile(new URL('../processes/electron-main.ts', import.meta.url), 'utf8')).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const set = main.indexOf('app.setAppUserModelId(APP_USER_MODEL_ID)');
    expect(set).toBeGreaterThan(0);
    for (const later of ['requestSingleInstanceLock', 'whenReady']) expect(main.indexOf(later), later).toBeGreaterThan(set);
    // Notifications come from the desktop shell, which the entry creates once the app is ready.
    expect(main).not.toContain('new Notification');
    expect(main.indexOf('new DesktopShell')).toBeGreaterThan(main.indexOf('whenReady'));
  });
});

import { describe, expect, it } from 'vitest';
import type { UpdateDecision } from '../core/update/update-guard.js';
import { installWhenAllowed, updaterPlan } from './update-plan.js';

const url = 'https://intranet.so-noi-vu.vn/vanthu/updates';

describe('whether this copy updates itself', () => {
  it('from the policy’s URL with the generic provider, for the installed Windows app and the AppImage', () => {
    const feed = { provider: 'generic', url };
    expect(updaterPlan({ updateUrl: url, packaged: true, platform: 'win32', env: {} })).toEqual({ start: true, feed });
    expect(updaterPlan({ updateUrl: url, packaged: true, platform: 'linux', env: { APPIMAGE: '/home/a/VanThu.AppImage' } })).toEqual({ start: true, feed });
  });

  it('never without the policy, from the source tree, as the portable exe or as a .deb', () => {
    expect(updaterPlan({ updateUrl: null, packaged: true, platform: 'win32', env: {} })).toEqual({ start: false, reason: 'no UpdateUrl policy' });
    expect(updaterPlan({ updateUrl: url, packaged: false, platform: 'win32', env: {} })).toMatchObject({ start: false });
    expect(updaterPlan({ updateUrl: url, packaged: true, platform: 'win32', env: { PORTABLE_EXECUTABLE_FILE: 'D:\\VanThu.exe' } })).toMatchObject({ start: false, reason: expect.stringMatching(/portable/) });
    expect(updaterPlan({ updateUrl: url, packaged: true, platform: 'linux', env: {} })).toMatchObject({ start: false, reason: expect.stringMatching(/apt/) });
  });
});

describe('installing a downloaded update', () => {
  function core(answers: UpdateDecision[]) {
    const asked: number[] = [];
    return { asked, ask: async () => (asked.push(asked.length), answers.shift()!) };
  }

  it('installs once the core allows it, asking again after a send or signature that began meanwhile', async () => {
    const { asked, ask } = core([{ install: false, reason: 'sending' }, { install: false, reason: 'signing' }, { install: true }]);
    let installs = 0;
    expect(await installWhenAllowed(ask, () => installs++)).toEqual({ install: true });
    expect([asked.length, installs]).toEqual([3, 1]);
  });

  it('never installs once the update URL is gone', async () => {
    const { ask } = core([{ install: false, reason: 'no_update_url' }]);
    let installs = 0;
    expect(await installWhenAllowed(ask, () => installs++)).toEqual({ install: false, reason: 'no_update_url' });
    expect(installs).toBe(0);
  });
});

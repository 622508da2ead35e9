import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { Arch } from 'electron-builder';
import { normalizeOptions } from 'electron-builder/out/builder.js';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../e2e/app-harness.js';
import { builderOptions, electronDistProblem, noElectronMessage, packedTargets, parseDistArgs } from '../../scripts/packaging/dist-plan.mjs';

const config = () => getConfig(ROOT, null, null) as Promise<Parameters<typeof builderOptions>[1]>;
const plan = async (argv: string[], env: Record<string, string> = {}, host = 'linux') => builderOptions(parseDistArgs(argv, env, host, 'x64'), await config());

describe('npm run dist arguments → electron-builder options', () => {
  it('builds this OS’s targets from electron-builder.yml, every arch it lists, never publishing', async () => {
    expect(await plan([])).toEqual({ publish: 'never', linux: ['AppImage', 'deb'], x64: true, arm64: true });
    expect(await plan([], {}, 'win32')).toEqual({ publish: 'never', win: ['nsis', 'portable'], x64: true, arm64: true });
    expect(() => parseDistArgs([], {}, 'darwin', 'arm64')).toThrow(/--win or --linux/);
  });

  it('narrows to --arch and --dir (this computer’s arch unless told)', async () => {
    const options = await plan(['--win', '--arch', 'arm64']);
    expect(options).toEqual({ publish: 'never', win: ['nsis', 'portable'], arm64: true });
    expect(packedTargets(options)).toEqual([{ platform: 'win32', arch: 'arm64' }]);
    expect(await plan(['--dir'])).toEqual({ publish: 'never', linux: ['dir'], x64: true });
    expect(packedTargets(await plan(['--win', '--linux', '--dir', '--arch', 'x64,arm64']))).toHaveLength(4);
  });

  it('means to electron-builder itself what it says: each target for each wanted arch, nothing else', async () => {
    const targets = (options: Record<string, unknown>) =>
      [...normalizeOptions(options).targets!].map(([platform, archs]) => [platform.name, [...archs].map(([arch, names]) => [Arch[arch], names])]);
    expect(targets(await plan([], {}, 'win32'))).toEqual([['windows', [['x64', ['nsis', 'portable']], ['arm64', ['nsis', 'portable']]]]]);
    expect(targets(await plan(['--linux', '--arch', 'arm64']))).toEqual([['linux', [['arm64', ['AppImage', 'deb']]]]]);
    expect(targets(await plan(['--win', '--dir']))).toEqual([['windows', [['x64', ['dir']]]]]);
  });

  it('takes Electron from --electron-dist or VANTHU_ELECTRON_DIST as electron-builder’s electronDist, the flag first', async () => {
    expect((await plan(['--electron-dist', '/media/usb/electron'])).config).toEqual({ electronDist: '/media/usb/electron' });
    expect((await plan([], { VANTHU_ELECTRON_DIST: '/srv/electron' })).config).toEqual({ electronDist: '/srv/electron' });
    expect((await plan(['--electron-dist', '/a'], { VANTHU_ELECTRON_DIST: '/b' })).config).toEqual({ electronDist: '/a' });
  });

  it('refuses unknown arguments, archs and missing values with the usage', () => {
    expect(() => parseDistArgs(['--mac'], {}, 'linux', 'x64')).toThrow(/unknown argument "--mac"[\s\S]*--electron-dist DIR/);
    expect(() => parseDistArgs(['--arch', 'ia32'], {}, 'linux', 'x64')).toThrow(/unknown ia32/);
    expect(() => parseDistArgs(['--electron-dist'], {}, 'linux', 'x64')).toThrow(/needs a value/);
  });
});

describe('an --electron-dist folder', () => {
  const win = [
    { platform: 'win32', arch: 'x64' },
    { platform: 'win32', arch: 'arm64' },
  ];

  it('serves any builds when it holds their release zips', () => {
    expect(electronDistProblem('/e', ['electron-v45.4.1-win32-x64.zip', 'electron-v45.4.1-win32-arm64.zip'], '45.4.1', win)).toBeNull();
  });

  it('names the zips it lacks; an unpacked Electron serves only one build of its own OS', () => {
    expect(electronDistProblem('/e', ['electron-v45.4.1-win32-x64.zip'], '45.4.1', win)).toMatch(/missing electron-v45\.4\.1-win32-arm64\.zip\./);
    expect(electronDistProblem('/e', ['electron.exe', 'resources'], '45.4.1', [win[0]!])).toBeNull();
    expect(electronDistProblem('/e', ['electron.exe', 'resources'], '45.4.1', win)).toMatch(/unpacked Electron for win32, which serves one build/);
    expect(electronDistProblem('/e', ['electron', 'resources'], '45.4.1', [win[0]!])).toMatch(/missing electron-v45\.4\.1-win32-x64\.zip/);
    expect(electronDistProblem('/nowhere', null, '45.4.1', win)).toBe('--electron-dist /nowhere: no such folder');
  });

  it('without one and without network, the message says what to fetch and how to point at it', () => {
    const message = noElectronMessage('45.4.1', win, 'ENOTFOUND');
    expect(message).toContain('electron-v45.4.1-win32-x64.zip, electron-v45.4.1-win32-arm64.zip');
    expect(message).toContain('ENOTFOUND');
    expect(message).toContain('npm run dist -- --electron-dist FOLDER');
    expect(message).toContain('VANTHU_ELECTRON_DIST');
  });
});

it('the package script is dist.mjs', async () => {
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
});

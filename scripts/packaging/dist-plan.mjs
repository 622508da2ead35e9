// `npm run dist`'s decisions, kept free of I/O so that they are tested: which command-line
// arguments mean what, the electron-builder options they become, and whether a given Electron
// folder has what the requested builds need.

/** electron-builder's platform flags, and the name Electron's release zips use for each. */
const PLATFORMS = { win: 'win32', linux: 'linux' };
const ARCHS = ['x64', 'arm64'];

export const USAGE = `npm run dist -- [--win] [--linux] [--arch x64,arm64] [--dir] [--electron-dist DIR]
  --win, --linux      what to build (default: this computer's OS)
  --arch LIST         only these archs (default: those electron-builder.yml lists)
  --dir               an unpacked app folder only, no installer, for this computer's arch
                      unless --arch (a quick check of a build)
  --electron-dist DIR Electron from DIR instead of a download (also: env VANTHU_ELECTRON_DIST):
                      the release zips electron-v<version>-<platform>-<arch>.zip, or one unpacked Electron`;

/**
 * @param {string[]} argv the arguments after `npm run dist --`
 * @param {Record<string, string | undefined>} env
 * @param {string} hostPlatform process.platform
 * @param {string} hostArch process.arch
 * @returns {{ platforms: ('win' | 'linux')[], archs: string[] | null, dir: boolean, electronDist: string | null }}
 */
export function parseDistArgs(argv, env, hostPlatform, hostArch) {
  const request = { platforms: /** @type {('win' | 'linux')[]} */ ([]), archs: /** @type {string[] | null} */ (null), dir: false, electronDist: env.VANTHU_ELECTRON_DIST || null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--win' || arg === '--linux') request.platforms.push(arg === '--win' ? 'win' : 'linux');
    else if (arg === '--dir') request.dir = true;
    else if (arg === '--arch' || arg === '--electron-dist') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new Error(`${arg} needs a value\n${USAGE}`);
      if (arg === '--electron-dist') request.electronDist = value;
      else {
        request.archs = value.split(',');
        const unknown = request.archs.filter((arch) => !ARCHS.includes(arch));
        if (unknown.length) throw new Error(`--arch: unknown ${unknown.join(', ')} (known: ${ARCHS.join(', ')})`);
      }
    } else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  if (request.dir && !request.archs) request.archs = [hostArch];
  if (!request.platforms.length) {
    if (hostPlatform === 'win32') request.platforms.push('win');
    else if (hostPlatform === 'linux') request.platforms.push('linux');
    else throw new Error(`VanThu is packaged for Windows and Linux; on ${hostPlatform} say which: --win or --linux`);
  }
  return request;
}

/**
 * The options of electron-builder's build(): every target the config lists for each platform
 * (or `dir`), with the archs named explicitly, since a target's own arch list in the config
 * would otherwise win over a narrower --arch.
 * @param {ReturnType<typeof parseDistArgs>} request
 * @param {{ win?: { target: { target: string, arch: string[] }[] }, linux?: { target: { target: string, arch: string[] }[] } }} config electron-builder.yml, parsed
 */
export function builderOptions(request, config) {
  /** @type {Record<string, unknown>} */
  const options = { publish: 'never' };
  const archs = new Set();
  for (const platform of request.platforms) {
    const targets = config[platform]?.target ?? [];
    options[platform] = request.dir ? ['dir'] : targets.map((entry) => entry.target);
    for (const entry of targets) for (const arch of entry.arch) if (!request.archs || request.archs.includes(arch)) archs.add(arch);
  }
  for (const arch of archs) options[arch] = true;
  if (request.electronDist) options.config = { electronDist: request.electronDist };
  return options;
}

/**
 * Every (platform, arch) the build packs an Electron for.
 * @param {ReturnType<typeof builderOptions>} options
 * @returns {{ platform: string, arch: string }[]}
 */
export function packedTargets(options) {
  return Object.entries(PLATFORMS)
    .filter(([flag]) => options[flag])
    .flatMap(([, platform]) => ARCHS.filter((arch) => options[arch]).map((arch) => ({ platform, arch })));
}

/** @param {string} version @param {{ platform: string, arch: string }} target */
export function electronZipName(version, { platform, arch }) {
  return `electron-v${version}-${platform}-${arch}.zip`;
}

/**
 * What is wrong with an --electron-dist folder for these builds, or null when it will do.
 * electron-builder takes a folder of release zips (any number of platforms and archs) or one
 * unpacked Electron (then only for the one platform and arch it is).
 * @param {string} dir @param {string[] | null} entries its file names; null: it does not exist
 * @param {string} version @param {{ platform: string, arch: string }[]} targets
 */
export function electronDistProblem(dir, entries, version, targets) {
  if (!entries) return `--electron-dist ${dir}: no such folder`;
  const missing = targets.map((target) => electronZipName(version, target)).filter((zip) => !entries.includes(zip));
  if (!missing.length) return null;
  const unpacked = entries.includes('electron.exe') ? 'win32' : entries.includes('electron') ? 'linux' : null;
  if (unpacked && targets.length === 1 && targets[0]?.platform === unpacked) return null;
  const found = unpacked ? ` It holds an unpacked Electron for ${unpacked}, which serves one build of that OS only.` : '';
  return `--electron-dist ${dir}: missing ${missing.join(', ')}.${found} Put Electron ${version}'s release zips there (from https://github.com/electron/electron/releases/tag/v${version}, or copied from a networked machine's Electron cache).`;
}

/**
 * The message when Electron can be neither downloaded nor found.
 * @param {string} version @param {{ platform: string, arch: string }[]} targets @param {string} reason why the download is not possible
 */
export function noElectronMessage(version, targets, reason) {
  const zips = targets.map((target) => electronZipName(version, target));
  return [
    `Cannot build: electron-builder needs Electron ${version} (${zips.join(', ')}),`,
    `it cannot be downloaded (${reason}) and no --electron-dist folder was given.`,
    `Offline: put those zips in a folder (from https://github.com/electron/electron/releases/tag/v${version}`,
    `or a networked machine's Electron cache) and run: npm run dist -- --electron-dist FOLDER`,
    `(or set VANTHU_ELECTRON_DIST=FOLDER).`,
  ].join('\n');
}

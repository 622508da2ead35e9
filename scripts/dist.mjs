// `npm run dist`: builds dist/ and packs the installers electron-builder.yml describes into
// release/. Electron comes from a download or, offline, from --electron-dist DIR (env
// VANTHU_ELECTRON_DIST); both are checked before the long build starts, as is the signing
// module (pkcs11.node) of every arch, so a build either has all it needs or says what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import builder from 'electron-builder';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { builderOptions, electronDistProblem, electronZipName, noElectronMessage, packedTargets, parseDistArgs } from './packaging/dist-plan.mjs';
import { pkcs11Binary } from './packaging/pkcs11-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message, code = 1) {
  console.error(`\n${message}`);
  process.exit(code);
}

/** Why Electron's download server cannot be reached, or null when it can. */
async function downloadProblem(version, target) {
  const mirror = process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/';
  const url = `${mirror.replace(/\/?$/, '/')}v${version}/${electronZipName(version, target)}`;
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(10_000) });
    return response.ok ? null : `${url}: HTTP ${response.status}`;
  } catch (error) {
    return `${url}: ${error.cause?.code ?? error.message}`;
  }
}

let request;
try {
  request = parseDistArgs(process.argv.slice(2), process.env, process.platform, process.arch);
} catch (error) {
  fail(error.message, 2);
}
const config = await getConfig(root, null, null);
const options = builderOptions(request, config);
const targets = packedTargets(options);
const version = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

if (request.electronDist) {
  const dir = path.resolve(request.electronDist);
  const entries = existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir) : null;
  const problem = electronDistProblem(dir, entries, version, targets);
  if (problem) fail(problem);
  options.config = { electronDist: dir };
} else {
  const problem = await downloadProblem(version, targets[0]);
  if (problem) fail(noElectronMessage(version, targets, problem));
}
for (const target of targets) {
  const binary = await pkcs11Binary(root, target);
  if ('problem' in binary) fail(binary.problem);
}

console.log(`Packing ${targets.map((target) => `${target.platform}-${target.arch}`).join(', ')}: ${Object.keys(options).filter((key) => key === 'win' || key === 'linux').map((key) => `${key} ${options[key].join(', ')}`).join('; ')}`);
if (spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' }).status !== 0) fail('The build failed (see above).');
const artifacts = await builder.build({ projectDir: root, ...options });
console.log(`\nIn ${path.join(root, 'release')}:\n${artifacts.map((file) => `  ${path.relative(root, file)}`).join('\n')}`);

// `npm start`: the desktop app where an Electron binary is installed, otherwise the same app in
// browser mode, saying so. The Electron package here is only its npm shell (no binary is
// downloaded at install), so the binary is looked for where `electron` itself would look.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

const found = findElectronBinary(root);
const electron = 'binary' in found ? found.binary : null;
if (electron && !args.includes('--browser')) {
  run(electron, [path.join(root, 'dist', 'electron', 'main.cjs'), ...args]);
} else {
  console.log(
    electron
      ? 'Starting VanThu in browser mode (--browser).'
      : 'No Electron binary is installed here (node_modules/electron has no dist/), so VanThu starts in browser mode on http://127.0.0.1 instead (open the link printed below).',
  );
  // On a person's terminal, open the link for them; scripts and CI get the printed link only.
  const open = process.stdout.isTTY && !process.env.CI ? ['--open'] : [];
  run(process.execPath, [path.join(root, 'dist', 'core', 'host.cjs'), ...open, ...args.filter((a) => a !== '--browser')]);
}

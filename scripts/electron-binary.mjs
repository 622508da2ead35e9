// Where the Electron binary is, as the electron package itself would find it (its path.txt,
// written by its postinstall download, under dist/ or ELECTRON_OVERRIDE_DIST_PATH). Here the
// package is often only its npm shell: the download is not possible, so callers fall back.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * @param {string} root the project folder
 * @param {Record<string, string | undefined>} env
 * @returns {{ binary: string } | { missing: string }} `missing`: the place looked at, for the message
 */
export function findElectronBinary(root, env = process.env) {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  if (!existsSync(pathFile)) return { missing: `${path.relative(root, pathFile)} absent: the electron package's download did not run` };
  const binary = path.join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { binary } : { missing: `${binary} absent` };
}

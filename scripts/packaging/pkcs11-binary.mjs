// pkcs11js's compiled module for each packed (platform, arch). `npm ci` compiles it for this
// computer only; for another arch, IT provides one compiled there under
// native/pkcs11js/<platform>-<arch>/pkcs11.node (see README "Build the installers").
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { nativeMismatch, nativeTarget } from './native-target.mjs';

const MODULE = path.join('node_modules', 'pkcs11js', 'build', 'Release', 'pkcs11.node');

async function head(file) {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The pkcs11.node in `dir` (a project or a packed app's unpacked folder), if it is the wanted one. */
async function check(dir, wanted) {
  const file = path.join(dir, MODULE);
  if (!existsSync(file)) return `${file} is missing`;
  return nativeMismatch(file, nativeTarget(await head(file)), wanted);
}

/**
 * The file to pack for `wanted`: the project's own when it fits, else the provided one.
 * @param {string} root @param {{ platform: string, arch: string }} wanted
 * @returns {Promise<{ file: string } | { problem: string }>}
 */
export async function pkcs11Binary(root, wanted) {
  const own = await check(root, wanted);
  if (!own) return { file: path.join(root, MODULE) };
  const providedDir = path.join(root, 'native', 'pkcs11js', `${wanted.platform}-${wanted.arch}`);
  const provided = path.join(providedDir, 'pkcs11.node');
  if (existsSync(provided)) {
    const problem = nativeMismatch(provided, nativeTarget(await head(provided)), wanted);
    return problem ? { problem } : { file: provided };
  }
  return {
    problem:
      `${own}: a ${wanted.platform}-${wanted.arch} build would ship a signing module that cannot load there. ` +
      `Build on a ${wanted.platform}-${wanted.arch} computer (npm ci compiles it), or put one compiled there at ${provided} ` +
      `(in node_modules/pkcs11js on that computer: npx node-gyp rebuild), or leave that arch out (--arch).`,
  };
}

/** Whether the packed app in `appOutDir` holds the right one (after electron-builder copied node_modules). */
export async function packedPkcs11Problem(appOutDir, wanted) {
  return check(path.join(appOutDir, 'resources', 'app.asar.unpacked'), wanted);
}

export const PACKED_PKCS11 = path.join('resources', 'app.asar.unpacked', MODULE);

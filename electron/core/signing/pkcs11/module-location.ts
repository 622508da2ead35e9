/**
 * Where a PKCS#11 library may be loaded from (docs/architecture.md, "Token driver"). Loading one
 * runs its code in the signer process, so a file that someone else could have written must never
 * be loaded: not one in the data folder (received attachments sit there under predictable names),
 * not one in a temporary folder every program (and, on Linux, every user) writes to, not one that
 * others may change. Checked by the core before it asks, and again by the signer process itself
 * before it loads anything, on the real path (symbolic links resolved), which is what it loads.
 */
import { realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ModulePlaces {
  /** The VanThu data folder, or null (the signing command line has none). */
  dataDir: string | null;
  tempDirs: readonly string[];
}

export type ModuleAdmission = { ok: true; path: string } | { ok: false; reason: string };

/** The temporary folders of this user and of the system, as the environment names them. */
export function userTempDirs(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const named = [os.tmpdir(), env.TMPDIR, env.TMP, env.TEMP];
  const fixed =
    platform === 'win32'
      ? [env.LOCALAPPDATA && path.win32.join(env.LOCALAPPDATA, 'Temp'), env.SystemRoot && path.win32.join(env.SystemRoot, 'Temp')]
      : ['/tmp', '/var/tmp', '/dev/shm'];
  return [...new Set([...named, ...fixed].filter((dir): dir is string => typeof dir === 'string' && dir !== ''))];
}

function realOrSelf(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}

function inside(file: string, dir: string, platform: NodeJS.Platform): boolean {
  const fold = (value: string) => (platform === 'win32' ? value.toLowerCase() : value);
  const relative = path.relative(fold(dir), fold(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The path to load, or why not. A file that does not exist passes (loading it then says it is
 * missing); its folder is checked all the same.
 */
export function admitModule(file: string, places: ModulePlaces, platform: NodeJS.Platform = process.platform): ModuleAdmission {
  if (!path.isAbsolute(file)) return { ok: false, reason: 'the path is not absolute' };
  const real = realOrSelf(file);
  if (places.dataDir && inside(real, realOrSelf(places.dataDir), platform)) return { ok: false, reason: 'it is inside the VanThu data folder, where received files are kept' };
  const temp = places.tempDirs.find((dir) => inside(real, realOrSelf(dir), platform));
  if (temp) return { ok: false, reason: `it is inside the temporary folder ${temp}, which any program can write to` };
  let stats;
  try {
    stats = statSync(real);
  } catch {
    return { ok: true, path: real };
  }
  if (!stats.isFile()) return { ok: false, reason: 'it is not a regular file' };
  if (platform !== 'win32') {
    if (stats.mode & 0o022) return { ok: false, reason: 'other users may change it (group- or world-writable)' };
    if (statSync(path.dirname(real)).mode & 0o002) return { ok: false, reason: 'it is in a folder every user may write to' };
  }
  return { ok: true, path: real };
}

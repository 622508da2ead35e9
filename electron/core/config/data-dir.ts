import os from 'node:os';
import path from 'node:path';

/**
 * The per-user application-data folder, the same one Electron's app.getPath('userData') gives
 * for productName "VanThu", so browser mode and the desktop app share a data folder by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'VanThu');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'VanThu');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'VanThu');
}

export const DATABASE_FILE = 'vanthu.sqlite';
export const BLOBS_DIR = 'blobs';
export const DEMO_AXIS_DIR = 'demo-axis';
export const SECRETS_FILE = 'secrets.json';
/** Root certificates signatures must chain to (PEM or DER files; IT staff may add files by hand). */
export const TRUST_ANCHORS_DIR = 'trust-anchors';

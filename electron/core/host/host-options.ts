import { parseArgs } from 'node:util';
import path from 'node:path';
import { defaultDataDir } from '../config/data-dir.js';

export const DEFAULT_PORT = 5170;

export interface HostOptions {
  dataDir: string;
  port: number;
  /** Open the launch link in the default browser once ready (npm start does, on a terminal). */
  open: boolean;
}

/**
 * Command line first, then VANTHU_DATA_DIR / VANTHU_PORT, then the defaults. Under Electron the
 * command line also carries Chromium's own switches, hence `strict: false` there.
 */
export function readHostOptions(argv: string[], env: NodeJS.ProcessEnv = process.env, strict = true): HostOptions {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, open: { type: 'boolean' } }, strict, allowPositionals: !strict });
  if (typeof values['data-dir'] === 'boolean' || typeof values.port === 'boolean') throw new Error('--data-dir and --port need a value');
  const portText = values.port ?? env.VANTHU_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${portText}"`);
  return { dataDir: path.resolve(values['data-dir'] ?? env.VANTHU_DATA_DIR ?? defaultDataDir(env)), port, open: values.open === true };
}

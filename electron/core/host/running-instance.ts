/**
 * A second `npm start` on a data folder whose VanThu is running: instead of a second core, a new
 * launch link to the running one (its previous links are spent, and a closed tab took its
 * session along). The running host left its address and launcher key in `host.json`, owner-only
 * in the owner-only data folder; the key is sent only to the address that file names, and only
 * when the file was written by the process holding the folder's lock.
 */
import path from 'node:path';
import { HTTP_LAUNCH_PATH, LAUNCH_FRAGMENT_KEY } from '../../../shared/api/transport.js';
import { readJsonFile } from '../config/json-file.js';
import { openInBrowser } from './open-in-browser.js';

export const HOST_FILE = 'host.json';

export interface HostRecord {
  pid: number;
  url: string;
  launcherKey: string;
}

async function newLaunchUrl(record: HostRecord): Promise<string | null> {
  try {
    const response = await fetch(new URL(HTTP_LAUNCH_PATH, record.url), { method: 'POST', headers: { authorization: `Bearer ${record.launcherKey}` }, signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return null;
    const { code } = (await response.json()) as { code?: unknown };
    return typeof code === 'string' ? `${record.url}#${LAUNCH_FRAGMENT_KEY}=${code}` : null;
  } catch {
    return null;
  }
}

/** Prints (and opens) a new link to the VanThu of `ownerPid`; false when it cannot be reached that way. */
export async function launchRunningInstance(dataDir: string, ownerPid: number, open: boolean): Promise<boolean> {
  const record = (await readJsonFile(path.join(dataDir, HOST_FILE)).catch(() => undefined)) as Partial<HostRecord> | undefined;
  if (record?.pid !== ownerPid || typeof record.url !== 'string' || typeof record.launcherKey !== 'string') return false;
  const printed = await newLaunchUrl(record as HostRecord);
  if (!printed) return false;
  console.log(`VanThu is already running with the data folder ${dataDir}. Open: ${printed}`);
  const opened = open ? await newLaunchUrl(record as HostRecord) : null;
  if (opened) openInBrowser(dataDir, opened);
  return true;
}

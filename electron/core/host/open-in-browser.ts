import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Written in the data folder (0700) for the browser to open; its code works once. */
export const LAUNCH_FILE = 'launch.html';

/**
 * Hands the launch link to the desktop's default browser without putting it on a command line
 * (every local user sees command lines in `ps`): the link goes into an owner-only file that
 * forwards to it, and the opener is given the file's path, as Jupyter does. Best effort: on a
 * machine without a desktop the printed link is the way in, so a failure here is only mentioned.
 */
export function openInBrowser(dataDir: string, launchUrl: string): void {
  const file = path.join(dataDir, LAUNCH_FILE);
  const temp = path.join(dataDir, `.${randomUUID()}.tmp`);
  writeFileSync(temp, launchPage(launchUrl), { mode: 0o600, flag: 'wx' });
  renameSync(temp, file);
  const [command, args] =
    process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', file]] : process.platform === 'darwin' ? ['open', [file]] : ['xdg-open', [file]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => console.log('(No browser could be opened here: open the link above yourself.)'));
    child.unref();
  } catch {
    console.log('(No browser could be opened here: open the link above yourself.)');
  }
}

function launchPage(launchUrl: string): string {
  const href = launchUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${href}">
<title>VanThu</title>
<p><a href="${href}">Mở VanThu / Open VanThu</a></p>
`;
}

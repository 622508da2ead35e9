import { spawn } from 'node:child_process';

/**
 * Hands the launch link to the desktop's default browser. Best effort: on a machine without a
 * desktop the printed link is the way in, so a failure here is only mentioned.
 */
export function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => console.log('(No browser could be opened here: open the link above yourself.)'));
    child.unref();
  } catch {
    console.log('(No browser could be opened here: open the link above yourself.)');
  }
}

/**
 * Open at sign-in on Linux, where Electron's setLoginItemSettings does nothing: an XDG autostart
 * entry (freedesktop.org Desktop Application Autostart Specification), which GNOME, KDE and Xfce
 * read at sign-in, and which their settings apps show and can remove.
 */
import { rm, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { APP_USER_MODEL_ID } from './app-identity.js';

/** `$XDG_CONFIG_HOME/autostart/vn.vanthu.desktop.desktop`, ~/.config when the variable is unset or relative. */
export function autostartFile(env: NodeJS.ProcessEnv, home: string): string {
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, 'autostart', `${APP_USER_MODEL_ID}.desktop`);
}

/** The AppImage file itself (its mount point changes at every start), else the installed binary. */
export function linuxExecutable(env: NodeJS.ProcessEnv, execPath: string): string {
  return env.APPIMAGE && path.isAbsolute(env.APPIMAGE) ? env.APPIMAGE : execPath;
}

/** One Exec argument, quoted as the Desktop Entry Specification asks (and % doubled: field codes). */
function execArgument(value: string): string {
  return `"${value.replace(/[\\"`$]/g, (char) => `\\${char}`).replaceAll('%', '%%')}"`;
}

export function autostartEntry(executable: string): string {
  if (/[\n\r]/.test(executable)) throw new Error('The VanThu executable path contains a line break: no autostart entry can name it.');
  return ['[Desktop Entry]', 'Type=Application', 'Name=VanThu', `Exec=${execArgument(executable)}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

export async function setLinuxAutostart(file: string, executable: string, enabled: boolean): Promise<void> {
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, autostartEntry(executable));
}

export function linuxAutostartEnabled(file: string): boolean {
  return existsSync(file);
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/temp-dir.js';
import { autostartEntry, autostartFile, linuxAutostartEnabled, linuxExecutable, setLinuxAutostart } from './linux-autostart.js';

const tempDir = useTempDirs();

describe('Linux autostart entry', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, or ~/.config/autostart, named after the app id', () => {
    expect(autostartFile({ XDG_CONFIG_HOME: '/home/an/.cfg' }, '/home/an')).toBe('/home/an/.cfg/autostart/vn.vanthu.desktop.desktop');
    expect(autostartFile({}, '/home/an')).toBe('/home/an/.config/autostart/vn.vanthu.desktop.desktop');
    expect(autostartFile({ XDG_CONFIG_HOME: 'relative' }, '/home/an')).toBe('/home/an/.config/autostart/vn.vanthu.desktop.desktop');
  });

  it('starts the AppImage file when running from one, else the installed binary', () => {
    expect(linuxExecutable({ APPIMAGE: '/home/an/Apps/VanThu-0.1.0.AppImage' }, '/tmp/.mount_VanThuX/vanthu')).toBe('/home/an/Apps/VanThu-0.1.0.AppImage');
    expect(linuxExecutable({}, '/opt/VanThu/vanthu')).toBe('/opt/VanThu/vanthu');
  });

  it('quotes the executable as the Desktop Entry Specification asks', () => {
    expect(autostartEntry('/opt/VanThu/vanthu')).toContain('Exec="/opt/VanThu/vanthu"\n');
    expect(autostartEntry('/home/an/Tải về/Văn "thư" $1 `x` 100% \\.AppImage')).toContain('Exec="/home/an/Tải về/Văn \\"thư\\" \\$1 \\`x\\` 100%% \\\\.AppImage"\n');
    expect(autostartEntry('/opt/x').split('\n').slice(0, 3)).toEqual(['[Desktop Entry]', 'Type=Application', 'Name=VanThu']);
    expect(() => autostartEntry('/opt/x\nExec=rm -rf ~')).toThrow(/line break/);
  });

  it('is written when turned on and removed when turned off, creating the folder', async () => {
    const file = path.join(await tempDir(), 'config', 'autostart', 'vn.vanthu.desktop.desktop');
    expect(linuxAutostartEnabled(file)).toBe(false);
    await setLinuxAutostart(file, '/opt/VanThu/vanthu', true);
    expect(linuxAutostartEnabled(file)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(autostartEntry('/opt/VanThu/vanthu'));
    await setLinuxAutostart(file, '/opt/VanThu/vanthu', false);
    expect(linuxAutostartEnabled(file)).toBe(false);
    await setLinuxAutostart(file, '/opt/VanThu/vanthu', false);
  });
});

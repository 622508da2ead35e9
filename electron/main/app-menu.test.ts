/**
 * The menus as Electron would receive them, in both languages: Windows' order and shortcuts,
 * access keys that do not clash, commands the renderer knows, no developer tools when packaged.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { isMenuCommand, MENU_COMMANDS, type MenuCommand } from '../../shared/api/desktop.js';
import { LANGUAGES, type Lang } from '../../shared/i18n/messages.js';
import { applicationMenuTemplate, trayMenuTemplate } from './app-menu.js';

function recorder() {
  const calls: string[] = [];
  return {
    calls,
    actions: {
      command: (command: MenuCommand) => calls.push(`command:${command}`),
      about: () => calls.push('about'),
      quit: () => calls.push('quit'),
      open: () => calls.push('open'),
    },
  };
}

const items = (menu: MenuItemConstructorOptions): MenuItemConstructorOptions[] => (menu.submenu as MenuItemConstructorOptions[]).filter((item) => item.type !== 'separator');
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();
const menu = (lang: Lang, packaged: boolean, closeToTray = false) => {
  const { calls, actions } = recorder();
  return { calls, template: applicationMenuTemplate({ lang, packaged, closeToTray }, actions) };
};
/** Every item of every submenu, flattened, with its top menu's label. */
const flatten = (template: MenuItemConstructorOptions[]) => template.flatMap((top) => items(top).map((item) => ({ top: top.label!, item })));

describe('application menu', () => {
  it('has Tệp · Sửa · Xem · Trợ giúp in Vietnamese and File · Edit · View · Help in English', () => {
    expect(menu('vi', true).template.map((m) => m.label)).toEqual(['&Tệp', '&Sửa', '&Xem', 'Trợ &giúp']);
    expect(menu('en', true).template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('gives the Windows shortcuts', () => {
    const accelerators = Object.fromEntries(flatten(menu('vi', false).template).map(({ item }) => [item.label!.replace('&', ''), item.accelerator ?? null]));
    expect(accelerators).toMatchObject({
      'Dự thảo mới': 'CmdOrCtrl+N',
      'Đồng bộ ngay': 'F5',
      'Thoát': 'Alt+F4',
      'Hoàn tác': 'CmdOrCtrl+Z',
      'Làm lại': 'CmdOrCtrl+Y',
      'Cắt': 'CmdOrCtrl+X',
      'Sao chép': 'CmdOrCtrl+C',
      'Dán': 'CmdOrCtrl+V',
      'Chọn tất cả': 'CmdOrCtrl+A',
      'Tìm kiếm': 'CmdOrCtrl+F',
      'Toàn màn hình': 'F11',
      'Chẩn đoán': null,
      'Giới thiệu VanThu': null,
    });
  });

  it('shows Alt+F4 beside Exit only when closing the window quits (not when it hides to the tray)', () => {
    const exit = (closeToTray: boolean) => flatten(menu('en', true, closeToTray).template).find(({ item }) => item.label === 'E&xit')!.item;
    expect(exit(false)).toMatchObject({ accelerator: 'Alt+F4', registerAccelerator: false });
    expect(exit(true).accelerator).toBeUndefined();
  });

  it('uses Electron roles for editing, zoom and full screen, each labelled in the language', () => {
    for (const lang of LANGUAGES) {
      const roles = flatten(menu(lang, true).template).filter(({ item }) => item.role).map(({ item }) => item.role);
      expect(roles).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']);
      expect(flatten(menu(lang, true).template).every(({ item }) => typeof item.label === 'string' && item.label.length > 0)).toBe(true);
    }
    expect(flatten(menu('en', true).template).map(({ item }) => item.label)).not.toEqual(flatten(menu('vi', true).template).map(({ item }) => item.label));
  });

  it('offers developer tools only in an unpackaged build', () => {
    for (const lang of LANGUAGES) {
      const packaged = JSON.stringify(menu(lang, true).template);
      expect(packaged).not.toMatch(/devtools/i);
      expect(flatten(menu(lang, false).template).some(({ item }) => item.role === 'toggleDevTools')).toBe(true);
    }
  });

  it('sends the page only commands it knows, and quits or shows About itself', () => {
    const { calls, template } = menu('vi', true);
    for (const { item } of flatten(template)) if (item.click) click(item);
    expect(calls).toEqual(['command:newDraft', 'command:syncNow', 'quit', 'command:search', 'command:diagnostics', 'about']);
    expect(calls.filter((c) => c.startsWith('command:')).every((c) => isMenuCommand(c.slice('command:'.length)))).toBe(true);
    expect(new Set(calls.filter((c) => c.startsWith('command:')))).toEqual(new Set(MENU_COMMANDS.map((c) => `command:${c}`)));
  });

  it('has one access key (&) per label, never the same twice within a menu', () => {
    for (const lang of LANGUAGES) {
      const { template } = menu(lang, false);
      const groups = [template.map((m) => m.label!), ...template.map((m) => items(m).map((item) => item.label!))];
      for (const labels of groups) {
        const keys = labels.map((label) => {
          expect(label.match(/&/g), label).toHaveLength(1);
          return label[label.indexOf('&') + 1]!.toLocaleLowerCase(lang);
        });
        expect(new Set(keys).size, labels.join(' | ')).toBe(keys.length);
      }
    }
  });
});

describe('tray menu', () => {
  it('opens, syncs and quits, in both languages', () => {
    const { calls, actions } = recorder();
    const vi = trayMenuTemplate('vi', actions);
    expect(vi.map((item) => item.label ?? item.type)).toEqual(['Mở VanThu', 'Đồng bộ ngay', 'separator', 'Thoát']);
    expect(trayMenuTemplate('en', actions).map((item) => item.label ?? item.type)).toEqual(['Open VanThu', 'Sync now', 'separator', 'Quit']);
    for (const item of vi) if (item.click) click(item);
    expect(calls).toEqual(['open', 'command:syncNow', 'quit']);
  });
});

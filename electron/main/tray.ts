/**
 * The notification-area icon and the taskbar's count, wired to the pure parts: the badge
 * (tray-badge.ts), the texts (desktop-texts.ts) and the menu (app-menu.ts).
 */
import { app, Menu, nativeImage, Tray, type BrowserWindow } from 'electron';
import { readFileSync } from 'node:fs';
import type { Lang } from '../../shared/i18n/messages.js';
import { assetPath } from '../core/signing/assets.js';
import { trayMenuTemplate, type TrayActions } from './app-menu.js';
import { trayTooltip } from './desktop-texts.js';
import { overlayBadge, TRAY_ICON, trayIconWithBadge } from './tray-badge.js';

/** Drawn at 32 px for a 16 px (logical) place: sharp at 200 %, scaled down at 100 %. */
const image = (png: Buffer) => nativeImage.createFromBuffer(png, { scaleFactor: 2 });

export class DesktopTray {
  private readonly icon = readFileSync(assetPath(TRAY_ICON));
  private readonly tray: Tray;

  constructor(private readonly actions: TrayActions) {
    this.tray = new Tray(image(this.icon));
    // Windows: a click opens the app, a right-click shows the menu (set as the context menu).
    this.tray.on('click', () => actions.open());
  }

  /** The count on the icon, the tooltip, the menu in `lang`, and the taskbar's overlay or badge. */
  show(count: number, lang: Lang, window: BrowserWindow | null): void {
    this.tray.setImage(image(trayIconWithBadge(this.icon, count)));
    this.tray.setToolTip(trayTooltip(count, lang));
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(lang, this.actions)));
    if (process.platform === 'win32') {
      const overlay = overlayBadge(count);
      window?.setOverlayIcon(overlay ? image(overlay) : null, overlay ? trayTooltip(count, lang) : '');
    } else {
      // The launcher badge of Linux desktops that show one (Unity's API); elsewhere a no-op.
      app.setBadgeCount(count);
    }
  }

  destroy(): void {
    this.tray.destroy();
  }
}

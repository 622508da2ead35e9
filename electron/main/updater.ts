/**
 * Self-update from the agency's server (the UpdateUrl policy) with electron-updater's generic
 * provider: the feed is the latest.yml electron-builder writes next to the installer; downloads
 * are checked against its sha512 and, on Windows, against the installed app's publisher
 * signature. A downloaded update is announced (`announce`) and installs when the clerk clicks
 * the announcement, and then only once the core allows it (update-plan.ts): never a restart the
 * clerk did not ask for. Not clicked, it is announced again at the next start (the download is
 * cached).
 */
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { logError } from '../core/logging/log.js';
import { readAdminPolicy } from '../core/policy/load-policy.js';
import type { UpdateDecision } from '../core/update/update-guard.js';
import { installWhenAllowed, updaterPlan } from './update-plan.js';

const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

/** Shows that `version` is ready; `install` is to be called when the clerk accepts. */
export type AnnounceUpdate = (version: string, install: () => void) => void;

/** `askCore` asks the core whether it may install now (it answers once nothing is under way). */
export function startUpdater(askCore: () => Promise<UpdateDecision>, announce: AnnounceUpdate): void {
  // The core logs the policy's problems; main only needs the update URL.
  void readAdminPolicy().then(({ policy }) => {
    const plan = updaterPlan({ updateUrl: policy.updateUrl?.value ?? null, packaged: app.isPackaged, platform: process.platform, env: process.env });
    if (!plan.start) {
      console.log(`[updater] off: ${plan.reason}`);
      return;
    }
    const { autoUpdater } = electronUpdater;
    autoUpdater.autoDownload = true;
    // Quitting must not install behind the core's back: installs go through installWhenAllowed.
    autoUpdater.autoInstallOnAppQuit = false;
    autoUpdater.setFeedURL(plan.feed);
    autoUpdater.on('error', (error) => logError('[updater]', error));
    let installing = false;
    autoUpdater.on('update-downloaded', (info) => {
      announce(info.version, () => {
        if (installing) return;
        installing = true;
        // Silent, and the app starts again: the per-user installer needs no prompt.
        void installWhenAllowed(askCore, () => autoUpdater.quitAndInstall(true, true)).then(
          (decision) => {
            if (!decision.install) console.log(`[updater] not installed: ${decision.reason}`);
          },
          // Unanswered, main never installs: the safe side.
          (error: unknown) => {
            installing = false;
            logError('[updater] not installed: the core did not answer', error);
          },
        );
      });
    });
    const check = () => void autoUpdater.checkForUpdates().catch((error: unknown) => logError('[updater] check failed', error));
    check();
    setInterval(check, CHECK_EVERY_MS).unref();
  });
}

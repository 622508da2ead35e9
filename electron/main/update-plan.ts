/**
 * The updater's decisions, apart from Electron: whether this copy of the app updates itself at
 * all, from where, and when a downloaded update installs (only when the core allows it).
 */
import type { UpdateDecision } from '../core/update/update-guard.js';

export type UpdaterPlan = { start: true; feed: { provider: 'generic'; url: string } } | { start: false; reason: string };

export interface UpdaterConditions {
  /** The UpdateUrl admin policy; the app never updates itself without it. */
  updateUrl: string | null;
  /** app.isPackaged: `npm start` runs from the source tree, which an installer must not overwrite. */
  packaged: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export function updaterPlan({ updateUrl, packaged, platform, env }: UpdaterConditions): UpdaterPlan {
  if (!updateUrl) return { start: false, reason: 'no UpdateUrl policy' };
  if (!packaged) return { start: false, reason: 'not an installed app' };
  // electron-builder's portable exe sets this; an NSIS update would turn it into an installed copy.
  if (platform === 'win32' && env.PORTABLE_EXECUTABLE_FILE) return { start: false, reason: 'the portable build is replaced by IT, not updated' };
  // The AppImage sets APPIMAGE; a .deb is the package manager's to update (and needs root).
  if (platform === 'linux' && !env.APPIMAGE) return { start: false, reason: 'installed from a .deb: updates come through apt' };
  return { start: true, feed: { provider: 'generic', url: updateUrl } };
}

/**
 * Asks the core (which answers once no send or signature is under way) until it allows the
 * install, then installs. A 'sending' or 'signing' answer means one began just as the core
 * answered: ask again. Without the update URL any more, never.
 */
export async function installWhenAllowed(ask: () => Promise<UpdateDecision>, install: () => void): Promise<UpdateDecision> {
  for (;;) {
    const decision = await ask();
    if (decision.install) {
      install();
      return decision;
    }
    if (decision.reason === 'no_update_url') return decision;
  }
}

/**
 * The admin policy as the app applies it: read once when the core starts (a change applies at
 * the next start), its problems logged once. VANTHU_POLICY_FILE names another policy file, on
 * any system, so that IT can try a policy before deploying it (and tests use their own).
 * Later reads (before an update installs) use readAdminPolicy, which logs nothing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AdminPolicyReading } from '../../../shared/api/policy.js';
import { logError } from '../logging/log.js';
import { withPlainHttpRule } from './apply-policy.js';
import { DEFAULT_POLICY_FILE, readPolicyFile, readRegistryPolicy } from './read-policy.js';

const POLICY_FILE_ENV = 'VANTHU_POLICY_FILE';

/** No policy at all: what a computer without registry key or file has. */
export const NO_POLICY: AdminPolicyReading = { policy: {}, problems: [] };

export async function loadAdminPolicy(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<AdminPolicyReading> {
  const reading = await readAdminPolicy(env, platform);
  for (const problem of reading.problems) logError(`[policy] ${problem}`);
  return reading;
}

/** The policy as it stands now, its problems returned but not logged. */
export async function readAdminPolicy(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<AdminPolicyReading> {
  return withPlainHttpRule(await readStoredPolicy(env, platform));
}

async function readStoredPolicy(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<AdminPolicyReading> {
  const named = env[POLICY_FILE_ENV];
  if (named) {
    const file = path.resolve(named);
    // Named on purpose: a missing file is a typo to report, not "no policy" as for the default file.
    if (!existsSync(file)) return { policy: {}, problems: [`${file} (${POLICY_FILE_ENV}): the file does not exist; no policy applied`], file };
    return { ...(await readPolicyFile(file)), file };
  }
  if (platform === 'win32') return readRegistryPolicy();
  return { ...(await readPolicyFile(DEFAULT_POLICY_FILE)), file: DEFAULT_POLICY_FILE };
}

/**
 * Which PKCS#11 library (the token driver) this computer signs with: the admin policy's, else the
 * one chosen in Settings, else VANTHU_PKCS11_MODULE, else the first known driver found installed.
 * A library is loaded only from where nobody but an administrator could have put it.
 */
import { existsSync } from 'node:fs';
import { ApiError } from '../../../shared/api/errors.js';
import type { SigningSettings } from '../../../shared/api/signing.js';
import { expandWindowsVariables, policyRefusal } from '../policy/apply-policy.js';
import { driverPublisher, linuxCandidates } from '../signing/pkcs11/known-drivers.js';
import { admitModule, userTempDirs } from '../signing/pkcs11/module-location.js';
import { inspectPeFile, peRefusal } from '../signing/pkcs11/pe-check.js';
import { candidateModules } from '../signing/pkcs11/windows-modules.js';
import { appendAudit } from '../store/audit-log.js';
import { writeTransaction } from '../store/database.js';
import { deleteValue, readValue, writeValue } from '../store/key-value.js';
import type { CoreContext } from './handlers.js';

export const PKCS11_MODULE_SETTING = 'signing.pkcs11Module';

export type DriverChoice = Pick<SigningSettings, 'module' | 'source' | 'publisher'>;

/** The known drivers installed here (Windows: with why one cannot be loaded). */
export function driverCandidates(): SigningSettings['candidates'] {
  const found = process.platform === 'win32' ? candidateModules(process.env.SystemRoot ?? 'C:\\Windows', existsSync) : linuxCandidates(existsSync);
  return found.map((candidate) => ({ ...candidate, publisher: driverPublisher(candidate.path) }));
}

export function chosenDriver(ctx: CoreContext, candidates: SigningSettings['candidates']): DriverChoice {
  const chosen = (module: string | null, source: SigningSettings['source']) => ({ module, source, publisher: module ? driverPublisher(module) : null });
  const { policy } = ctx.policy;
  if (policy.pkcs11Library) {
    const written = policy.pkcs11Library.value;
    return chosen(process.platform === 'win32' ? expandWindowsVariables(written, process.env) : written, 'policy');
  }
  const saved = readValue<string>(ctx.db, 'settings', PKCS11_MODULE_SETTING);
  if (saved) return chosen(saved, 'setting');
  const fromEnv = process.env.VANTHU_PKCS11_MODULE;
  if (fromEnv) return chosen(fromEnv, 'env');
  const detected = candidates.find((candidate) => candidate.loadable)?.path ?? null;
  return chosen(detected, detected ? 'detected' : 'none');
}

/** Never a library anyone else could have written (module-location.ts); the signer process checks again. */
export function admittedDriver(ctx: CoreContext, module: string): string {
  const admission = admitModule(module, { dataDir: ctx.dataDir, tempDirs: userTempDirs() });
  if (!admission.ok) {
    throw new ApiError('forbidden', `The PKCS#11 library ${module} is not loaded: ${admission.reason}. Choose a detected driver, or pick the library where its vendor installed it.`, { token: 'module_refused', module: admission.reason });
  }
  return module;
}

/** The driver to sign with now, refused before it is loaded when it cannot be. */
export function requireDriver(ctx: CoreContext): string {
  const { module } = chosenDriver(ctx, driverCandidates());
  if (!module) throw new ApiError('not_configured', 'No PKCS#11 library is set for signing: choose the token driver in Settings.');
  admittedDriver(ctx, module);
  // docs/formats.md#certificates: a DLL of the wrong bitness, or without C_GetFunctionList, is refused before it is loaded.
  if (process.platform === 'win32' && existsSync(module)) {
    let refusal: string | null;
    try {
      refusal = peRefusal(inspectPeFile(module));
    } catch (error) {
      refusal = `cannot be read as a DLL: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (refusal) throw new ApiError('unavailable', `${module} ${refusal}.`, { token: 'module_failed' });
  }
  return module;
}

export function saveDriver(ctx: CoreContext, module: string | null, via: 'detected' | 'dialog' | null): void {
  if (ctx.policy.policy.pkcs11Library) throw policyRefusal(ctx.policy, 'pkcs11Library', 'The PKCS#11 library cannot be changed on this computer.');
  writeTransaction(ctx.db, () => {
    if (module) writeValue(ctx.db, 'settings', PKCS11_MODULE_SETTING, module);
    else deleteValue(ctx.db, 'settings', PKCS11_MODULE_SETTING);
    appendAudit(ctx.db, { actor: ctx.actor, action: 'signing.module', details: { module, via, publisher: module ? driverPublisher(module) : null } });
  });
}

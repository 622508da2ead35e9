import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AdminPolicyReading, PolicyKey, PolicySource } from '../../../shared/api/policy.js';
import { POLICY_KEYS } from '../../../shared/api/policy.js';
import { policyFields, policyKeyOfRegistryName, SWITCH_POLICIES } from './policy-fields.js';
import type { RegistryValue } from './registry-text.js';
import { parseRegQuery } from './registry-text.js';

export const DEFAULT_POLICY_FILE = '/etc/vanthu/policy.json';
export const POLICY_KEY_PATH = 'Software\\Policies\\VanThu';

type Reading = { policy: Record<string, { value: unknown; source: PolicySource }>; problems: string[] };

function setValue(reading: Reading, key: PolicyKey, raw: unknown, source: PolicySource, label: string): void {
  const parsed = policyFields[key].safeParse(raw);
  if (parsed.success) reading.policy[key] = { value: parsed.data, source };
  else reading.problems.push(`${label}: ${parsed.error.issues[0]?.message ?? 'invalid value'}; ignored`);
}

/** One hive's values (those directly under the VanThu key; subkeys are not policies). */
export function policyFromRegistry(values: RegistryValue[], source: 'HKLM' | 'HKCU'): AdminPolicyReading {
  const reading: Reading = { policy: {}, problems: [] };
  for (const entry of values) {
    if (!entry.key.toLowerCase().endsWith(`\\${POLICY_KEY_PATH.toLowerCase()}`)) continue;
    const label = `${source}\\${POLICY_KEY_PATH}\\${entry.name}`;
    const key = policyKeyOfRegistryName(entry.name);
    if (!key) {
      reading.problems.push(`${label}: unknown policy; ignored (known: ${POLICY_KEYS.join(', ')})`);
      continue;
    }
    if (SWITCH_POLICIES.includes(key)) {
      if (entry.type !== 'REG_DWORD' || (entry.value !== 0 && entry.value !== 1)) reading.problems.push(`${label}: must be a REG_DWORD of 0 or 1; ignored`);
      else setValue(reading, key, entry.value === 1, source, label);
    } else if (entry.type !== 'REG_SZ' && entry.type !== 'REG_EXPAND_SZ') {
      reading.problems.push(`${label}: must be REG_SZ or REG_EXPAND_SZ; ignored`);
    } else {
      setValue(reading, key, entry.value, source, label);
    }
  }
  return reading as AdminPolicyReading;
}

/** Machine policy wins over the user's: IT sets HKLM, a user may only fill gaps through HKCU. */
export function mergeRegistryPolicies(hklm: AdminPolicyReading, hkcu: AdminPolicyReading): AdminPolicyReading {
  return { policy: { ...hkcu.policy, ...hklm.policy }, problems: [...hklm.problems, ...hkcu.problems] };
}

/** The Linux policy file; a missing file means no policy, anything else wrong is reported, never thrown. */
export async function readPolicyFile(file = DEFAULT_POLICY_FILE): Promise<AdminPolicyReading> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { policy: {}, problems: [] };
    return { policy: {}, problems: [`${file}: cannot be read (${(error as Error).message}); no policy applied`] };
  }
  return policyFromJson(text, file);
}

function policyFromJson(text: string, label: string): AdminPolicyReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { policy: {}, problems: [`${label}: not valid JSON (${(error as Error).message}); no policy applied`] };
  }
  const object = z.record(z.string(), z.unknown()).safeParse(data);
  if (!object.success || Array.isArray(data)) return { policy: {}, problems: [`${label}: must be a JSON object; no policy applied`] };
  const reading: Reading = { policy: {}, problems: [] };
  for (const [name, raw] of Object.entries(object.data)) {
    const key = POLICY_KEYS.find((known) => known === name);
    if (!key) reading.problems.push(`${label}: unknown key "${name}"; ignored (known: ${POLICY_KEYS.join(', ')})`);
    else setValue(reading, key, raw, 'file', `${label}: "${name}"`);
  }
  return reading as AdminPolicyReading;
}

function regQuery(hive: 'HKLM' | 'HKCU'): Promise<string> {
  // A missing key makes reg.exe exit 1: that is "no policy", not an error.
  return new Promise((resolve) => {
    execFile('reg', ['query', `${hive}\\${POLICY_KEY_PATH}`, '/s'], { windowsHide: true }, (error, stdout) => resolve(error ? '' : stdout));
  });
}

/** The Windows registry's admin policy: HKLM over HKCU. */
export async function readRegistryPolicy(): Promise<AdminPolicyReading> {
  const [hklm, hkcu] = await Promise.all([regQuery('HKLM'), regQuery('HKCU')]);
  return mergeRegistryPolicies(policyFromRegistry(parseRegQuery(hklm), 'HKLM'), policyFromRegistry(parseRegQuery(hkcu), 'HKCU'));
}

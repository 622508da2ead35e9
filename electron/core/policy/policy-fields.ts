import { z } from 'zod';
import { typedAgencyCode } from '../../../shared/api/contract.js';
import { POLICY_KEYS, type PolicyKey } from '../../../shared/api/policy.js';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** Each policy's schema; the JSON file uses these names, the registry the same names capitalised. */
export const policyFields = {
  axisUrl: httpUrl,
  // The connect form locks this value: one it would refuse must be reported, not lock the clerk out.
  agencyCode: typedAgencyCode,
  pkcs11Library: nonEmpty,
  tsaUrl: httpUrl,
  updateUrl: httpUrl,
  disableExport: z.boolean({ error: 'must be true or false' }),
  allowUnsignedSending: z.boolean({ error: 'must be true or false' }),
  allowHttp: z.boolean({ error: 'must be true or false' }),
  hubUrl: httpUrl,
} satisfies Record<PolicyKey, z.ZodType>;

/** Registry value names are case-insensitive; IT writes them as AxisUrl, DisableExport, … */
export function policyKeyOfRegistryName(name: string): PolicyKey | null {
  return POLICY_KEYS.find((key) => key.toLowerCase() === name.toLowerCase()) ?? null;
}

/** The name IT writes in the registry (AxisUrl for axisUrl), as error messages and docs name a policy. */
export function registryName(key: PolicyKey): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

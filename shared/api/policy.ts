/** Settings the agency's IT enforces (Windows registry policies or /etc/vanthu/policy.json); read-only in the app. */

/** Where a policy value came from: HKLM wins over HKCU on Windows; Linux has only the file. */
export type PolicySource = 'HKLM' | 'HKCU' | 'file';

export interface PolicyValue<T> {
  value: T;
  source: PolicySource;
}

export interface AdminPolicy {
  /** The national axis endpoint the app must use. */
  axisUrl?: PolicyValue<string>;
  /** The agency's code (mã định danh) on the axis. */
  agencyCode?: PolicyValue<string>;
  /** The PKCS#11 library of the agency's tokens; %VAR% references are kept as written. */
  pkcs11Library?: PolicyValue<string>;
  /** RFC 3161 time-stamp server. */
  tsaUrl?: PolicyValue<string>;
  /** Where updates come from; without it, the app never updates itself. */
  updateUrl?: PolicyValue<string>;
  /** True: exporting registers and reports is turned off. */
  disableExport?: PolicyValue<boolean>;
  /**
   * True: a document may leave without the agency's digital signature (for documents that must not
   * be signed digitally); it still takes its number from the outgoing register when it is sent.
   */
  allowUnsignedSending?: PolicyValue<boolean>;
  /** True: the axis and update URLs may be plain http on the network (never honoured from HKCU). */
  allowHttp?: PolicyValue<boolean>;
  /** Agency mode: the agency server (hub) this desk connects to; the first run offers only that. */
  hubUrl?: PolicyValue<string>;
}

export type PolicyKey = keyof AdminPolicy;

/** Every policy, in the order Settings lists them. */
export const POLICY_KEYS = ['axisUrl', 'agencyCode', 'pkcs11Library', 'tsaUrl', 'updateUrl', 'disableExport', 'allowUnsignedSending', 'allowHttp', 'hubUrl'] as const satisfies readonly PolicyKey[];
/** The policies that are on or off: REG_DWORD 0/1 in the registry, true/false in the file. */
export const BOOLEAN_POLICY_KEYS = ['disableExport', 'allowUnsignedSending', 'allowHttp'] as const satisfies readonly PolicyKey[];
const _everyPolicyListed: [Exclude<PolicyKey, (typeof POLICY_KEYS)[number]>] extends [never] ? true : never = true;
void _everyPolicyListed;

/** The policy plus what was ignored and why, so IT can see a typo instead of a silent default. */
export interface AdminPolicyReading {
  policy: AdminPolicy;
  problems: string[];
  /** The policy file read (Linux, or VANTHU_POLICY_FILE on any system); absent when the registry was read. */
  file?: string;
}

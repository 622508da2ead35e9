/**
 * How the core enforces the admin policy: the refusals name the policy and where IT set it, so
 * that the helpdesk knows which registry value or file line to change.
 */
import { ApiError } from '../../../shared/api/errors.js';
import { POLICY_KEYS, type AdminPolicyReading, type PolicyKey } from '../../../shared/api/policy.js';
import type { Connection } from '../../../shared/api/state.js';
import { isPlainHttpOffMachine } from './plain-http.js';
import { registryName } from './policy-fields.js';
import { POLICY_KEY_PATH } from './read-policy.js';

/** Where a policy value was set: its registry value or the file's key. */
export function policyPlace(reading: AdminPolicyReading, key: PolicyKey): string {
  const source = reading.policy[key]?.source;
  if (source === 'file') return `${reading.file ?? 'the policy file'} ("${key}")`;
  return `${source ?? '?'}\\${POLICY_KEY_PATH}\\${registryName(key)}`;
}

/** A refusal because IT decided otherwise; `fields` puts it beside the form field concerned. */
export function policyRefusal(reading: AdminPolicyReading, key: PolicyKey, message: string, fields?: Record<string, string>): ApiError {
  return new ApiError('forbidden', `${message} It is set by your administrator: policy ${registryName(key)} in ${policyPlace(reading, key)}. Ask your IT staff if it must change.`, fields);
}

/** The demo axis is refused once IT names the real axis or agency: the clerk must use theirs. */
export function requireDemoAllowed(reading: AdminPolicyReading): void {
  const key = (['axisUrl', 'agencyCode', 'hubUrl'] as const).find((candidate) => reading.policy[candidate]);
  if (key) throw policyRefusal(reading, key, 'The demo is turned off on this computer: connect to the axis your agency uses.');
}

/** The HubUrl policy puts this desk in agency mode: the hub exchanges with the axis, the desk does not. */
export function requireStandaloneAllowed(reading: AdminPolicyReading): void {
  if (reading.policy.hubUrl) throw policyRefusal(reading, 'hubUrl', `This computer works with the agency server ${reading.policy.hubUrl.value}, which exchanges with the axis: connect to it instead.`);
}

/** A desk signs in at the hub the HubUrl policy names, if it names one; otherwise over https, or plain http to this computer or where AllowHttp allows it. */
export function requireHubPolicy(reading: AdminPolicyReading, hubUrl: string): void {
  const url = reading.policy.hubUrl;
  if (url && !sameUrl(url.value, hubUrl)) throw policyRefusal(reading, 'hubUrl', `The agency server must be ${url.value}, not ${hubUrl}.`, { hubUrl: `must be ${url.value}` });
  if (!url && isPlainHttpOffMachine(hubUrl) && reading.policy.allowHttp?.value !== true) {
    throw new ApiError('invalid_input', `The agency server address ${hubUrl} is plain http to another computer: use its https:// address, or ask IT to allow plain http with the AllowHttp policy.`, { hubUrl: 'use https://' });
  }
}

/** A first-run connection must use the axis URL and agency code the policy sets, if it sets them. */
export function requireAxisPolicy(reading: AdminPolicyReading, axisUrl: string, agencyCode: string): void {
  const url = reading.policy.axisUrl;
  if (url && !sameUrl(url.value, axisUrl)) throw policyRefusal(reading, 'axisUrl', `The axis URL must be ${url.value}, not ${axisUrl}.`, { axisUrl: `must be ${url.value}` });
  const code = reading.policy.agencyCode;
  if (code && code.value !== agencyCode) throw policyRefusal(reading, 'agencyCode', `The agency code must be ${code.value}, not ${agencyCode}.`, { agencyCode: `must be ${code.value}` });
}

/**
 * Plain http to another computer is refused for the axis and update URLs unless the AllowHttp
 * policy allows it, from HKLM or the policy file (a user's HKCU may not weaken it). When it does,
 * the reading says so among its problems: the hosts log them at every start, Settings shows them.
 */
export function withPlainHttpRule(reading: AdminPolicyReading): AdminPolicyReading {
  const policy = { ...reading.policy };
  const problems = [...reading.problems];
  if (policy.allowHttp?.source === 'HKCU') {
    delete policy.allowHttp;
    problems.push(`${policyPlace(reading, 'allowHttp')}: only the machine's policy (HKLM) may allow plain http; ignored`);
  }
  const allowed = policy.allowHttp?.value === true;
  for (const key of ['axisUrl', 'updateUrl', 'hubUrl'] as const) {
    const set = policy[key];
    if (!set || !isPlainHttpOffMachine(set.value)) continue;
    if (allowed) {
      problems.push(`${policyPlace(reading, key)}: ${set.value} is plain http: used without TLS because ${policyPlace(reading, 'allowHttp')} allows it`);
    } else {
      delete policy[key];
      problems.push(`${policyPlace(reading, key)}: ${set.value} is plain http to another computer; ignored (use https://, or allow plain http with the AllowHttp policy in HKLM)`);
    }
  }
  return { ...reading, policy, problems };
}

/** A first-run connection goes over https, or plain http to this computer, unless AllowHttp allows more. */
export function requireSecureAxisUrl(reading: AdminPolicyReading, axisUrl: string): void {
  if (isPlainHttpOffMachine(axisUrl) && reading.policy.allowHttp?.value !== true) {
    throw new ApiError(
      'invalid_input',
      `The axis address ${axisUrl} is plain http to another computer: use its https:// address. Plain http is used only to this computer, or where IT allows it with the AllowHttp policy.`,
      { axisUrl: 'use https://' },
    );
  }
}

/** The policy as policy.get and the helpdesk report show it: its problems and the connection's differences from it. */
export function policyNow(reading: AdminPolicyReading, connection: Connection | null): AdminPolicyReading {
  return { ...reading, problems: [...reading.problems, ...connectionMismatches(reading, connection)] };
}

/** The policy as lines of the helpdesk report: each policy with its value and place, or "not set", then the problems. */
export function policyReportLines(reading: AdminPolicyReading): string[] {
  return [
    ...POLICY_KEYS.map((key) => {
      const set = reading.policy[key];
      return `${registryName(key)}: ${set ? `${String(set.value)} (${policyPlace(reading, key)})` : 'not set'}`;
    }),
    ...reading.problems.map((problem) => `Problem: ${problem}`),
  ];
}

/** A folder connected before IT set the policy keeps its connection: said, so IT can set it up again. */
export function connectionMismatches(reading: AdminPolicyReading, connection: Connection | null): string[] {
  if (!connection) return [];
  const problems: string[] = [];
  const { axisUrl, agencyCode } = reading.policy;
  const saved = connection.kind === 'demo' ? 'the demo axis' : connection.axisUrl;
  if (axisUrl && (connection.kind === 'demo' || !sameUrl(axisUrl.value, connection.axisUrl))) {
    problems.push(`${policyPlace(reading, 'axisUrl')}: this data folder was connected to ${saved} before the policy; it stays connected there until it is set up again`);
  }
  if (agencyCode && agencyCode.value !== connection.agencyCode) {
    problems.push(`${policyPlace(reading, 'agencyCode')}: this data folder was connected as agency ${connection.agencyCode} before the policy; it stays so until it is set up again`);
  }
  return problems;
}

/** Windows expands %VAR% in a REG_EXPAND_SZ when it is used; an unknown variable stays as written, as ExpandEnvironmentStrings does. */
export function expandWindowsVariables(text: string, env: NodeJS.ProcessEnv): string {
  const names = new Map(Object.keys(env).map((name) => [name.toUpperCase(), name]));
  return text.replace(/%([^%]+)%/g, (whole, name: string) => {
    const actual = names.get(name.toUpperCase());
    return actual === undefined ? whole : (env[actual] ?? whole);
  });
}

/** The same endpoint: URL-normalised (host case, default port), a trailing slash aside. */
function sameUrl(a: string, b: string): boolean {
  const normal = (url: string) => {
    try {
      return new URL(url).href.replace(/\/$/, '');
    } catch {
      return url;
    }
  };
  return normal(a) === normal(b);
}

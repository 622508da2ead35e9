/**
 * Registry values from the output of `reg query <key> /s`, the way the app reads the policy, and
 * so that the reader is testable off Windows (test/reg-file.ts reads regedit exports for tests).
 */

export interface RegistryValue {
  /** The key path as written, e.g. HKEY_LOCAL_MACHINE\Software\Policies\VanThu. */
  key: string;
  name: string;
  type: 'REG_SZ' | 'REG_EXPAND_SZ' | 'REG_DWORD' | 'other';
  /** Strings as written (%VAR% kept); REG_DWORD as a number. */
  value: string | number;
}

// reg.exe separates name, type and data by four spaces and indents values by four.
const REG_QUERY_LINE = /^ {4}(\S.*?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/;

export function parseRegQuery(output: string): RegistryValue[] {
  const values: RegistryValue[] = [];
  let key = '';
  for (const line of output.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line)) {
      key = line.trim();
      continue;
    }
    const match = REG_QUERY_LINE.exec(line);
    if (!match || !key) continue;
    const [, name, type, data = ''] = match as unknown as [string, string, string, string | undefined];
    if (type === 'REG_DWORD') values.push({ key, name, type, value: Number.parseInt(data, 16) });
    else if (type === 'REG_SZ' || type === 'REG_EXPAND_SZ') values.push({ key, name, type, value: data });
    else values.push({ key, name, type: 'other', value: data });
  }
  return values;
}

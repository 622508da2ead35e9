/**
 * Registry values from text, so the policy reader is testable off Windows: the output of
 * `reg query <key> /s` and a regedit export (.reg, UTF-16LE with BOM as regedit writes it).
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

/** Decodes a .reg file's bytes: regedit writes UTF-16LE with a BOM; REGEDIT4 files are 8-bit. */
export function decodeRegFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

export function parseRegFile(text: string): RegistryValue[] {
  const values: RegistryValue[] = [];
  let key = '';
  // A long hex value continues on the next line after a trailing backslash.
  const lines = text.replace(/\\\r?\n\s*/g, '').split(/\r?\n/);
  for (const line of lines) {
    const section = /^\[(.*)\]\s*$/.exec(line);
    if (section) {
      key = section[1] ?? '';
      continue;
    }
    const entry = /^"((?:[^"\\]|\\.)*)"=(.*)$/.exec(line);
    if (!entry || !key) continue;
    const name = unescapeRegString(entry[1] ?? '');
    const data = (entry[2] ?? '').trim();
    values.push({ key, name, ...regFileData(data) });
  }
  return values;
}

function regFileData(data: string): Pick<RegistryValue, 'type' | 'value'> {
  const text = /^"((?:[^"\\]|\\.)*)"$/.exec(data);
  if (text) return { type: 'REG_SZ', value: unescapeRegString(text[1] ?? '') };
  const dword = /^dword:([0-9a-fA-F]{8})$/.exec(data);
  if (dword) return { type: 'REG_DWORD', value: Number.parseInt(dword[1] ?? '', 16) };
  const expand = /^hex\(2\):([0-9a-fA-F,\s]*)$/.exec(data);
  if (expand) {
    const bytes = Uint8Array.from((expand[1] ?? '').split(',').filter((byte) => byte.trim() !== '').map((byte) => Number.parseInt(byte, 16)));
    return { type: 'REG_EXPAND_SZ', value: new TextDecoder('utf-16le').decode(bytes).replace(/\0+$/, '') };
  }
  return { type: 'other', value: data };
}

function unescapeRegString(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

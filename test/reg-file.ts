/**
 * Registry values from a regedit export (.reg, UTF-16LE with a BOM as regedit writes it): real
 * exports as the policy reader's fixtures. The app itself reads the live registry (reg query).
 */
import type { RegistryValue } from '../electron/core/policy/registry-text.js';

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

/**
 * JSON encoding for the HTTP transport. Electron's IPC clones Uint8Array natively; over HTTP a
 * byte array travels as {"$bytes": "<base64>"} so both transports hand handlers the same values.
 */
import { decodeBase64, encodeBase64 } from '../text/base64.js';

export function toWireJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: encodeBase64(v) } : v));
}

export function fromWireJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const bytes = (v as { $bytes?: unknown }).$bytes;
      if (keys.length === 1 && typeof bytes === 'string') return decodeBase64(bytes);
    }
    return v;
  });
}

/**
 * JSON encoding for the HTTP transport. Electron's IPC clones Uint8Array natively; over HTTP a
 * byte array in a call's input travels as {"$bytes": "<base64>"} so both transports hand handlers
 * the same values. Replies and events never carry bytes (files go by link, file-links.ts):
 * toReplyJson refuses them, so one that comes back fails loudly instead of costing gigabytes.
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

export class BytesInReplyError extends Error {
  constructor(key: string) {
    super(`An API reply must not carry bytes (at "${key}"): hand the file over as a link (shared/api/file-links.ts).`);
    this.name = 'BytesInReplyError';
  }
}

export function toReplyJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // `this[key]` is the value before its toJSON (a Node Buffer turns itself into an array of numbers).
    const original = this[key];
    if (original instanceof Uint8Array || original instanceof ArrayBuffer) throw new BytesInReplyError(key);
    return v;
  });
}

import { describe, expect, it } from 'vitest';
import type { DocumentState, OutboxItem, QuarantineItem, RecipientState, RequestKind } from '../api/documents.js';
import { API_ERROR_CODES } from '../api/errors.js';
import {
  isKnownStatusCode,
  LANGUAGES,
  documentStateKey,
  errorMessageKey,
  formatNumber,
  messages,
  placeholdersOf,
  priorityKey,
  recipientStateKey,
  statusCodeText,
  syncPhaseKey,
  t,
  type MessageKey,
} from './messages.js';

// `satisfies Record<…, true>`: a state added to the contract and not listed here fails to compile.
const DOCUMENT_STATES = Object.keys({
  editing: true,
  queued: true,
  sent: true,
  failed: true,
  arrived: true,
  returned: true,
  accepted: true,
  assigned: true,
  processing: true,
  done: true,
  revoked: true,
} satisfies Record<DocumentState, true>) as DocumentState[];
const RECIPIENT_STATES = Object.keys({
  queued: true,
  sent: true,
  arrived: true,
  returned: true,
  accepted: true,
  assigned: true,
  processing: true,
  done: true,
  takeback_requested: true,
  takeback_agreed: true,
  takeback_refused: true,
} satisfies Record<RecipientState, true>) as RecipientState[];
const QUEUE_STATES = Object.keys({ queued: true, sending: true, sent: true, retry_wait: true, failed: true } satisfies Record<OutboxItem['state'], true>);
const QUARANTINE_STATES = Object.keys({ open: true, retrying: true, ignored: true } satisfies Record<QuarantineItem['state'], true>);
const REQUEST_KINDS = Object.keys({ takeback: true, revoke: true, update: true, replace: true } satisfies Record<RequestKind, true>);

const keys = Object.keys(messages) as MessageKey[];

describe('the message table', () => {
  it('has a non-empty text in every language for every key', () => {
    for (const key of keys) {
      for (const lang of LANGUAGES) {
        const text: unknown = messages[key][lang];
        expect(typeof text, `${key}.${lang}`).toBe('string');
        expect((text as string).trim(), `${key}.${lang}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of keys) {
      expect(placeholdersOf(messages[key].en), key).toEqual(placeholdersOf(messages[key].vi));
    }
  });

  it('stores Vietnamese in NFC, so that it matches what browsers and tests type', () => {
    for (const key of keys) {
      expect(messages[key].vi, key).toBe(messages[key].vi.normalize('NFC'));
    }
  });

  it('has a text for every API error code and sync phase', () => {
    for (const code of API_ERROR_CODES) expect(keys).toContain(errorMessageKey(code));
    for (const phase of ['idle', 'syncing', 'offline', 'error', 'stopped', 'not_configured'] as const) {
      expect(keys).toContain(syncPhaseKey(phase));
    }
  });
});

describe('the document vocabulary', () => {
  const has = (key: string) => (keys as string[]).includes(key);

  it('has a text for every document state, recipient state, priority and request kind', () => {
    for (const state of DOCUMENT_STATES) expect(has(documentStateKey(state)), state).toBe(true);
    for (const state of RECIPIENT_STATES) expect(has(recipientStateKey(state)), state).toBe(true);
    for (const priority of [0, 1, 2, 3, 4]) expect(has(priorityKey(priority)), String(priority)).toBe(true);
    for (const kind of REQUEST_KINDS) {
      expect(has(`request.${kind}`), kind).toBe(true);
      expect(has(`request.agree.effect.${kind}`), kind).toBe(true);
    }
    for (const state of QUEUE_STATES) expect(has(`queue.state.${state}`), state).toBe(true);
    for (const state of QUARANTINE_STATES) expect(has(`quarantine.state.${state}`), state).toBe(true);
  });

  it('uses the clerks’ words', () => {
    expect(t(recipientStateKey('accepted'), 'vi')).toBe('Đã tiếp nhận');
    expect(t(recipientStateKey('returned'), 'vi')).toBe('Bị trả lại');
    expect(t(recipientStateKey('arrived'), 'vi')).toBe('Đã đến');
    // Take back is "lấy lại" (docs/glossary.md); "thu hồi" is revoke, another action.
    expect(t(recipientStateKey('takeback_requested'), 'vi')).toBe('Đang chờ trả lời đề nghị lấy lại');
    expect(t(recipientStateKey('takeback_agreed'), 'vi')).toBe('Đồng ý cho lấy lại');
    expect(t(recipientStateKey('takeback_refused'), 'vi')).toBe('Từ chối cho lấy lại');
    expect(t(priorityKey(1), 'vi')).toBe('Khẩn');
    expect(t(priorityKey(2), 'vi')).toBe('Thượng khẩn');
    expect(t(priorityKey(3), 'vi')).toBe('Hỏa tốc');
    expect(t(priorityKey(4), 'vi')).toBe('Hỏa tốc hẹn giờ');
  });

  it('reads an unknown priority as the nearest known one', () => {
    expect(priorityKey(9)).toBe('priority.4');
    expect(priorityKey(-1)).toBe('priority.0');
    expect(priorityKey(Number.NaN)).toBe('priority.0');
  });

  it('gives every status code of docs/formats.md#statuses its meaning, and shows other codes verbatim', () => {
    for (const code of ['01', '02', '03', '04', '05', '06', '13', '15', '16']) {
      expect(isKnownStatusCode(code), code).toBe(true);
      for (const lang of LANGUAGES) expect(statusCodeText(code, lang), `${code} ${lang}`).not.toMatch(/\{|^Trạng thái khác|^Other status/);
    }
    expect(statusCodeText('03', 'vi')).toBe('Đã tiếp nhận, vào sổ văn bản đến');
    expect(statusCodeText('02', 'vi')).toBe('Trả lại');
    expect(statusCodeText('99', 'vi')).toBe('Trạng thái khác (mã 99)');
    expect(statusCodeText('99', 'en')).toBe('Other status (code 99)');
  });
});

describe('t', () => {
  it('returns the text of the language', () => {
    expect(t('sync.now', 'vi')).toBe('Đồng bộ ngay');
    expect(t('sync.now', 'en')).toBe('Sync now');
    expect(t('nav.agencies', 'vi')).toBe('Danh bạ cơ quan');
  });

  it('interpolates parameters, formatting numbers for the language', () => {
    expect(t('agencies.total', 'vi', { total: 111000 })).toBe('111.000 cơ quan');
    expect(t('agencies.total', 'en', { total: 111000 })).toBe('111,000 agencies');
    expect(t('sync.progress.directory', 'vi', { done: 1200, total: 111000 })).toBe('Đang đồng bộ danh bạ: 1.200 / 111.000');
    expect(t('attachments.showNamed', 'vi', { name: 'to-trinh.pdf' })).toBe('Xem tệp to-trinh.pdf');
  });

  it('does not format strings that look like numbers, and leaves unknown placeholders alone', () => {
    expect(t('agencies.empty.noMatch', 'vi', { query: '2024' })).toBe('Không tìm thấy cơ quan nào phù hợp với “2024”.');
    expect(t('agencies.total', 'en', {} as { total: number })).toBe('{total} agencies');
  });

  it('replaces a placeholder value literally, even when it contains braces or $', () => {
    expect(t('attachments.added', 'en', { name: '{name} $& $1.pdf' })).toBe('{name} $& $1.pdf added.');
  });

  it('formats numbers per language', () => {
    expect(formatNumber(1200, 'vi')).toBe('1.200');
    expect(formatNumber(1200, 'en')).toBe('1,200');
  });
});

describe('the Vietnamese texts', () => {
  // Technical words a clerk does not use: they may appear only where the UI shows them behind
  // "Chi tiết" (keys of a details/technical part), never in a heading, a button or a message.
  const JARGON = /PKCS|PAdES|X\.509|\bDN\b|\bRFC\b|OCSP|\bCRL\b|SHA-\d|edXML|\bCMS\b|\bTSA\b|\bDER\b|\bPEM\b|\bmã \d{2}\b/;
  const BEHIND_DETAILS = /\.(details|technical)(\.|$)/;
  /** Shown inside a "Chi tiết" part although their key does not say so (or as a tooltip). */
  const SHOWN_IN_DETAILS = new Set<string>([
    'settings.module.source.env', // ModuleSettings: inside TechnicalDetails
    'verify.check.revocation', // SignaturePanel: the checks list inside "Chi tiết"
    'attachments.hashTitle', // the file name's tooltip, for whoever compares fingerprints
  ]);

  /** What the clerk reads: placeholder names are not shown. */
  const shown = (key: MessageKey) => messages[key].vi.replace(/\{\w+\}/g, '');

  it('keep technical words behind "Chi tiết"', () => {
    const exposed = keys.filter((key) => JARGON.test(shown(key)) && !BEHIND_DETAILS.test(key) && !SHOWN_IN_DETAILS.has(key));
    expect(exposed.map((key) => `${key}: ${messages[key].vi}`)).toEqual([]);
  });

  it('say no English word a clerk would meet in an export name or a report', () => {
    const english = /\b(incoming|outgoing|overdue|report|register|monthly|yearly|median|percentile|pending|draft)\b/i;
    expect(keys.filter((key) => english.test(shown(key))).map((key) => `${key}: ${messages[key].vi}`)).toEqual([]);
  });
});

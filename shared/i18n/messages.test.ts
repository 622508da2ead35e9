import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES } from '../api/errors.js';
import { LANGUAGES, errorMessageKey, formatNumber, messages, placeholdersOf, syncPhaseKey, t, type MessageKey } from './messages.js';

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
    expect(t('attachments.openNamed', 'vi', { name: 'to-trinh.pdf' })).toBe('Mở tệp to-trinh.pdf');
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

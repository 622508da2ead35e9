/** Locale-aware formatting; times are shown in Vietnam's time zone whatever the machine's. */
import { LOCALES, type Lang } from '../shared/i18n/messages.js';
import { vietnamDate } from '../shared/text/vietnam-time.js';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Today in Vietnam as YYYY-MM-DD: registers and reports count days and years in Vietnam's time. */
export function vietnamToday(now: Date = new Date()): string {
  return vietnamDate(now);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Formats a date string with one Intl formatter per language and options (they are costly to make). */
function formatWith(iso: string, lang: Lang, key: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const cacheKey = `${lang}:${key}`;
  let format = dateTimeFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], options);
    dateTimeFormats.set(cacheKey, format);
  }
  return format.format(date);
}

const DAY_AND_MINUTE = { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' } as const;

/** 14:05 23/11/2025 (vi) or 23/11/2025, 14:05 (en); the input as given if it is not a date. */
export function formatDateTime(iso: string, lang: Lang): string {
  return formatWith(iso, lang, 'minute', { ...DAY_AND_MINUTE, timeZone: TIME_ZONE });
}

/**
 * To the second, in Vietnam's time zone or in UTC: a signing time is evidence, compared with
 * other tools (Acrobat, pdfsig print UTC). The input as given if it is not a date.
 */
export function formatInstant(iso: string, lang: Lang, zone: 'local' | 'utc'): string {
  return formatWith(iso, lang, `second:${zone}`, { ...DAY_AND_MINUTE, second: '2-digit', hourCycle: 'h23', timeZone: zone === 'utc' ? 'UTC' : TIME_ZONE });
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** 512 byte, 1,5 kB, 12,3 MB: binary multiples, the way file managers count. */
export function formatBytes(size: number, lang: Lang): string {
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(LOCALES[lang], {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** The first 12 hex characters of a SHA-256, enough to compare by eye. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** "05/QĐ-UBND": number and notation as printed after "Số:", either part alone if the other is empty. */
export function formatCode(codeNumber: string, codeNotation: string): string {
  const number = codeNumber.trim();
  const notation = codeNotation.trim();
  if (number && notation) return `${number}/${notation}`;
  return number || notation;
}

/** How a linked document is named in a sentence: "05/QĐ-UBND — V/v …", or only the subject. */
export function documentLabel(document: { codeNumber: string; codeNotation: string; subject: string }): string {
  const code = formatCode(document.codeNumber, document.codeNotation);
  return code ? `${code} — ${document.subject}` : document.subject;
}

/**
 * The name a person reads in a certificate's distinguished name ("CN=Ban Cơ yếu Chính phủ, O=…,
 * C=VN" → "Ban Cơ yếu Chính phủ"): its common name, else its organisation, else the DN as given.
 * The DN itself belongs behind "Chi tiết".
 */
export function nameInDn(dn: string): string {
  const attribute = (key: string) => new RegExp(`(?:^|,)\\s*${key}=([^,]+)`, 'i').exec(dn)?.[1]?.trim();
  return attribute('CN') ?? attribute('O') ?? dn;
}

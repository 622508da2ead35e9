/**
 * edXML dates (`yyyy/MM/dd`) and timestamps (`yyyy/MM/dd HH:mm:ss`) carry no zone and are read as
 * Vietnam time, +07:00 [I] (docs/formats.md#edxml). Formatting shifts the instant by the fixed offset and reads
 * the UTC fields, so the machine's own zone never leaks in; Vietnam has no daylight saving.
 */
import { VIETNAM_OFFSET_MS } from '../text/vietnam-time.js';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function vietnamFields(date: Date) {
  const shifted = new Date(date.getTime() + VIETNAM_OFFSET_MS);
  return {
    date: `${pad(shifted.getUTCFullYear(), 4)}/${pad(shifted.getUTCMonth() + 1)}/${pad(shifted.getUTCDate())}`,
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`,
  };
}

export function formatEdxmlDate(date: Date): string {
  return vietnamFields(date).date;
}

export function formatEdxmlTimestamp(date: Date): string {
  const { date: day, time } = vietnamFields(date);
  return `${day} ${time}`;
}

// Received values are read tolerantly: `-` for `/`, `T` for the space, seconds optional.
const DATE = /^(\d{4})[/-](\d{2})[/-](\d{2})$/;
const TIMESTAMP = /^(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

function vietnamInstant(fields: number[]): Date | null {
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = fields;
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2024/02/30 over into March: refuse what does not come back unchanged.
  const valid =
    utc.getUTCFullYear() === year &&
    utc.getUTCMonth() === month - 1 &&
    utc.getUTCDate() === day &&
    utc.getUTCHours() === hour &&
    utc.getUTCMinutes() === minute &&
    utc.getUTCSeconds() === second;
  return valid ? new Date(utc.getTime() - VIETNAM_OFFSET_MS) : null;
}

/** The instant of midnight, Vietnam time, starting that day; null when not a date. */
export function parseEdxmlDate(text: string): Date | null {
  const match = DATE.exec(text.trim());
  return match ? vietnamInstant(match.slice(1).map(Number)) : null;
}

export function parseEdxmlTimestamp(text: string): Date | null {
  const match = TIMESTAMP.exec(text.trim());
  return match ? vietnamInstant(match.slice(1).map((field) => Number(field ?? 0))) : null;
}

/** True for exactly the form VanThu writes; used to check outgoing packages. */
export function isEdxmlDate(text: string): boolean {
  const date = parseEdxmlDate(text);
  return date !== null && formatEdxmlDate(date) === text;
}

export function isEdxmlTimestamp(text: string): boolean {
  const date = parseEdxmlTimestamp(text);
  return date !== null && formatEdxmlTimestamp(date) === text;
}

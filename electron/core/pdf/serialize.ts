/** Writes PDF objects back as bytes (latin1: every PDF token is a byte). */
import { PdfDict, PdfFormatError, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from './objects.js';

export function serialize(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return formatNumber(value);
  if (value instanceof PdfName) return `/${encodeName(value.name)}`;
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (value instanceof PdfString) return `<${Buffer.from(value.bytes).toString('hex')}>`;
  if (Array.isArray(value)) return `[${value.map(serialize).join(' ')}]`;
  if (value instanceof PdfDict) {
    const parts = [...value.entries].map(([key, entry]) => `/${encodeName(key)} ${serialize(entry)}`);
    return `<<${parts.join(' ')}>>`;
  }
  // A stream's data stays where it is on disk; copying one is a caller's explicit choice.
  if (value instanceof PdfStream) throw new PdfFormatError('a stream cannot be copied into an update');
  throw new PdfFormatError('unknown object');
}

/** Reals without exponents: PDF has no exponent syntax (§7.3.3). */
function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

function encodeName(raw: string): string {
  return [...Buffer.from(raw, 'latin1')]
    .map((byte) => (byte > 0x20 && byte < 0x7f && !'#()<>[]{}/%'.includes(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `#${byte.toString(16).padStart(2, '0')}`))
    .join('');
}

/** A text string for a field value or /Reason: PDFDocEncoding when ASCII, otherwise UTF-16BE with a BOM. */
export function textString(text: string): PdfString {
  if (/^[\x20-\x7e]*$/.test(text)) return new PdfString(Buffer.from(text, 'latin1'));
  const utf16 = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
  return new PdfString(utf16);
}

/** A PDF date (§7.9.4) in UTC, e.g. D:20260312021530Z. */
export function pdfDate(date: Date): PdfString {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return new PdfString(Buffer.from(`D:${iso}Z`, 'latin1'));
}

/** Reads a PDF date (§7.9.4) such as D:20260312091630+07'00'; a missing zone is taken as UTC. */
export function parsePdfDate(value: PdfString): Date | undefined {
  const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(Buffer.from(value.bytes).toString('latin1'));
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', zone, zoneHours = '00', zoneMinutes = '00'] = match;
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const offset = (Number(zoneHours) * 60 + Number(zoneMinutes)) * 60_000;
  const date = new Date(zone === '+' ? utc - offset : zone === '-' ? utc + offset : utc);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A text string as written (PDFDocEncoding, read as Latin-1, or UTF-16BE with its BOM). */
export function decodeText(value: PdfString): string {
  const bytes = Buffer.from(value.bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('latin1');
}

/**
 * The content type VanThu stores for a received file follows its bytes, never the sender's label
 * (docs/formats.md#edxml-attachments): a zip-wrapped PDF labelled application/zip is a PDF once
 * unwrapped, and a PDF labelled text/html is still a PDF. Formats are told by their first bytes;
 * the two containers (zip, OLE2) are narrowed by the name's extension only when the bytes are that
 * container; bytes of no known format are application/octet-stream (saved, never shown).
 */

const ZIP = 'application/zip';
const OLE2 = 'application/x-ole-storage';
const OCTET_STREAM = 'application/octet-stream';

/** First bytes of each format told apart; `null` matches any byte (RIFF's length). */
const SIGNATURES: readonly [type: string, magic: readonly (number | null)[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]], // GIF87a
  ['image/gif', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]], // GIF89a
  ['image/tiff', [0x49, 0x49, 0x2a, 0x00]],
  ['image/tiff', [0x4d, 0x4d, 0x00, 0x2a]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]], // RIFF….WEBP
  ['application/rtf', [0x7b, 0x5c, 0x72, 0x74, 0x66]], // {\rtf
  ['application/x-7z-compressed', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['application/vnd.rar', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  [ZIP, [0x50, 0x4b, 0x03, 0x04]],
  [ZIP, [0x50, 0x4b, 0x05, 0x06]], // an empty zip
  [OLE2, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
];

/** Office and OpenDocument files are zips; which one, only the name says. */
const ZIP_KINDS: Readonly<Record<string, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};

/** Word, Excel and PowerPoint before 2007 are OLE2 compound files. */
const OLE2_KINDS: Readonly<Record<string, string>> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};


function matches(head: Uint8Array, magic: readonly (number | null)[]): boolean {
  return head.length >= magic.length && magic.every((byte, index) => byte === null || head[index] === byte);
}

const extensionOf = (name: string) => /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? '';

/** The type of a file whose first bytes are `head` (at least 12 when the file has them), named `name`. */
export function contentTypeOf(head: Uint8Array, name: string): string {
  const type = SIGNATURES.find(([, magic]) => matches(head, magic))?.[0];
  if (type === ZIP) return ZIP_KINDS[extensionOf(name)] ?? ZIP;
  if (type === OLE2) return OLE2_KINDS[extensionOf(name)] ?? OCTET_STREAM;
  return type ?? OCTET_STREAM;
}

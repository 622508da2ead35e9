/**
 * Turns a received AttachmentName (untrusted, SPEC §3) into a name safe to show and to save on
 * Windows or Linux: no folders, no characters Windows refuses, no invisible format controls, no
 * device names, never empty. Names stored by an earlier version pass through it again when read.
 */
const MAX_NAME_LENGTH = 255;
// Windows refuses these in names; control characters (C0 and C1) also confuse shells and dialogs,
// and format controls (Cf: bidi overrides and isolates, zero-width characters, the soft hyphen)
// make a name display as something else: `x\u202Efdp.exe` shows as `xexe.pdf`.
// eslint-disable-next-line no-control-regex -- control characters are what it must find
const UNSAFE_CHARACTERS = /[\x00-\x1f\x7f-\x9f<>:"/\\|?*\p{Cf}]/gu;
const DEVICE_NAME = /^(?:CON|PRN|AUX|NUL|COM[1-9\u00B9\u00B2\u00B3]|LPT[1-9\u00B9\u00B2\u00B3]|CONIN\$|CONOUT\$|CLOCK\$)(?:\.|$)/i;
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46]; // %PDF

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((byte, index) => bytes[index] === byte);

function extensionOf(name: string): string {
  return /\.[^.\s]{1,16}$/.exec(name)?.[0] ?? '';
}

/** Cuts by code points, so a surrogate pair is never split; the extension is kept. */
function truncate(name: string): string {
  const chars = [...name];
  if (chars.length <= MAX_NAME_LENGTH) return name;
  const extension = [...extensionOf(name)];
  return chars.slice(0, MAX_NAME_LENGTH - extension.length).join('') + extension.join('');
}

/**
 * `position` is the attachment's 1-based place in the package and `head` the first bytes of its
 * content: an empty name becomes `attachment-<position>` with an extension from the content
 * (`%PDF` → .pdf) or else the one given. Zip-based office files cannot be told apart by magic.
 */
export function sanitizeAttachmentName(rawName: string, position: number, head: Uint8Array = new Uint8Array(0)): string {
  const base = rawName.slice(Math.max(rawName.lastIndexOf('/'), rawName.lastIndexOf('\\')) + 1);
  let name = base.replace(UNSAFE_CHARACTERS, '').trim().replace(/[. ]+$/, '');
  const stem = name.slice(0, name.length - extensionOf(name).length);
  if (stem.replace(/\./g, '') === '') {
    const extension = startsWith(head, PDF_MAGIC) ? '.pdf' : extensionOf(name);
    name = `attachment-${position}${extension}`;
  }
  if (DEVICE_NAME.test(name)) name = `_${name}`;
  return truncate(name);
}

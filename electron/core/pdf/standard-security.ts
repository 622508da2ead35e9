/**
 * Reading a PDF encrypted by the standard security handler (ISO 32000-2 §7.6.4) that opens
 * without a password, as Word, qpdf and many scanners write them: the user password is empty,
 * the owner password only restricts printing or editing. Decryption only, of strings and stream
 * data, for reading; hashing for signatures always uses the bytes as stored. RC4 (40–128 bits),
 * AES-128 (AESV2) and AES-256 (AESV3, revisions 5 and 6) are covered. Written here because no
 * maintained npm library exposes a PDF decryptor on its own (pdf.js keeps its one internal), and
 * the algorithms are short and fixed by the standard.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { isName, PdfDict, PdfFormatError, PdfName, PdfString, type PdfValue } from './objects.js';

/** The file needs a password to be opened: VanThu never asks for one. */
export class PasswordRequiredError extends PdfFormatError {
  constructor(detail: string) {
    super(`the file is encrypted and needs a password to open (${detail})`);
    this.name = 'PasswordRequiredError';
  }
}

type Cipher = 'identity' | 'rc4' | 'aes128' | 'aes256';

/** The password padding string (Algorithm 2, step a). */
const PADDING = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const AES_SALT = Buffer.from('sAlT', 'latin1');

export class StandardDecryptor {
  private constructor(
    private readonly fileKey: Buffer,
    private readonly stringCipher: Cipher,
    private readonly streamCipher: Cipher,
    private readonly filters: Map<string, Cipher>,
    private readonly encryptMetadata: boolean,
  ) {}

  /** `encrypt`: the /Encrypt dictionary; `id`: the first element of the trailer's /ID. */
  static open(encrypt: PdfDict, id: Uint8Array): StandardDecryptor {
    const filter = encrypt.get('Filter');
    if (!isName(filter, 'Standard')) throw new PasswordRequiredError(`security handler /${isName(filter) ? filter.name : '?'}, not the standard one`);
    const v = numberOf(encrypt, 'V', 0);
    const r = numberOf(encrypt, 'R', 0);
    const encryptMetadata = encrypt.get('EncryptMetadata') !== false;
    const filters = new Map<string, Cipher>([['Identity', 'identity']]);
    let keyBytes = Math.floor(numberOf(encrypt, 'Length', 40) / 8);
    if (v === 4 || v === 5) {
      const cf = encrypt.get('CF');
      for (const [name, value] of cf instanceof PdfDict ? cf.entries : []) {
        if (!(value instanceof PdfDict)) continue;
        const method = value.get('CFM');
        filters.set(name, isName(method, 'AESV3') ? 'aes256' : isName(method, 'AESV2') ? 'aes128' : isName(method, 'V2') ? 'rc4' : 'identity');
      }
      if (v === 4) keyBytes = Math.floor(numberOf(encrypt, 'Length', 128) / 8);
    } else if (v !== 1 && v !== 2) {
      throw new PasswordRequiredError(`unknown encryption version /V ${v}`);
    }
    const pick = (key: string): Cipher => {
      if (v !== 4 && v !== 5) return 'rc4';
      const name = encrypt.get(key);
      const cipher = filters.get(isName(name) ? name.name : 'Identity');
      if (!cipher) throw new PdfFormatError(`the /Encrypt dictionary names an unknown crypt filter in /${key}`);
      return cipher;
    };
    const fileKey = r >= 5 ? aes256Key(encrypt, r) : legacyKey(encrypt, r, v === 1 ? 5 : Math.min(Math.max(keyBytes, 5), 16), id, encryptMetadata);
    return new StandardDecryptor(fileKey, pick('StrF'), pick('StmF'), filters, encryptMetadata);
  }

  /** Every string inside `value`, the value of object `num` `gen`, decrypted; a signature's /Contents stays as stored. */
  decryptValue(value: PdfValue, num: number, gen: number): PdfValue {
    if (this.stringCipher === 'identity') return value;
    const walk = (item: PdfValue): PdfValue => {
      if (item instanceof PdfString) return new PdfString(this.apply(this.stringCipher, item.bytes, num, gen), item.hex);
      if (Array.isArray(item)) return item.map(walk);
      if (item instanceof PdfDict) {
        // ISO 32000-2 §7.6.2: a signature dictionary's /Contents is not encrypted.
        const signature = item.get('ByteRange') !== undefined || isName(item.get('Type'), 'Sig') || isName(item.get('Type'), 'DocTimeStamp');
        const copy = new PdfDict();
        for (const [key, entry] of item.entries) copy.set(key, signature && key === 'Contents' ? entry : walk(entry));
        return copy;
      }
      return item;
    };
    return walk(value);
  }

  /** Stream data of object `num` `gen` as stored (still filtered), decrypted. */
  decryptStream(data: Buffer, dict: PdfDict, num: number, gen: number): Buffer {
    if (isName(dict.get('Type'), 'XRef')) return data;
    if (isName(dict.get('Type'), 'Metadata') && !this.encryptMetadata) return data;
    const filter = dict.get('Filter');
    const first = Array.isArray(filter) ? filter[0] : filter;
    let cipher = this.streamCipher;
    if (isName(first, 'Crypt')) {
      // A stream may name its own crypt filter (§7.4.10): Identity means stored in the clear.
      const params = dict.get('DecodeParms');
      const own = (Array.isArray(params) ? params[0] : params) as PdfValue | undefined;
      const name = own instanceof PdfDict ? own.get('Name') : undefined;
      cipher = this.filters.get(name instanceof PdfName ? name.name : 'Identity') ?? 'identity';
    }
    return Buffer.from(this.apply(cipher, data, num, gen));
  }

  private apply(cipher: Cipher, data: Uint8Array, num: number, gen: number): Uint8Array {
    switch (cipher) {
      case 'identity':
        return data;
      case 'rc4':
        return rc4(this.objectKey(num, gen, false), data);
      case 'aes128':
        return aesCbcDecrypt('aes-128-cbc', this.objectKey(num, gen, true), data);
      case 'aes256':
        return aesCbcDecrypt('aes-256-cbc', this.fileKey, data);
    }
  }

  /** Algorithm 1: the file key extended by the object's number and generation. */
  private objectKey(num: number, gen: number, aes: boolean): Buffer {
    const id = Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, gen & 0xff, (gen >> 8) & 0xff]);
    const hash = createHash('md5').update(this.fileKey).update(id);
    if (aes) hash.update(AES_SALT);
    return hash.digest().subarray(0, Math.min(this.fileKey.length + 5, 16));
  }
}

function numberOf(dict: PdfDict, key: string, fallback: number): number {
  const value = dict.get(key);
  return typeof value === 'number' ? value : fallback;
}

function bytesOf(dict: PdfDict, key: string): Buffer {
  const value = dict.get(key);
  if (!(value instanceof PdfString)) throw new PdfFormatError(`the /Encrypt dictionary has no /${key} string`);
  return Buffer.from(value.bytes);
}

/** Algorithms 2 and 6 (revisions 2–4): the key from the empty user password, checked against /U. */
function legacyKey(encrypt: PdfDict, r: number, length: number, id: Uint8Array, encryptMetadata: boolean): Buffer {
  const permissions = Buffer.alloc(4);
  // Some writers store /P unsigned; the key uses its low 32 bits either way.
  permissions.writeInt32LE(numberOf(encrypt, 'P', 0) | 0);
  const hash = createHash('md5').update(PADDING).update(bytesOf(encrypt, 'O').subarray(0, 32)).update(permissions).update(id);
  if (r >= 4 && !encryptMetadata) hash.update(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  let key = hash.digest();
  if (r >= 3) for (let i = 0; i < 50; i++) key = createHash('md5').update(key.subarray(0, length)).digest();
  key = key.subarray(0, length);
  const u = bytesOf(encrypt, 'U');
  let check: Uint8Array;
  if (r === 2) {
    check = rc4(key, PADDING);
  } else {
    check = rc4(key, createHash('md5').update(PADDING).update(id).digest());
    for (let i = 1; i <= 19; i++) check = rc4(Buffer.from(key.map((byte) => byte ^ i)), check);
  }
  const compared = r === 2 ? 32 : 16;
  if (!Buffer.from(check).subarray(0, compared).equals(u.subarray(0, compared))) throw new PasswordRequiredError('the user password is not empty');
  return key;
}

/** Algorithms 2.A and 11 (revisions 5 and 6, AES-256): the key from the empty user password. */
function aes256Key(encrypt: PdfDict, r: number): Buffer {
  const u = bytesOf(encrypt, 'U');
  const ue = bytesOf(encrypt, 'UE');
  if (u.length < 48 || ue.length < 32) throw new PdfFormatError('the /Encrypt dictionary has a short /U or /UE');
  const empty = Buffer.alloc(0);
  if (!hash2B(empty, u.subarray(32, 40), empty, r).equals(u.subarray(0, 32))) throw new PasswordRequiredError('the user password is not empty');
  const intermediate = hash2B(empty, u.subarray(40, 48), empty, r);
  const decipher = createDecipheriv('aes-256-cbc', intermediate, Buffer.alloc(16));
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(ue.subarray(0, 32)), decipher.final()]);
}

/** Algorithm 2.B (revision 6); revision 5 (an Adobe extension) used plain SHA-256. */
function hash2B(password: Buffer, salt: Buffer, userKey: Buffer, r: number): Buffer {
  let k = createHash('sha256').update(password).update(salt).update(userKey).digest();
  if (r === 5) return k;
  let e = Buffer.alloc(0);
  for (let round = 0; round < 64 || e[e.length - 1]! > round - 32; round++) {
    const block = Buffer.concat([password, k, userKey]);
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => block));
    const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
    cipher.setAutoPadding(false);
    e = Buffer.concat([cipher.update(k1), cipher.final()]);
    let sum = 0;
    // The first 16 bytes as a big-endian number, modulo 3: 256 ≡ 1 (mod 3), so the byte sum does.
    for (let i = 0; i < 16; i++) sum += e[i]!;
    k = createHash(['sha256', 'sha384', 'sha512'][sum % 3]!).update(e).digest();
  }
  return k.subarray(0, 32);
}

/** RC4, which OpenSSL 3 only offers through its legacy provider. */
export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

/** The 16-byte IV first, then CBC with PKCS#5 padding; damaged padding leaves the bytes as decrypted. */
function aesCbcDecrypt(algorithm: 'aes-128-cbc' | 'aes-256-cbc', key: Buffer, data: Uint8Array): Uint8Array {
  if (data.length < 32 || data.length % 16 !== 0) return data.length === 16 ? new Uint8Array(0) : data;
  const decipher = createDecipheriv(algorithm, key, data.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]);
  const pad = plain[plain.length - 1]!;
  const padded = pad >= 1 && pad <= 16 && plain.subarray(plain.length - pad).every((byte) => byte === pad);
  return padded ? plain.subarray(0, plain.length - pad) : plain;
}

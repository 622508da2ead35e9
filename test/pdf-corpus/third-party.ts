/**
 * PDFs signed by tools other than VanThu, as another agency's would arrive: a hand-written form
 * with an empty signature dictionary (certifying with DocMDP or locking its fields if asked),
 * encrypted by qpdf, signed by @signpdf; and the verdicts of pdfsig and openssl, found without
 * VanThu's PDF reader, to hold VanThu's verifier against.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { classicPdf } from './classic-pdf.js';
import type { TestPki } from './test-pki.js';

export interface OtherToolForm {
  /** DocMDP /P of a certification signature; absent: an approval signature. */
  certify?: 1 | 2 | 3;
  /** The signature field locks every field (/Lock, FieldMDP /All). */
  lockAll?: boolean;
  /** /M of the signature. */
  m: Date;
}

/** The signature field's name, in UTF-16BE as Vietnamese names are written: decoding it checks string decryption too. */
export const OTHER_FIELD_NAME = 'Chữ ký Sở Y tế';
/** A text field of the form, filled by the other agency. */
export const NOTE_FIELD_NAME = 'Ghi chu';

const content = 'BT /F1 14 Tf 72 770 Td (Cong van cua co quan khac) Tj ET';

function utf16Hex(text: string): string {
  return `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex')}>`;
}

function pdfDate(date: Date): string {
  return `(D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;
}

/** One page, a text field with a value and an empty signature whose /ByteRange @signpdf fills in. */
export function otherToolForm({ certify, lockAll, m }: OtherToolForm): Buffer {
  const reference = certify ? ` /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${certify} /V /1.2 >> >>]` : '';
  return classicPdf([
    `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 8 0 R] /SigFlags 3 /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 9 0 R >> >> >>${certify ? ' /Perms << /DocMDP 7 0 R >>' : ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Annots [6 0 R 8 0 R] >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>',
    `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${utf16Hex(OTHER_FIELD_NAME)} /Rect [0 0 0 0] /P 3 0 R /F 132 /V 7 0 R${lockAll ? ' /Lock << /Type /SigFieldLock /Action /All >>' : ''} >>`,
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 /********** /********** /**********] /Contents <${'0'.repeat(16384)}> /M ${pdfDate(m)} /Reason (Sao y ban chinh)${reference} >>`,
    `<< /Type /Annot /Subtype /Widget /FT /Tx /T (${NOTE_FIELD_NAME}) /V (co san) /Rect [72 100 300 120] /P 3 0 R /F 4 /DA (/Helv 12 Tf 0 g) >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ]);
}

/** A PKCS#12 of a test signer (key `<id>.key` in the PKI's folder), in the form node-forge (inside @signpdf) reads. */
export function pkcs12Of(pki: TestPki, id: string, certFile: string): string {
  const file = path.join(pki.dir, `${id}.p12`);
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', path.join(pki.dir, `${id}.key`), '-in', certFile, '-certfile', pki.caFile,
    '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-passout', 'pass:test', '-out', file], { stdio: 'pipe' });
  return file;
}

/** Fills the /ByteRange and /Contents of the file's empty signature with @signpdf: no VanThu code touches the bytes. */
export async function signWithSignpdf(input: string, output: string, p12File: string): Promise<void> {
  const signed = await new SignPdf().sign(await readFile(input), new P12Signer(await readFile(p12File), { passphrase: 'test' }));
  await writeFile(output, signed);
}

/**
 * A detached CMS made by `openssl cms -sign` over the bytes @signpdf hands it: ECDSA or RSA-PSS
 * as the key and options say, BER with indefinite lengths when `streamed` (as streaming signers
 * write it).
 */
class OpensslSigner extends Signer {
  constructor(private readonly key: string, private readonly certFile: string, private readonly options: { pss?: boolean; streamed?: boolean }) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return execFileSync('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-signer', this.certFile, '-inkey', this.key, '-outform', 'DER',
      ...(this.options.pss ? ['-keyopt', 'rsa_padding_mode:pss'] : []), ...(this.options.streamed ? ['-stream'] : [])], { input: pdfBuffer, stdio: ['pipe', 'pipe', 'pipe'] });
  }
}

/** Signs the file's empty signature with a CMS that openssl makes (see OpensslSigner). */
export async function signWithOpenssl(input: string, output: string, pki: TestPki, id: string, certFile: string, options: { pss?: boolean; streamed?: boolean } = {}): Promise<void> {
  const signed = await new SignPdf().sign(await readFile(input), new OpensslSigner(path.join(pki.dir, `${id}.key`), certFile, options));
  await writeFile(output, signed);
}

export type QpdfCipher = 'rc4-40' | 'rc4-128' | 'aes-128' | 'aes-256';

const QPDF_CIPHER: Record<QpdfCipher, string[]> = {
  'rc4-40': ['40'],
  'rc4-128': ['128', '--use-aes=n'],
  'aes-128': ['128', '--use-aes=y'],
  'aes-256': ['256'],
};

/** qpdf rewrites the file encrypted (a signature's /Contents stays in the clear, as the standard asks). */
export function encryptWithQpdf(input: string, output: string, cipher: QpdfCipher, options: { userPassword?: string; objectStreams?: boolean } = {}): void {
  execFileSync('qpdf', ['--allow-weak-crypto', `--object-streams=${options.objectStreams ? 'generate' : 'disable'}`,
    '--encrypt', options.userPassword ?? '', 'owner-secret', ...QPDF_CIPHER[cipher], '--', input, output], { stdio: 'pipe' });
}

/** pdfsig's "Signature is Valid" per signature, in the file's order. */
export function pdfsigValid(file: string): boolean[] {
  let text: string;
  try {
    text = execFileSync('pdfsig', [file], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    // pdfsig exits non-zero for an untrusted or invalid signature; its report is still on stdout.
    text = String((error as { stdout?: string }).stdout ?? '');
  }
  return text.split(/^Signature #\d+:$/m).slice(1).map((section) => section.includes('Signature Validation: Signature is Valid'));
}

/**
 * `openssl cms -verify` of every signature, found by its /ByteRange in the raw bytes (encrypted
 * files keep both the byte range and the CMS in the clear): the signed bytes against the CMS and
 * the signer's chain to `caFile`. In the order the byte ranges end.
 */
export async function opensslValid(file: string, caFile: string, dir: string): Promise<boolean[]> {
  const bytes = await readFile(file);
  const found = new Map<string, number[]>();
  for (const match of bytes.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) found.set(match.slice(1, 5).join(' '), match.slice(1, 5).map(Number));
  const ranges = [...found.values()].sort((x, y) => x[2]! + x[3]! - (y[2]! + y[3]!));
  return ranges.map(([a, b, c, d], i) => {
    const der = Buffer.from(bytes.toString('latin1', a! + b! + 1, c! - 1).replace(/\s+/g, ''), 'hex');
    const cms = path.join(dir, `openssl-${i}.der`);
    const content = path.join(dir, `openssl-${i}.bin`);
    // The DER is followed by zero padding: openssl wants the DER alone.
    writeFileSync(cms, der.subarray(0, derLength(der)));
    writeFileSync(content, Buffer.concat([bytes.subarray(a!, a! + b!), bytes.subarray(c!, c! + d!)]));
    try {
      execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', content, '-CAfile', caFile, '-purpose', 'any', '-out', '/dev/null'], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  });
}

/** The length of the DER element at the start of `der`, header included; all of it for BER's indefinite length (openssl reads to its end marker). */
function derLength(der: Buffer): number {
  const first = der[1] ?? 0;
  if (first === 0x80) return der.length;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + der[2 + i]!;
  return 2 + count + length;
}

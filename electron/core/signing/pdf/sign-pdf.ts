/**
 * Signs a PDF as one incremental update: placeholder, byte ranges, streamed digest, signed
 * attributes, the signer's signature, the CMS written into the reserved /Contents, fsync.
 */
import { copyFile, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { assembleCms, type Signer } from '../../pki/assemble-cms.js';
import { buildSignedAttributes } from '../../pki/signed-attributes.js';
import { syncDirectory } from '../../fs/sync-directory.js';
import { digestByteRanges } from '../../pdf/digest.js';
import { addSignaturePlaceholder, patchByteRange, type ByteRanges, type SignaturePlaceholder, type SignaturePlaceholderOptions } from './signature-placeholder.js';

export interface SignPdfOptions extends Omit<SignaturePlaceholderOptions, 'subFilter'> {
  signer: Signer;
  /** DER, the signer's certificate first. */
  certificates: Uint8Array[];
  /** Turns the assembled CMS into the one written, e.g. adds a signature time-stamp (B-T). */
  completeCms?: (cms: Uint8Array) => Promise<Uint8Array>;
}

export class SignatureTooLargeError extends Error {
  constructor(readonly needed: number, readonly reserved: number) {
    super(`The signature needs ${needed} bytes but only ${reserved} were reserved in the PDF; sign again with a larger contentsBytes.`);
    this.name = 'SignatureTooLargeError';
  }
}

/** Signs `input` into `output` (a copy; the same path signs in place). */
export async function signPdf(input: string, output: string, options: SignPdfOptions): Promise<ByteRanges> {
  const inPlace = path.resolve(input) === path.resolve(output);
  if (!inPlace) await copyFile(input, output);
  try {
    const ranges = await signFile(output, options);
    await syncDirectory(path.dirname(output));
    return ranges;
  } catch (error) {
    // A half-signed copy must not be mistaken for a signed document.
    if (!inPlace) await rm(output, { force: true });
    throw error;
  }
}

async function signFile(file: string, options: SignPdfOptions): Promise<ByteRanges> {
  const { signer, certificates, completeCms, ...placeholderOptions } = options;
  const signerCertificate = certificates[0];
  if (!signerCertificate) throw new Error('signPdf needs the signer certificate');
  const placeholder = await addSignaturePlaceholder(file, { ...placeholderOptions, subFilter: 'ETSI.CAdES.detached' });
  const ranges = await patchByteRange(file, placeholder);
  const digest = await digestByteRanges(file, ranges, 'SHA-256');
  const signedAttributesDer = buildSignedAttributes(digest, signerCertificate);
  const signature = await signer(signedAttributesDer);
  const assembled = assembleCms({ signedAttributesDer, signature, certificates });
  const cms = completeCms ? await completeCms(assembled) : assembled;

  await writeContents(file, placeholder, cms);
  return ranges;
}

/** Writes a signature's DER (a CMS, or a document time-stamp's token) into its reserved /Contents, fsynced. */
export async function writeContents(file: string, placeholder: SignaturePlaceholder, der: Uint8Array): Promise<void> {
  const reserved = (placeholder.contentsLength - 2) / 2;
  if (der.length > reserved) throw new SignatureTooLargeError(der.length, reserved);
  const hex = Buffer.from(Buffer.from(der).toString('hex').toUpperCase(), 'latin1');
  const handle = await open(file, 'r+');
  try {
    // After the '<': the zero padding that remains is part of the string, as PAdES allows.
    await handle.write(hex, 0, hex.length, placeholder.contentsOffset + 1);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

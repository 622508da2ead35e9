/**
 * What VanThu may write into a PDF, decided before anything is written and before a PIN is asked:
 * never into an encrypted file, and only what the document's certification (DocMDP) and the
 * signatures' locks allow (docs/formats.md#change-rules). Writing more would break the
 * certification: a receiver's verifier, and Acrobat, would then reject the document.
 */
import type { SigningRefusal } from '../../../../shared/api/signing.js';
import { EncryptedPdfError, PdfReader } from '../../pdf/pdf-reader.js';
import { listSignatures, type MdpPermission } from '../../pdf/signatures.js';

/** sign: a new signature field; fill_fields: values of existing fields; add_fields: new text fields (the number and date). */
export type Modification = 'sign' | 'fill_fields' | 'add_fields';

export class ModificationRefusedError extends Error {
  constructor(readonly code: SigningRefusal, message: string) {
    super(message);
    this.name = 'ModificationRefusedError';
  }
}

/** The strictest permission any signature of the document sets (a certification, or a /Lock with /P); null: none. */
export async function documentPermission(reader: PdfReader): Promise<MdpPermission | null> {
  let strictest: MdpPermission | null = null;
  for (const signature of await listSignatures(reader)) {
    for (const permission of [signature.certification, signature.lock?.permission ?? null]) {
      if (permission !== null && (strictest === null || permission < strictest)) strictest = permission;
    }
  }
  return strictest;
}

/** Throws ModificationRefusedError when the certification forbids `modification`. */
export async function refuseForbiddenChange(reader: PdfReader, modification: Modification): Promise<void> {
  const permission = await documentPermission(reader);
  if (permission === 1) throw new ModificationRefusedError('certified_no_changes', 'The PDF is certified with "no changes allowed" (DocMDP P=1): signing or filling it would invalidate the certification.');
  if (permission === 2 && modification === 'add_fields') {
    throw new ModificationRefusedError('certified_no_new_fields', 'The PDF is certified to allow only form filling and signing (DocMDP P=2): new form fields (the number and date) cannot be added.');
  }
}

/** The first of `modifications` that `file` refuses, or null when all are allowed. */
export async function refusalFor(file: string, modifications: readonly Modification[]): Promise<ModificationRefusedError | null> {
  let reader: PdfReader;
  try {
    reader = await PdfReader.open(file);
  } catch (error) {
    if (error instanceof EncryptedPdfError) return new ModificationRefusedError('encrypted', 'The PDF is encrypted: VanThu does not sign or fill encrypted PDFs. Ask the author for an unencrypted copy.');
    throw error;
  }
  try {
    for (const modification of modifications) await refuseForbiddenChange(reader, modification);
    return null;
  } catch (error) {
    if (error instanceof ModificationRefusedError) return error;
    throw error;
  } finally {
    await reader.close();
  }
}

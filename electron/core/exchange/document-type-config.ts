/**
 * The agency's DocumentType number map: `<data dir>/document-types.json`, type name → its Type and
 * TypeDetail, over the defaults (docs/it-admin.md). Read at each send, so an edit applies at once;
 * a file that cannot be used is logged and the defaults stand, because a wrong number must never
 * stop a document from leaving (receivers read the type name).
 */
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DOCUMENT_TYPE_CODES, type DocumentTypeCodes } from '../../../shared/edxml/document-type-codes.js';
import { foldName } from '../../../shared/domain/verification.js';
import { readJsonFile } from '../config/json-file.js';
import { logWarn } from '../logging/log.js';

export const DOCUMENT_TYPES_FILE = 'document-types.json';

const code = z.number().int().min(0).max(999_999);
const fileShape = z.record(z.string().trim().min(1).max(100), z.object({ type: code, typeDetail: code }).strict());

export async function readDocumentTypeCodes(dataDir: string): Promise<DocumentTypeCodes> {
  const file = path.join(dataDir, DOCUMENT_TYPES_FILE);
  try {
    const raw = await readJsonFile(file);
    if (raw === undefined) return DEFAULT_DOCUMENT_TYPE_CODES;
    const parsed = fileShape.safeParse(raw);
    if (parsed.success) {
      // "công văn" in the file replaces the default "Công văn": names are matched folded.
      const overridden = new Set(Object.keys(parsed.data).map(foldName));
      const defaults = Object.entries(DEFAULT_DOCUMENT_TYPE_CODES).filter(([name]) => !overridden.has(foldName(name)));
      return { ...Object.fromEntries(defaults), ...parsed.data };
    }
    logWarn(`[core] ${file} is not a map of type names to {"type", "typeDetail"} numbers (${parsed.error.issues[0]?.message ?? 'invalid'}); the default codes are used`);
  } catch (error) {
    logWarn(`[core] ${error instanceof Error ? error.message : String(error)}; the default document type codes are used`);
  }
  return DEFAULT_DOCUMENT_TYPE_CODES;
}

/**
 * Manifest references and attachments are joined on ContentId, which producers write with or
 * without a `cid:` prefix, sometimes differently on the two sides of one package (docs/formats.md#edxml).
 */
export function normalizeContentId(contentId: string): string {
  const trimmed = contentId.trim();
  return /^cid:/i.test(trimmed) ? trimmed.slice(4) : trimmed;
}

export function sameContentId(a: string, b: string): boolean {
  return normalizeContentId(a) === normalizeContentId(b);
}

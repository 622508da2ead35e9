/**
 * The archival form of a signed PDF (PAdES B-LTA, ETSI EN 319 142-1), made before a dossier is
 * handed to the archive: one incremental update adds a DSS with every signature's chain and the
 * OCSP answers or CRLs that show it was not revoked (B-LT), a second adds a document time-stamp
 * over the whole file, DSS included (B-LTA). The verifier can then judge the signatures as of the
 * time-stamps after the certificates have expired (docs/formats.md#archival-form).
 *
 * The file is extended in a temporary copy that replaces the output only when complete: a TSA or
 * an OCSP responder failing half-way leaves the input and any earlier output as they were.
 */
import { copyFile } from 'node:fs/promises';
import type * as pkijs from 'pkijs';
import { replaceFile } from '../../fs/replace-file.js';
import { certificateDer, parseCertificate } from '../../verification/certificates.js';
import { buildChain } from '../../verification/chain.js';
import { CmsFormatError, findSigner, parseCms, parseTimestampToken } from '../../verification/cms-check.js';
import { httpRevocationChecker, type RevocationChecker } from '../../verification/revocation.js';
import { digestByteRanges } from '../../pdf/digest.js';
import { appendUpdate } from '../../pdf/incremental-writer.js';
import { PdfReader } from '../../pdf/pdf-reader.js';
import { writeContents } from '../pdf/sign-pdf.js';
import { addDocumentTimestampPlaceholder, patchByteRange } from '../pdf/signature-placeholder.js';
import { listSignatures, type ExistingSignature } from '../../pdf/signatures.js';
import { requestDigestTimestamp, type TimestampOptions } from '../timestamp/rfc3161.js';
import { dssUpdate, readDss, type SignatureValidationData } from '../../pdf/dss.js';

export interface ArchivalFormOptions {
  /** The RFC 3161 time-stamp server of the document time-stamp (the agency's TSA setting). */
  tsaUrl: string;
  /** DER trust anchors: each signature's chain must reach one, and is stored up to it. */
  trustAnchors: Uint8Array[];
  /** Where OCSP answers and CRLs come from; the responders the certificates name by default. */
  revocation?: RevocationChecker;
  timestamp?: TimestampOptions;
}

export interface ArchivalFormResult {
  /** 'unsigned': the file has no signature and was copied unchanged (nothing to keep verifiable). */
  level: 'B-LTA' | 'unsigned';
  /** Signatures of persons and agencies made long-term (document time-stamps not counted). */
  signatures: number;
  /** When the document time-stamp says the file, DSS included, existed (ISO 8601). */
  timestamp: string | null;
  /** What the DSS holds after the extension. */
  dss: { certificates: number; ocsps: number; crls: number };
}

export type ArchivalFormErrorCode = 'no_time_stamp_server' | 'unreadable_signature' | 'untrusted_chain' | 'revocation_unavailable';

/** A signature cannot be made long-term; nothing was written. */
export class ArchivalFormError extends Error {
  constructor(
    readonly code: ArchivalFormErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ArchivalFormError';
  }
}

/** Each file of a dossier in its archival form, one CRL fetch per CA for all; a file that fails is reported and the others go on. */
export async function makeArchivalForms(
  files: readonly { input: string; output: string }[],
  options: ArchivalFormOptions,
): Promise<({ input: string; output: string; result: ArchivalFormResult } | { input: string; output: string; error: Error })[]> {
  const shared = { ...options, revocation: options.revocation ?? httpRevocationChecker() };
  const outcomes = [];
  for (const file of files) {
    try {
      outcomes.push({ ...file, result: await makeArchivalForm(file.input, file.output, shared) });
    } catch (error) {
      outcomes.push({ ...file, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return outcomes;
}

/** `input` extended to PAdES B-LTA into `output` (the same path extends in place). */
export async function makeArchivalForm(input: string, output: string, options: ArchivalFormOptions): Promise<ArchivalFormResult> {
  if (!/^https?:\/\//i.test(options.tsaUrl)) throw new ArchivalFormError('no_time_stamp_server', 'No time-stamp server (TSA) is set: the archival form needs one for its document time-stamp; set it in Settings or by the TsaUrl policy.');
  return replaceFile(output, async (temporary) => {
    await copyFile(input, temporary);
    return extend(temporary, options);
  });
}

async function extend(file: string, options: ArchivalFormOptions): Promise<ArchivalFormResult> {
  const revocation = options.revocation ?? httpRevocationChecker();
  const anchors = options.trustAnchors.map(parseCertificate);
  let reader = await PdfReader.open(file);
  let signatures: ExistingSignature[];
  try {
    signatures = await listSignatures(reader);
    const persons = signatures.filter((signature) => !signature.documentTimestamp);
    if (persons.length === 0) return { level: 'unsigned', signatures: 0, timestamp: null, dss: { certificates: 0, ocsps: 0, crls: 0 } };
    const known = (await readDss(reader)).certificates.map(parseCertificate);
    const entries: SignatureValidationData[] = [];
    for (const signature of signatures) entries.push(await validationDataOf(signature, known, anchors, revocation));
    await appendUpdate(file, reader, await dssUpdate(reader, entries));
  } finally {
    await reader.close();
  }

  const placeholder = await addDocumentTimestampPlaceholder(file, { fieldName: fieldNameFor(signatures) });
  const ranges = await patchByteRange(file, placeholder);
  const stamp = await requestDigestTimestamp(options.tsaUrl, await digestByteRanges(file, ranges, 'SHA-256'), options.timestamp);
  await writeContents(file, placeholder, stamp.token);

  reader = await PdfReader.open(file);
  try {
    const dss = await readDss(reader);
    return {
      level: 'B-LTA',
      signatures: signatures.filter((signature) => !signature.documentTimestamp).length,
      timestamp: stamp.genTime.toISOString(),
      dss: { certificates: dss.certificates.length, ocsps: dss.ocsps.length, crls: dss.crls.length },
    };
  } finally {
    await reader.close();
  }
}

/**
 * A signature's VRI entry: its chain up to the trust anchor with an OCSP answer or CRL for every
 * link below the anchor (required: without them the signature cannot be judged after expiry), and
 * its time-stamp's TSA chain with what revocation data its TSA publishes (many publish none). An
 * earlier document time-stamp gets its TSA's data, as the renewal of B-LTA asks.
 */
async function validationDataOf(signature: ExistingSignature, known: pkijs.Certificate[], anchors: pkijs.Certificate[], revocation: RevocationChecker): Promise<SignatureValidationData> {
  const entry: SignatureValidationData = { contents: signature.contents, certificates: [], ocsps: [], crls: [] };
  const label = signature.fieldName ? `the signature "${signature.fieldName}"` : 'a signature';
  if (signature.documentTimestamp) {
    const token = parseTimestampToken(signature.contents);
    if (token) await addChain(entry, findSigner(token.signerInfo, token.certificates), [...token.certificates, ...known], anchors, revocation, null);
    return entry;
  }
  let cms;
  try {
    cms = parseCms(signature.contents);
  } catch (error) {
    if (error instanceof CmsFormatError) throw new ArchivalFormError('unreadable_signature', `${label} cannot be read: ${error.message}`);
    throw error;
  }
  await addChain(entry, findSigner(cms.signerInfo, cms.certificates), [...cms.certificates, ...known], anchors, revocation, label);
  const token = cms.signerInfo.timestampToken ? parseTimestampToken(cms.signerInfo.timestampToken) : null;
  if (token) await addChain(entry, findSigner(token.signerInfo, token.certificates), [...token.certificates, ...known], anchors, revocation, null);
  return entry;
}

/** `required`: the label of a signature whose chain must be trusted and whose revocation data must be found; null: as much as can be had. */
async function addChain(
  entry: SignatureValidationData,
  leaf: pkijs.Certificate | null,
  pool: pkijs.Certificate[],
  anchors: pkijs.Certificate[],
  revocation: RevocationChecker,
  required: string | null,
): Promise<void> {
  if (!leaf) {
    if (required) throw new ArchivalFormError('unreadable_signature', `${required} does not carry its signer's certificate`);
    return;
  }
  const { chain, trusted } = buildChain(leaf, pool, anchors);
  if (!trusted && required) throw new ArchivalFormError('untrusted_chain', `the certificate of ${required} does not chain to a trust anchor, so its validation data cannot be gathered`);
  entry.certificates.push(...chain.map(certificateDer));
  for (let i = 0; i + 1 < chain.length; i++) {
    const result = await revocation.check(certificateDer(chain[i]!), certificateDer(chain[i + 1]!));
    if (result.evidence) entry[result.evidence.kind === 'ocsp' ? 'ocsps' : 'crls'].push(result.evidence.der);
    else if (required) throw new ArchivalFormError('revocation_unavailable', `no OCSP answer or CRL could be had for the certificate of ${required}: ${result.detail ?? result.status}`);
  }
}

/** A field name no field of the file has yet. */
function fieldNameFor(signatures: readonly ExistingSignature[]): string {
  const taken = new Set(signatures.map((signature) => signature.fieldName));
  let n = 1;
  while (taken.has(`VanThu_LuuTru_${n}`)) n++;
  return `VanThu_LuuTru_${n}`;
}

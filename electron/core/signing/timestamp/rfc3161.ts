/**
 * An RFC 3161 time-stamp client. For PAdES B-T (ETSI EN 319 142-1 §5.3) the TSA stamps the
 * SHA-256 of the SignerInfo's signature value, and the token goes back into that SignerInfo as
 * the unsigned attribute id-aa-signatureTimeStampToken (RFC 3161 Appendix A); for a document
 * time-stamp (B-LTA) it stamps the digest of the file's byte ranges. Requests are built with
 * pkijs; the TSA's signature is checked as the verifier checks it (verification/cms-check.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { checkTimestampToken, parseTimestampToken } from '../../verification/cms-check.js';
import { OID } from '../../pki/oids.js';

export const SIGNATURE_TIMESTAMP_TOKEN_OID = OID.signatureTimeStampToken;
const DEFAULT_TIMEOUT_MS = 30_000;

export class TimestampError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TimestampError';
  }
}

export interface TimestampOptions {
  timeoutMs?: number;
  /** For tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export interface Timestamp {
  /** The TimeStampToken (a CMS ContentInfo) exactly as the TSA sent it. */
  token: Uint8Array;
  genTime: Date;
  policy: string;
}

/** Asks the TSA at `url` to stamp `data` (hashed here with SHA-256) and checks its answer. */
export function requestTimestamp(url: string, data: Uint8Array, options: TimestampOptions = {}): Promise<Timestamp> {
  return requestDigestTimestamp(url, sha256(data), options);
}

/** Asks the TSA to stamp a SHA-256 digest computed by the caller: a document time-stamp hashes a file's byte ranges from disk. */
export async function requestDigestTimestamp(url: string, imprint: Uint8Array, options: TimestampOptions = {}): Promise<Timestamp> {
  const nonce = randomNonce();
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  const body = new Uint8Array(request.toSchema().toBER());

  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    throw new TimestampError(`The time-stamp server ${url} could not be reached: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!response.ok) throw new TimestampError(`The time-stamp server ${url} answered HTTP ${response.status}.`);
  return checkDigestResponse(new Uint8Array(await response.arrayBuffer()), imprint, nonce);
}

/** Parses a TimeStampResp for `data` and checks status, imprint, nonce and the TSA's signature over the TSTInfo. */
export async function checkResponse(der: Uint8Array, data: Uint8Array, nonce: Uint8Array): Promise<Timestamp> {
  return checkDigestResponse(der, sha256(data), nonce);
}

function checkDigestResponse(der: Uint8Array, imprint: Uint8Array, nonce: Uint8Array): Timestamp {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1) throw new TimestampError('The time-stamp server did not answer with a TimeStampResp.');
  let response: pkijs.TimeStampResp;
  try {
    response = new pkijs.TimeStampResp({ schema: parsed.result });
  } catch (error) {
    throw new TimestampError('The time-stamp server did not answer with a TimeStampResp.', { cause: error });
  }
  const { status } = response.status;
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
    const text = response.status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
    throw new TimestampError(`The time-stamp server refused the request (status ${status}${text ? `: ${text}` : ''}).`);
  }
  if (!response.timeStampToken) throw new TimestampError('The time-stamp server granted the request but sent no token.');
  // The token's own bytes, not a re-encoding: they are what the TSA signed around.
  const tokenBlock = (parsed.result as asn1js.Sequence).valueBlock.value[1];
  if (!tokenBlock) throw new TimestampError('The time-stamp response has no token.');
  const token = new Uint8Array(tokenBlock.valueBeforeDecodeView);

  const signedData = new pkijs.SignedData({ schema: response.timeStampToken.content });
  const content = signedData.encapContentInfo;
  if (content.eContentType !== OID.tstInfo || !content.eContent) throw new TimestampError('The time-stamp token does not hold a TSTInfo.');
  const tstInfo = pkijs.TSTInfo.fromBER(content.eContent.getValue());
  const stamped = tstInfo.messageImprint;
  if (stamped.hashAlgorithm.algorithmId !== OID.sha256 || !Buffer.from(stamped.hashedMessage.valueBlock.valueHexView).equals(Buffer.from(imprint))) {
    throw new TimestampError('The time-stamp token stamps another message than the one sent.');
  }
  if (!tstInfo.nonce || !Buffer.from(tstInfo.nonce.valueBlock.valueHexView).equals(Buffer.from(nonce))) {
    throw new TimestampError('The time-stamp token does not carry the nonce of the request (a replayed answer?).');
  }
  const parsedToken = parseTimestampToken(token);
  if (!parsedToken) throw new TimestampError("The time-stamp token's signature could not be checked: its TSTInfo or hash algorithm cannot be read.");
  if (!checkTimestampToken(parsedToken, imprint).valid) throw new TimestampError("The time-stamp token's signature does not verify.");
  return { token, genTime: tstInfo.genTime, policy: tstInfo.policy };
}

/** The signature value of the (only) SignerInfo: what a signature time-stamp covers. */
export function signatureValue(cmsDer: Uint8Array): Uint8Array {
  return new Uint8Array(signerInfoOf(parseSignedData(cmsDer)).signature.valueBlock.valueHexView);
}

/** Adds `token` to the SignerInfo as id-aa-signatureTimeStampToken; signed parts are untouched. */
export function addSignatureTimestamp(cmsDer: Uint8Array, token: Uint8Array): Uint8Array {
  const signedData = parseSignedData(cmsDer);
  const signerInfo = signerInfoOf(signedData);
  const parsedToken = asn1js.fromBER(token);
  if (parsedToken.offset === -1) throw new TimestampError('The time-stamp token is not DER.');
  const attribute = new pkijs.Attribute({ type: SIGNATURE_TIMESTAMP_TOKEN_OID, values: [parsedToken.result] });
  const others = signerInfo.unsignedAttrs?.attributes.filter((existing) => existing.type !== SIGNATURE_TIMESTAMP_TOKEN_OID) ?? [];
  signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [...others, attribute] });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

/** Stamps the CMS's signature at `url` and embeds the token: B-B in, B-T out. */
export async function timestampCms(cmsDer: Uint8Array, url: string, options?: TimestampOptions): Promise<Uint8Array> {
  const { token } = await requestTimestamp(url, signatureValue(cmsDer), options);
  return addSignatureTimestamp(cmsDer, token);
}

function parseSignedData(cmsDer: Uint8Array): pkijs.SignedData {
  const contentInfo = pkijs.ContentInfo.fromBER(cmsDer);
  if (contentInfo.contentType !== OID.signedData) throw new Error('the CMS is not SignedData');
  return new pkijs.SignedData({ schema: contentInfo.content });
}

function signerInfoOf(signedData: pkijs.SignedData): pkijs.SignerInfo {
  const [signerInfo, ...more] = signedData.signerInfos;
  if (!signerInfo || more.length > 0) throw new Error('a PAdES CMS has exactly one SignerInfo');
  return signerInfo;
}

function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** 64 random bits as a positive INTEGER in minimal form. */
function randomNonce(): Uint8Array {
  const nonce = new Uint8Array(randomBytes(8));
  nonce[0] = (nonce[0]! & 0x7f) | 0x01;
  return nonce;
}

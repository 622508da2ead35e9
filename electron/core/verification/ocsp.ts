/**
 * OCSP (RFC 6960) for one certificate: the request pkijs builds (SHA-1 CertID, as responders
 * expect), POSTed to the responder the certificate names; the answer counts only if its signer is
 * the issuer or a responder the issuer delegated (pkijs checks that) and it names this certificate.
 */
import * as pkijs from 'pkijs';
import { httpExchange } from './http-get.js';
import type { RevocationEvidence, RevocationResult } from './revocation.js';

const AUTHORITY_INFO_ACCESS_OID = '1.3.6.1.5.5.7.1.1';
const OCSP_METHOD_OID = '1.3.6.1.5.5.7.48.1';
const URI_NAME = 6;
const SUCCESSFUL = 0;
const GOOD = 0;
const REVOKED = 1;

export function ocspUrls(certificate: pkijs.Certificate): string[] {
  const extension = certificate.extensions?.find((candidate) => candidate.extnID === AUTHORITY_INFO_ACCESS_OID);
  const access = (extension?.parsedValue as pkijs.InfoAccess | undefined)?.accessDescriptions ?? [];
  return access
    .filter((description) => description.accessMethod === OCSP_METHOD_OID && description.accessLocation.type === URI_NAME)
    .map((description) => String(description.accessLocation.value))
    .filter((url) => /^https?:\/\//i.test(url));
}

/** 'unreachable' with the reason when the responder cannot be asked or its answer is not usable. */
export async function queryOcsp(url: string, certificate: pkijs.Certificate, issuer: pkijs.Certificate, timeoutMs: number): Promise<RevocationResult> {
  const request = new pkijs.OCSPRequest();
  await request.createForCertificate(certificate, { hashAlgorithm: 'SHA-1', issuerCertificate: issuer });
  let answer;
  try {
    answer = await httpExchange(url, { timeoutMs, body: new Uint8Array(request.toSchema(true).toBER()), contentType: 'application/ocsp-request' });
  } catch (error) {
    return { status: 'unreachable', detail: `${url}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (answer.status !== 200) return { status: 'unreachable', detail: `${url}: HTTP ${answer.status}` };
  return readOcspResponse(new Uint8Array(answer.body), certificate, issuer, url);
}

/**
 * What an OCSPResponse (DER) says of `certificate`: from a responder, or kept in a PDF's DSS.
 * `source` names it in the details. The answer carries its bytes and its time (thisUpdate), so it
 * can be embedded as validation data and judged later as of that time.
 */
export async function readOcspResponse(der: Uint8Array, certificate: pkijs.Certificate, issuer: pkijs.Certificate, source: string): Promise<RevocationResult> {
  try {
    const response = pkijs.OCSPResponse.fromBER(der);
    if (response.responseStatus.valueBlock.valueDec !== SUCCESSFUL || !response.responseBytes) {
      return { status: 'unreachable', detail: `${source}: OCSP status ${response.responseStatus.valueBlock.valueDec}` };
    }
    const basic = pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView);
    if (!(await basic.verify({ trustedCerts: [issuer], issuerCerts: [issuer] }))) return { status: 'unreachable', detail: `${source}: the OCSP answer is not signed by the issuer or its responder` };
    const { isForCertificate, status } = await basic.getCertificateStatus(certificate, issuer);
    if (!isForCertificate) return { status: 'unreachable', detail: `${source}: the OCSP answer is about another certificate` };
    const single = basic.tbsResponseData.responses.find((candidate) => candidate.certID.serialNumber.isEqual(certificate.serialNumber));
    const evidence: RevocationEvidence = { kind: 'ocsp', der, issuedAt: single?.thisUpdate ?? basic.tbsResponseData.producedAt, ...(single?.nextUpdate ? { nextUpdate: single.nextUpdate } : {}) };
    if (status === GOOD) return { status: 'good', evidence };
    if (status !== REVOKED) return { status: 'unknown', detail: `${source}: the responder does not know the certificate` };
    return { status: 'revoked', evidence, ...revocationTime(single) };
  } catch (error) {
    return { status: 'unreachable', detail: `${source}: not an OCSP answer (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** RevokedInfo.revocationTime of the single response for this serial number. */
function revocationTime(single: pkijs.SingleResponse | undefined): { revokedAt?: Date } {
  const info = single?.certStatus as { valueBlock?: { value?: { toDate?: () => Date }[] } } | undefined;
  const time = info?.valueBlock?.value?.[0]?.toDate?.();
  return time ? { revokedAt: time } : {};
}

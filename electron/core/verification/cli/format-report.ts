/** The verification report as text for a terminal: per file, then per signature, the checks and what changed after it. */
import type { CertificateSummary, PdfVerification, SignatureChecks, SignatureReport } from '../../../../shared/api/verification.js';

export function formatReport(report: PdfVerification): string {
  const lines = [`${report.name}  ${verdictText(report.indication, report.subIndication)}`, `  sha256 ${report.sha256}`];
  if (report.error) lines.push(`  error: ${report.error}`);
  if (!report.error && report.signatures.length === 0) lines.push('  no signature');
  report.signatures.forEach((signature, i) => lines.push('', ...signatureLines(signature, i + 1, report.signatures.length)));
  return `${lines.join('\n')}\n`;
}

function signatureLines(signature: SignatureReport, index: number, count: number): string[] {
  const field = signature.fieldName === null ? '' : ` "${signature.fieldName}"`;
  const lines = [`  Signature ${index} of ${count}${field}  ${verdictText(signature.indication, signature.subIndication)}`];
  const row = (label: string, value: string) => lines.push(`    ${label.padEnd(13)}${value}`);
  row('signer', signature.signer ? signerText(signature.signer) : '(no signer certificate)');
  if (signature.signer?.organization) row('organisation', signature.signer.organization);
  row('claimed time', signature.claimedSigningTime ?? '(none)');
  if (signature.timestamp) row('time-stamp', `${signature.timestamp.time}${signature.timestamp.tsa ? ` by ${signature.timestamp.tsa}` : ''} (${signature.timestamp.valid ? 'valid' : 'NOT VALID'})`);
  row('revision', `${signature.revision} of ${signature.revisions}, ${signature.coversWholeDocument ? 'covers the whole document' : 'does not cover the whole document'}`);
  row('format', signature.subFilter ?? '(no /SubFilter)');
  if (signature.certification) row('certifies', `DocMDP P=${signature.certification} (${CERTIFICATION[signature.certification]})`);
  row('checks', checksText(signature.checks));
  signature.chain.forEach((certificate, i) => {
    row(i === 0 ? 'chain' : '', `${i === 0 ? '' : '← '}${certificate.subject}  [${certificate.notBefore.slice(0, 10)} – ${certificate.notAfter.slice(0, 10)}, serial ${certificate.serialNumber}]`);
  });
  if (signature.changesAfter.length > 0) {
    row('changed after', '');
    for (const change of signature.changesAfter) lines.push(`      revision ${change.revision}: ${change.allowed ? 'allowed' : `NOT ALLOWED (${change.forbiddenBy})`} ${change.kind}: ${change.detail}`);
  }
  return lines;
}

const CERTIFICATION = { 1: 'no changes allowed', 2: 'form filling and signing allowed', 3: 'form filling, signing and annotations allowed' } as const;

function signerText(signer: CertificateSummary): string {
  return `${signer.commonName ?? signer.subject}${signer.email ? ` <${signer.email}>` : ''}`;
}

function checksText(checks: SignatureChecks): string {
  const mark = (value: boolean | null) => (value === null ? 'n/a' : value ? 'ok' : 'FAILED');
  return [
    `integrity ${mark(checks.integrity)}`,
    `signature ${mark(checks.cryptographic)}`,
    `chain ${mark(checks.chainTrusted)}`,
    `validity ${mark(checks.validAtSigningTime)}`,
    `key usage ${mark(checks.keyUsage)}`,
    `revocation ${checks.revocation}`,
    `changes ${checks.noDisallowedChanges ? 'ok' : 'NOT ALLOWED'}`,
  ].join(', ');
}

function verdictText(indication: string | null, subIndication: string | null): string {
  if (indication === null) return 'UNSIGNED';
  return subIndication ? `${indication} / ${subIndication}` : indication;
}

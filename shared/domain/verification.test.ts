import { describe, expect, it } from 'vitest';
import type { PdfVerification, SignatureReport } from '../api/verification.js';
import { documentVerdict, foldName, senderCheck, warrantsReturn } from './verification.js';

function signature(organization: string | null, verdict: Pick<SignatureReport, 'indication' | 'subIndication'> = { indication: 'TOTAL_PASSED', subIndication: null }): SignatureReport {
  const certificate = { subject: `CN=x, O=${organization}`, commonName: 'x', organization, email: null, issuer: 'CN=CA', serialNumber: '01', notBefore: '2026-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z', sha256: 'a'.repeat(64) };
  return {
    fieldName: 'Signature1',
    subFilter: 'ETSI.CAdES.detached',
    signer: certificate,
    chain: [certificate],
    claimedSigningTime: null,
    timestamp: null,
    revision: 1,
    revisions: 1,
    certification: null,
    coversWholeDocument: true,
    changesAfter: [],
    checks: { integrity: true, cryptographic: true, chainTrusted: true, validAtSigningTime: true, keyUsage: true, revocation: 'good', noDisallowedChanges: true },
    ...verdict,
  };
}

function pdf(signatures: SignatureReport[], verdict: Pick<PdfVerification, 'indication' | 'subIndication'> = { indication: signatures.length ? 'TOTAL_PASSED' : null, subIndication: null }): PdfVerification {
  return { name: 'a.pdf', sha256: 'b'.repeat(64), error: null, signatures, ...verdict };
}

const sender = { code: '000.00.00.H41', names: ['UBND tỉnh Nghệ An', 'Ủy ban nhân dân tỉnh Nghệ An'] };

describe('sender check', () => {
  it('folds case, tone marks, đ and spacing before comparing', () => {
    expect(foldName('  Sở   Nội vụ\ttỉnh ĐỒNG Tháp ')).toBe('so noi vu tinh dong thap');
    expect(senderCheck(sender, pdf([signature('ubnd TINH nghe  an')]))).toEqual({ expectedName: 'UBND tỉnh Nghệ An', expectedCode: sender.code, signedBy: 'ubnd TINH nghe  an', matches: true });
  });

  it('accepts the directory name when the package spells the sender differently', () => {
    expect(senderCheck(sender, pdf([signature('ỦY BAN NHÂN DÂN TỈNH NGHỆ AN')])).matches).toBe(true);
  });

  it('reads the last signature of the main PDF: the agency signs after the leader', () => {
    const check = senderCheck(sender, pdf([signature('UBND tỉnh Nghệ An'), signature('Sở Nội vụ tỉnh Nghệ An')]));
    expect(check).toMatchObject({ signedBy: 'Sở Nội vụ tỉnh Nghệ An', matches: false });
  });

  it('says nothing without a signature, and fails a signer certificate without O=', () => {
    expect(senderCheck(sender, pdf([]))).toMatchObject({ signedBy: null, matches: null });
    expect(senderCheck(sender, null)).toMatchObject({ signedBy: null, matches: null });
    expect(senderCheck(sender, pdf([signature(null)]))).toMatchObject({ signedBy: null, matches: false });
  });

  it('falls back to the code when the package and directory give no name', () => {
    expect(senderCheck({ code: 'X', names: [null, ' '] }, pdf([signature('X')]))).toMatchObject({ expectedName: 'X', matches: false });
  });
});

describe('document verdict', () => {
  const matched = senderCheck(sender, pdf([signature('UBND tỉnh Nghệ An')]));
  const mismatched = { ...matched, signedBy: 'Sở Nội vụ', matches: false };

  it('is the worst file, the first one on ties', () => {
    const files = [
      pdf([signature('A')]),
      pdf([signature('A')], { indication: 'INDETERMINATE', subIndication: 'TRY_LATER' }),
      pdf([signature('A')], { indication: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' }),
    ];
    expect(documentVerdict(files, matched)).toEqual({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(documentVerdict([...files, pdf([signature('A')], { indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' })], matched)).toEqual({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
  });

  it('is UNSIGNED when no file has a signature', () => {
    expect(documentVerdict([pdf([]), pdf([])], { ...matched, signedBy: null, matches: null })).toEqual({ indication: 'UNSIGNED', subIndication: null });
    expect(documentVerdict([], { ...matched, matches: null })).toEqual({ indication: 'UNSIGNED', subIndication: null });
  });

  it('turns a sender mismatch into INDETERMINATE / SIG_CONSTRAINTS_FAILURE, but never softens a failure', () => {
    expect(documentVerdict([pdf([signature('A')])], mismatched)).toEqual({ indication: 'INDETERMINATE', subIndication: 'SIG_CONSTRAINTS_FAILURE' });
    expect(documentVerdict([pdf([signature('A')], { indication: 'INDETERMINATE', subIndication: 'TRY_LATER' })], mismatched)).toEqual({ indication: 'INDETERMINATE', subIndication: 'SIG_CONSTRAINTS_FAILURE' });
    expect(documentVerdict([pdf([signature('A')], { indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' })], mismatched)).toEqual({ indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' });
  });

  it('offers a return for a failure or a sender mismatch only', () => {
    expect(warrantsReturn({ indication: 'TOTAL_FAILED', sender: matched })).toBe(true);
    expect(warrantsReturn({ indication: 'INDETERMINATE', sender: mismatched })).toBe(true);
    expect(warrantsReturn({ indication: 'INDETERMINATE', sender: matched })).toBe(false);
    expect(warrantsReturn({ indication: 'UNSIGNED', sender: { ...matched, matches: null } })).toBe(false);
  });
});

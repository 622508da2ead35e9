import { describe, expect, it } from 'vitest';
import { certificateKind, DEFAULT_CERTIFICATE_KIND_RULE, sameSigner } from './certificate-kind.js';

describe('telling a personal certificate from an organisation’s', () => {
  it('reads a person from an identity number, a given name or surname, or a title alone', () => {
    expect(certificateKind([['CN', 'Nguyễn Văn An'], ['UID', 'CCCD:040085001234'], ['O', 'UBND tỉnh Nghệ An']])).toEqual({ kind: 'person', marker: 'UID=CCCD:040085001234' });
    expect(certificateKind([['CN', 'Trần Thị Bình'], ['serialNumber', 'CMND:186543210']])).toEqual({ kind: 'person', marker: 'serialNumber=CMND:186543210' });
    expect(certificateKind([['CN', 'Lê Văn Cường'], ['givenName', 'Cường'], ['surname', 'Lê']]).kind).toBe('person');
    // The test CA's leader: C, L, O, title and CN, no identity number.
    expect(certificateKind([['C', 'VN'], ['L', 'Nghệ An'], ['O', 'UBND tỉnh Nghệ An'], ['title', 'Phó Chủ tịch'], ['CN', 'Nguyễn Văn An']])).toEqual({ kind: 'person', marker: 'title' });
  });

  it('reads an organisation from O = CN (folded), a tax or budget code, or a configured OU', () => {
    expect(certificateKind([['C', 'VN'], ['O', 'UBND tỉnh Nghệ An'], ['CN', 'UBND TỈNH NGHỆ AN']])).toEqual({ kind: 'organization', marker: 'O=CN' });
    expect(certificateKind([['CN', 'Sở Nội vụ'], ['UID', 'MST:2900325734']]).kind).toBe('organization');
    expect(certificateKind([['CN', 'Văn phòng'], ['UID', 'MNS:1051234']]).kind).toBe('organization');
    const rule = { ...DEFAULT_CERTIFICATE_KIND_RULE, organizationUnits: ['Tổ chức'] };
    expect(certificateKind([['CN', 'Văn phòng Sở'], ['OU', 'to chuc']], rule)).toEqual({ kind: 'organization', marker: 'OU=to chuc' });
    // An organisation certificate whose holder has a title is still the organisation's.
    expect(certificateKind([['O', 'Bộ Tài chính'], ['CN', 'Bộ Tài chính'], ['title', 'Văn thư']]).kind).toBe('organization');
  });

  it('says neither when the subject says nothing, or says both', () => {
    expect(certificateKind([['CN', 'Nguyễn Văn An'], ['O', 'UBND tỉnh Nghệ An']])).toEqual({ kind: null, marker: null });
    expect(certificateKind([['CN', 'UBND tỉnh Nghệ An'], ['O', 'UBND tỉnh Nghệ An'], ['serialNumber', 'CCCD:040085001234']]).kind).toBeNull();
  });

  it('compares a holder with the draft’s signer as a clerk reads names', () => {
    expect(sameSigner('NGUYEN VAN AN', 'Nguyễn  Văn An')).toBe(true);
    expect(sameSigner('Nguyễn Văn Anh', 'Nguyễn Văn An')).toBe(false);
  });
});

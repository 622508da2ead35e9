import { describe, expect, it } from 'vitest';
import { t as translate } from '../../../shared/i18n/messages.js';
import type { Translate } from '../../i18n.js';
import { badgeKind, certificateTitle, returnReason, summaryText } from './verdict.js';

const vi: Translate = (key, ...params) => translate(key, 'vi', ...params);
const sender = { expectedName: 'Sở Nội vụ tỉnh Nghệ An', expectedCode: '000.00.12.H41', signedBy: 'Sở Nội vụ tỉnh Nghệ An', matches: true };

describe('verdict in words', () => {
  it('gives each indication its badge, and "not verified yet" without a verification', () => {
    expect(badgeKind(null)).toBe('pending');
    expect(badgeKind({ indication: 'TOTAL_PASSED', subIndication: null })).toBe('valid');
    expect(badgeKind({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' })).toBe('warning');
    expect(badgeKind({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' })).toBe('invalid');
    expect(badgeKind({ indication: 'UNSIGNED', subIndication: null })).toBe('unsigned');
  });

  it('explains the sub-indication, naming the file that cannot be read', () => {
    expect(summaryText({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE', sender, files: [] }, vi)).toBe('Chữ ký số không hợp lệ: nội dung đã bị sửa sau khi ký');
    expect(summaryText({ indication: 'INDETERMINATE', subIndication: null, sender, files: [] }, vi)).toContain('không rõ lý do');
    const unreadable = { name: 'Phụ lục.pdf', sha256: 'a'.repeat(64), error: 'no startxref', signatures: [], indication: 'TOTAL_FAILED' as const, subIndication: 'FORMAT_FAILURE' as const };
    expect(summaryText({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE', sender, files: [unreadable] }, vi)).toBe(
      'Chữ ký số không hợp lệ: không đọc được tệp “Phụ lục.pdf” (không phải PDF hoặc bị hỏng)',
    );
  });

  it('fills the return reason with the failure, or with both agencies for a sender mismatch', () => {
    expect(returnReason({ subIndication: 'SIG_CRYPTO_FAILURE', sender, files: [] }, vi)).toBe('Chữ ký số không hợp lệ: giá trị chữ ký không khớp với chứng thư');
    expect(returnReason({ subIndication: 'SIG_CONSTRAINTS_FAILURE', sender: { ...sender, signedBy: 'UBND tỉnh Nghệ An', matches: false }, files: [] }, vi)).toBe(
      'Chữ ký số không hợp lệ: Cơ quan ký số “UBND tỉnh Nghệ An” không phải cơ quan gửi “Sở Nội vụ tỉnh Nghệ An”.',
    );
  });

  it('reads the title (chức vụ) from the subject when there is one', () => {
    expect(certificateTitle({ subject: 'C=VN, L=Nghệ An, O=UBND tỉnh Nghệ An, title=Phó Chủ tịch, CN=Nguyễn Văn An' })).toBe('Phó Chủ tịch');
    expect(certificateTitle({ subject: 'C=VN, O=UBND, CN=subtitle=x' })).toBeNull();
    expect(certificateTitle({ subject: 'C=VN, O=UBND tỉnh Nghệ An, CN=UBND tỉnh Nghệ An' })).toBeNull();
  });
});

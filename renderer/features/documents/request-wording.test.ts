import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../shared/api/documents.js';
import { t } from '../../../shared/i18n/messages.js';
import { recipientStateText, senderRequest, wasTakenBack } from './request-wording.js';

const entry = (at: string, direction: 'in' | 'out', statusCode: string): TimelineEntry => ({ at, direction, statusCode, agencyId: 'A', agencyName: null, description: null, internalNote: null });

describe('take back (lấy lại) and revoke (thu hồi) keep their own words', () => {
  it('names the sender’s request by what happened to the document', () => {
    expect(senderRequest({ revokedAt: null, replacedBy: null })).toBe('takeback');
    expect(senderRequest({ revokedAt: '2026-01-01T00:00:00Z', replacedBy: null })).toBe('revoke');
    expect(senderRequest({ revokedAt: null, replacedBy: { id: 2, subject: '', codeNumber: '', codeNotation: '' } })).toBe('replace');
  });

  it('says “lấy lại” for a take-back and “thu hồi” only for a revocation', () => {
    const takeBack = t(recipientStateText('takeback_requested', 'takeback'), 'vi');
    expect(takeBack).toContain('lấy lại');
    expect(takeBack).not.toContain('thu hồi');
    expect(t(recipientStateText('takeback_agreed', 'takeback'), 'vi')).toBe('Đồng ý cho lấy lại');
    expect(t(recipientStateText('takeback_agreed', 'revoke'), 'vi')).toBe('Đồng ý thu hồi');
    expect(t(recipientStateText('takeback_refused', 'replace'), 'vi')).toBe('Từ chối thay thế');
    expect(t(recipientStateText('accepted', 'revoke'), 'vi')).toBe('Đã tiếp nhận');
  });

  it('tells a copy given back on a take-back from one revoked', () => {
    expect(wasTakenBack([entry('2026-01-01T01:00:00Z', 'out', '03'), entry('2026-01-02T01:00:00Z', 'in', '13'), entry('2026-01-02T02:00:00Z', 'out', '15')])).toBe(true);
    // No take-back asked: the agreement answered a revoke.
    expect(wasTakenBack([entry('2026-01-01T01:00:00Z', 'out', '03'), entry('2026-01-02T02:00:00Z', 'out', '15')])).toBe(false);
    // A take-back refused, then a revoke agreed.
    expect(wasTakenBack([entry('2026-01-02T01:00:00Z', 'in', '13'), entry('2026-01-02T02:00:00Z', 'out', '16'), entry('2026-01-03T02:00:00Z', 'out', '15')])).toBe(false);
  });
});

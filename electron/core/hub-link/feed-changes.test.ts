import { describe, expect, it } from 'vitest';
import { MalformedChangeError, replicaChange } from './feed-changes.js';

const change = (kind: string, subject: string, payload: unknown) => ({ seq: 5, at: '2026-12-02T01:00:00.000Z', kind, subject, payload });
const reminder = { id: 3, kind: 'overdue', itemId: 9, documentId: 41, deadline: '2026-12-01', day: '2026-12-02', workingDaysLate: 1, own: true };
const digest = { day: '2026-12-02', open: 3, overdue: 1, dueToday: 0, dueSoon: 2, awaiting: 0 };

describe('deadline notices in the feed', () => {
  it('keeps a reminder and a digest as the person’s notices, by their subject', () => {
    expect(replicaChange(change('deadline.reminder', 'reminder:3', reminder))).toEqual({ type: 'notice', notice: { key: 'reminder:3', kind: 'reminder', day: '2026-12-02', payload: reminder } });
    expect(replicaChange(change('deadline.digest', 'digest:7:2026-12-02', digest))).toEqual({ type: 'notice', notice: { key: 'digest:7:2026-12-02', kind: 'digest', day: '2026-12-02', payload: digest } });
  });

  it('stops on one that is not what the contract says, rather than lose it', () => {
    expect(() => replicaChange(change('deadline.reminder', 'reminder:4', reminder))).toThrow(MalformedChangeError);
    expect(() => replicaChange(change('deadline.reminder', 'reminder:3', { ...reminder, kind: 'late' }))).toThrow(MalformedChangeError);
    expect(() => replicaChange(change('deadline.digest', 'digest:7:2026-12-03', digest))).toThrow(/digest of 2026-12-02/);
    expect(() => replicaChange(change('deadline.digest', 'digest:7:2026-12-02', { ...digest, overdue: -1 }))).toThrow(MalformedChangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { acceptInBulk, bulkAcceptSkip, confirmedVerdict, type BulkOutcome } from './bulk-accept.js';

const row = (id: number, indication: 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED' | 'UNSIGNED' | null, state: 'arrived' | 'accepted' = 'arrived') => ({
  id,
  subject: `Văn bản ${id}`,
  state,
  verification: indication ? { indication, subIndication: null } : null,
});

describe('bulk accept', () => {
  it('takes valid and unsigned documents, leaves the others for their own page', () => {
    expect(bulkAcceptSkip(row(1, 'TOTAL_PASSED'))).toBeNull();
    expect(bulkAcceptSkip(row(2, 'UNSIGNED'))).toBeNull();
    expect(bulkAcceptSkip(row(3, 'INDETERMINATE'))).toBe('review');
    expect(bulkAcceptSkip(row(4, 'TOTAL_FAILED'))).toBe('invalid');
    expect(bulkAcceptSkip(row(5, null))).toBe('pending');
    expect(bulkAcceptSkip(row(6, 'TOTAL_PASSED', 'accepted'))).toBe('notWaiting');
  });

  it('confirms to the core the one verdict other than valid that goes through in bulk: unsigned', () => {
    expect(confirmedVerdict(row(1, 'UNSIGNED'))).toBe('UNSIGNED');
    expect(confirmedVerdict(row(2, 'TOTAL_PASSED'))).toBeUndefined();
  });

  it('reports one outcome per document, in order, and goes on after a failure', async () => {
    const outcomes: BulkOutcome[] = [];
    const accepted: number[] = [];
    await acceptInBulk(
      [row(1, 'TOTAL_PASSED'), row(2, 'INDETERMINATE'), row(3, 'UNSIGNED'), row(4, 'TOTAL_PASSED')],
      async ({ id }) => {
        if (id === 3) throw new Error('conflict');
        accepted.push(id);
        return { arrivalNumber: accepted.length };
      },
      (outcome) => outcomes.push(outcome),
      (error) => (error as Error).message,
    );
    expect(accepted).toEqual([1, 4]);
    expect(outcomes).toEqual([
      { id: 1, subject: 'Văn bản 1', kind: 'accepted', arrivalNumber: 1 },
      { id: 2, subject: 'Văn bản 2', kind: 'skipped', why: 'review' },
      { id: 3, subject: 'Văn bản 3', kind: 'failed', error: 'conflict' },
      { id: 4, subject: 'Văn bản 4', kind: 'accepted', arrivalNumber: 2 },
    ]);
  });
});

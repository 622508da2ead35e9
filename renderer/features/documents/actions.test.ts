import { describe, expect, it } from 'vitest';
import type { DocumentState, RecipientStatus } from '../../../shared/api/documents.js';
import { canRespond } from '../../../shared/domain/handling-status.js';
import { CLERK_ACTIONS, CLERK_ACTION_RESULT, CLERK_ACTION_STATUS, HANDLING_RANK, clerkActions, isRevoked, senderActions, takeBackCandidates } from './actions.js';

const ALL_STATES: DocumentState[] = ['editing', 'queued', 'sent', 'failed', 'arrived', 'returned', 'accepted', 'assigned', 'processing', 'done', 'revoked'];

describe('the receiving clerk’s actions', () => {
  it('offers accept or return on arrival, then the handling steps', () => {
    expect(clerkActions('arrived')).toEqual(['accept', 'return']);
    expect(clerkActions('accepted')).toEqual(['assign', 'process', 'finish']);
    expect(clerkActions('assigned')).toEqual(['process', 'finish']);
    expect(clerkActions('processing')).toEqual(['finish']);
  });

  it('never moves backwards', () => {
    for (const state of ALL_STATES) {
      const from = HANDLING_RANK[state];
      for (const action of clerkActions(state)) {
        expect(from, `${state} offers ${action}`).toBeDefined();
        const result = CLERK_ACTION_RESULT[action];
        if (result === 'returned') {
          // 02 answers an arrival; it is never offered once the document was accepted.
          expect(state).toBe('arrived');
        } else {
          expect(HANDLING_RANK[result]!, `${state} → ${action}`).toBeGreaterThan(from!);
        }
      }
    }
  });

  it('offers nothing on a finished, returned or revoked document, nor on drafts and outgoing ones', () => {
    for (const state of ['done', 'returned', 'revoked', 'editing', 'queued', 'sent', 'failed'] as const) {
      expect(clerkActions(state), state).toEqual([]);
    }
  });

  it('offers exactly what the shared forward-only rule (enforced by the core) allows', () => {
    for (const state of ALL_STATES) {
      for (const action of CLERK_ACTIONS) {
        expect(clerkActions(state).includes(action), `${state} ${action}`).toBe(canRespond(state, CLERK_ACTION_STATUS[action]));
      }
    }
  });

  it('never offers accepting twice nor returning after accepting', () => {
    for (const state of ['accepted', 'assigned', 'processing', 'done'] as const) {
      expect(clerkActions(state)).not.toContain('accept');
      expect(clerkActions(state)).not.toContain('return');
    }
  });
});

const recipient = (agencyId: string, state: RecipientStatus['state']): RecipientStatus => ({
  agencyId,
  agencyName: null,
  state,
  statusCode: null,
  description: null,
  updatedAt: '2026-03-12T02:00:00Z',
});

describe('the sending clerk’s actions', () => {
  const sent = { direction: 'outgoing' as const, state: 'sent' as DocumentState, revokedAt: null, replacedBy: null, recipients: [recipient('a', 'accepted')] };

  it('offers take-back, correction, revoke and replace on a sent document', () => {
    expect(senderActions(sent)).toEqual(['takeBack', 'update', 'revoke', 'replace']);
  });

  it('does not offer take-back when no recipient still holds the document', () => {
    expect(senderActions({ ...sent, recipients: [recipient('a', 'takeback_requested'), recipient('b', 'returned')] })).toEqual(['update', 'revoke', 'replace']);
  });

  it('offers nothing before the axis took it, once revoked or replaced, or on other directions', () => {
    expect(senderActions({ ...sent, state: 'queued' })).toEqual([]);
    expect(senderActions({ ...sent, state: 'failed' })).toEqual([]);
    expect(senderActions({ ...sent, state: 'revoked' })).toEqual([]);
    expect(senderActions({ ...sent, revokedAt: '2026-03-12T02:00:00Z' })).toEqual([]);
    expect(senderActions({ ...sent, replacedBy: { id: 9, subject: 'x', codeNumber: '1', codeNotation: 'UBND' } })).toEqual([]);
    expect(senderActions({ ...sent, direction: 'incoming' })).toEqual([]);
    expect(senderActions({ ...sent, direction: 'draft' })).toEqual([]);
  });

  it('asks only recipients that still hold the document to give it back', () => {
    const candidates = takeBackCandidates([
      recipient('a', 'accepted'),
      recipient('b', 'returned'),
      recipient('c', 'takeback_agreed'),
      recipient('d', 'takeback_refused'),
      recipient('e', 'arrived'),
    ]);
    expect(candidates.map((r) => r.agencyId)).toEqual(['a', 'd', 'e']);
  });

  it('knows a revoked document by its state or its revoke time', () => {
    expect(isRevoked({ state: 'revoked', revokedAt: null })).toBe(true);
    expect(isRevoked({ state: 'sent', revokedAt: '2026-03-12T02:00:00Z' })).toBe(true);
    expect(isRevoked({ state: 'accepted', revokedAt: null })).toBe(false);
  });
});

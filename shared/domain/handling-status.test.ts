import { describe, expect, it } from 'vitest';
import { advanceRecipientState, canRespond, canReturn, recipientStatusChange } from './handling-status.js';

describe('handling statuses never go backwards', () => {
  it('an arrived document can be accepted or returned, nothing else', () => {
    expect(canRespond('arrived', '03')).toBe(true);
    expect(canRespond('arrived', '02')).toBe(true);
    expect(canRespond('arrived', '04')).toBe(false);
    expect(canRespond('arrived', '06')).toBe(false);
  });

  it('after acceptance: assign, process, finish, forward only', () => {
    expect(canRespond('accepted', '04')).toBe(true);
    expect(canRespond('accepted', '06')).toBe(true);
    expect(canRespond('processing', '04')).toBe(false);
    expect(canRespond('processing', '06')).toBe(true);
    expect(canRespond('accepted', '02')).toBe(false);
    expect(canRespond('accepted', '03')).toBe(false);
  });

  it('the workflow may return an arrival while it is handled, not once it is done, returned or revoked', () => {
    for (const state of ['arrived', 'accepted', 'assigned', 'processing'] as const) expect(canReturn(state)).toBe(true);
    for (const state of ['done', 'returned', 'revoked'] as const) expect(canReturn(state)).toBe(false);
  });

  it('returned, done and revoked documents take no more statuses', () => {
    for (const state of ['returned', 'done', 'revoked'] as const) {
      for (const code of ['02', '03', '04', '05', '06'] as const) expect(canRespond(state, code)).toBe(false);
    }
    expect(canRespond('editing', '03')).toBe(false);
  });

  it('a late or repeated status does not move a recipient back', () => {
    expect(advanceRecipientState('accepted', 'arrived')).toBe('accepted');
    expect(advanceRecipientState('sent', 'arrived')).toBe('arrived');
    expect(advanceRecipientState('processing', 'takeback_requested')).toBe('takeback_requested');
    expect(advanceRecipientState('takeback_requested', 'takeback_agreed')).toBe('takeback_agreed');
    expect(advanceRecipientState('takeback_agreed', 'done')).toBe('takeback_agreed');
  });
});

describe('recipientStatusChange', () => {
  it('moves a recipient forward, leaves the row for a status older than where it stands, and keeps unknown codes on the state it has', () => {
    expect(recipientStatusChange('sent', '03')).toBe('accepted');
    expect(recipientStatusChange('accepted', '01')).toBeNull();
    expect(recipientStatusChange('accepted', '03')).toBe('accepted');
    expect(recipientStatusChange('accepted', '99')).toBe('accepted');
  });

  it('lets 15/16 answer a take-back only when one was asked', () => {
    expect(recipientStatusChange('takeback_requested', '15')).toBe('takeback_agreed');
    expect(recipientStatusChange('done', '16')).toBe('done');
  });
});

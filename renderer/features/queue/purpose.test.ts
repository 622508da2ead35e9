import { describe, expect, it } from 'vitest';
import { describePurpose } from './purpose.js';

describe('outbox package purposes', () => {
  it('reads the named purposes', () => {
    expect(describePurpose('document')).toEqual({ kind: 'document' });
    expect(describePurpose('Revoke')).toEqual({ kind: 'revoke' });
    expect(describePurpose('replace')).toEqual({ kind: 'replace' });
    expect(describePurpose('takeBack')).toEqual({ kind: 'takeback' });
  });

  it('reads a status code in its usual spellings', () => {
    expect(describePurpose('status:03')).toEqual({ kind: 'status', code: '03' });
    expect(describePurpose('status 02')).toEqual({ kind: 'status', code: '02' });
    expect(describePurpose('06')).toEqual({ kind: 'status', code: '06' });
    expect(describePurpose('status:13')).toEqual({ kind: 'takeback' });
  });

  it('keeps anything else as written', () => {
    expect(describePurpose('something new')).toEqual({ kind: 'other', text: 'something new' });
  });
});

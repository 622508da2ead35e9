/**
 * What an outbox package carries, from its `purpose` text. The core writes 'document' today;
 * the other forms are read leniently (the contract types it as a string) and anything unknown is
 * shown as written.
 */
export type PurposeKind = 'document' | 'revoke' | 'replace' | 'update' | 'takeback';

export type Purpose = { kind: PurposeKind } | { kind: 'status'; code: string } | { kind: 'other'; text: string };

const NAMED: Record<string, PurposeKind> = {
  document: 'document',
  edoc: 'document',
  new: 'document',
  revoke: 'revoke',
  replace: 'replace',
  update: 'update',
  takeback: 'takeback',
  'take-back': 'takeback',
  take_back: 'takeback',
};

export function describePurpose(purpose: string): Purpose {
  const text = purpose.trim();
  const named = NAMED[text.toLowerCase()];
  if (named) return { kind: named };
  const status = /^(?:status)?[\s:._-]*(\d{2})$/i.exec(text);
  if (status) return status[1] === '13' ? { kind: 'takeback' } : { kind: 'status', code: status[1]! };
  return { kind: 'other', text };
}

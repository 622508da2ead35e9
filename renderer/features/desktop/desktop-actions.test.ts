import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/contract.js';
import { MENU_COMMANDS } from '../../../shared/api/desktop.js';
import { desktopAction } from './desktop-actions.js';

describe('desktopAction', () => {
  it('opens the new-draft form with the subject focused, focuses the search box, syncs, or opens the diagnostics page', () => {
    expect(desktopAction({ type: 'menu.command', command: 'newDraft' })).toEqual({ navigate: { area: 'drafts', documentId: null }, focus: 'new-draft-subject', syncNow: false });
    expect(desktopAction({ type: 'menu.command', command: 'search' })).toEqual({ navigate: null, focus: 'search', syncNow: false });
    expect(desktopAction({ type: 'menu.command', command: 'syncNow' })).toEqual({ navigate: null, focus: null, syncNow: true });
    expect(desktopAction({ type: 'menu.command', command: 'diagnostics' })).toEqual({ navigate: { area: 'diagnostics' }, focus: null, syncNow: false });
    for (const command of MENU_COMMANDS) expect(desktopAction({ type: 'menu.command', command }), command).not.toBeNull();
  });

  it('shows the document of a clicked notification', () => {
    expect(desktopAction({ type: 'document.open', id: 42 })).toEqual({ navigate: { area: 'inbox', documentId: 42 }, focus: null, syncNow: false });
  });

  it('ignores an unknown command name and every other event', () => {
    expect(desktopAction({ type: 'menu.command', command: 'toggleDevTools' } as unknown as ApiEvent)).toBeNull();
    expect(desktopAction({ type: 'menu.command', command: '__proto__' } as unknown as ApiEvent)).toBeNull();
    expect(desktopAction({ type: 'inbox.waiting', count: 3 })).toBeNull();
    expect(desktopAction({ type: 'documents.changed', ids: [1] })).toBeNull();
  });
});

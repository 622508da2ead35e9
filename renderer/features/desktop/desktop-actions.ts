/**
 * What the page does for the desktop shell's events: a menu command or a click on an arrival
 * notification. The command name is checked again here: the page acts on known names only.
 */
import type { ApiEvent } from '../../../shared/api/contract.js';
import { isMenuCommand } from '../../../shared/api/desktop.js';
import type { Route } from '../../router.js';

/** Elements a command puts the keyboard in, marked with `data-focus-target`. */
export type FocusTarget = 'search' | 'new-draft-subject';

export interface DesktopAction {
  navigate: Route | null;
  focus: FocusTarget | null;
  syncNow: boolean;
}

export function desktopAction(event: ApiEvent): DesktopAction | null {
  if (event.type === 'document.open') return { navigate: { area: 'inbox', documentId: event.id }, focus: null, syncNow: false };
  if (event.type !== 'menu.command' || !isMenuCommand(event.command)) return null;
  switch (event.command) {
    case 'newDraft':
      return { navigate: { area: 'drafts', documentId: null }, focus: 'new-draft-subject', syncNow: false };
    case 'search':
      // The search box is in the header of every screen: no need to leave this one.
      return { navigate: null, focus: 'search', syncNow: false };
    case 'syncNow':
      return { navigate: null, focus: null, syncNow: true };
    case 'diagnostics':
      return { navigate: { area: 'diagnostics' }, focus: null, syncNow: false };
  }
}

/**
 * The recipient picker's state, as a pure reducer: the search text, the highlighted option and
 * the chosen agencies. Keyboard: ↓/↑ move through the options (wrapping), Enter adds the
 * highlighted one (or the only one), Backspace in an empty box removes the last chip, Escape
 * clears the search.
 */
export interface PickedAgency {
  id: string;
  name: string;
}

export interface PickerState {
  query: string;
  /** Index into the options shown, -1 for none. */
  active: number;
  chosen: PickedAgency[];
}

export const INITIAL_PICKER: PickerState = { query: '', active: -1, chosen: [] };

export type PickerAction =
  | { type: 'query'; query: string }
  | { type: 'move'; delta: 1 | -1; count: number }
  | { type: 'highlight'; index: number }
  | { type: 'add'; agency: PickedAgency }
  | { type: 'remove'; id: string }
  | { type: 'removeLast' }
  | { type: 'clearQuery' }
  | { type: 'reset' };

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
  switch (action.type) {
    case 'query':
      return { ...state, query: action.query, active: -1 };
    case 'move': {
      if (action.count <= 0) return { ...state, active: -1 };
      const current = state.active >= 0 && state.active < action.count ? state.active : -1;
      const next = current === -1 ? (action.delta === 1 ? 0 : action.count - 1) : (current + action.delta + action.count) % action.count;
      return { ...state, active: next };
    }
    case 'highlight':
      return { ...state, active: action.index };
    case 'add':
      if (state.chosen.some((agency) => agency.id === action.agency.id)) return { ...state, query: '', active: -1 };
      return { query: '', active: -1, chosen: [...state.chosen, action.agency] };
    case 'remove':
      return { ...state, chosen: state.chosen.filter((agency) => agency.id !== action.id) };
    case 'removeLast':
      return { ...state, chosen: state.chosen.slice(0, -1) };
    case 'clearQuery':
      return { ...state, query: '', active: -1 };
    case 'reset':
      return INITIAL_PICKER;
  }
}

/** The options offered: the search results minus what is already chosen (and this agency). */
export function pickerOptions(results: readonly PickedAgency[], chosen: readonly PickedAgency[], selfId: string | null): PickedAgency[] {
  const taken = new Set(chosen.map((agency) => agency.id));
  return results.filter((agency) => !taken.has(agency.id) && agency.id !== selfId);
}

/**
 * What a key pressed in the search box does, or null to let the browser have it. The caller
 * prevents the default action whenever an action is returned.
 */
export function pickerKeyAction(key: string, state: PickerState, options: readonly PickedAgency[]): PickerAction | null {
  switch (key) {
    case 'ArrowDown':
      return options.length > 0 ? { type: 'move', delta: 1, count: options.length } : null;
    case 'ArrowUp':
      return options.length > 0 ? { type: 'move', delta: -1, count: options.length } : null;
    case 'Enter': {
      const highlighted = state.active >= 0 ? options[state.active] : options.length === 1 ? options[0] : undefined;
      return highlighted ? { type: 'add', agency: highlighted } : null;
    }
    case 'Backspace':
      return state.query === '' && state.chosen.length > 0 ? { type: 'removeLast' } : null;
    case 'Escape':
      return state.query !== '' ? { type: 'clearQuery' } : null;
    default:
      return null;
  }
}

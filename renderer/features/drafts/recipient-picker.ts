/**
 * The recipient picker's state, as a pure reducer: the search text, the highlighted option and
 * the chosen agencies. Keyboard: ↓/↑ move through the options (wrapping), Enter adds the
 * highlighted one (or the only one), Backspace in an empty box removes the last chip, Escape
 * clears the search. A recipient group is an option too: picking it adds its members.
 */
import { foldText } from '../../../shared/text/fold.js';

export interface PickedAgency {
  id: string;
  name: string;
  /** The agencies above it, nearest first: what tells "UBND huyện Lắk" of one province from another's. */
  parents?: readonly string[];
}

/** A recipient group the agency keeps, offered beside the agencies found. */
export interface PickedGroup {
  groupId: number;
  name: string;
  members: readonly PickedAgency[];
}

export type PickerOption = PickedAgency | PickedGroup;

export const isGroup = (option: PickerOption): option is PickedGroup => 'groupId' in option;

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
  | { type: 'addMany'; agencies: readonly PickedAgency[] }
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
    case 'addMany': {
      const taken = new Set(state.chosen.map((agency) => agency.id));
      const added = action.agencies.filter((agency) => !taken.has(agency.id) && taken.add(agency.id));
      return { query: '', active: -1, chosen: [...state.chosen, ...added] };
    }
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

/** Groups whose name holds every word typed (folded: "so ban nganh" finds "Các sở, ban, ngành tỉnh"). */
export function matchingGroups<G extends { name: string }>(groups: readonly G[], query: string): G[] {
  const words = foldText(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return [];
  return groups.filter((group) => {
    const name = foldText(group.name);
    return words.every((word) => name.includes(word));
  });
}

/**
 * The options offered: the groups that match, then the search results, minus what is already
 * chosen (and this agency); a group whose members are all chosen already is not offered.
 */
export function pickerOptions(results: readonly PickedAgency[], chosen: readonly PickedAgency[], selfId: string | null, groups: readonly PickedGroup[] = []): PickerOption[] {
  const taken = new Set(chosen.map((agency) => agency.id));
  const free = (agency: PickedAgency) => !taken.has(agency.id) && agency.id !== selfId;
  const offeredGroups = groups.map((group) => ({ ...group, members: group.members.filter(free) })).filter((group) => group.members.length > 0);
  return [...offeredGroups, ...results.filter(free)];
}

/**
 * What a key pressed in the search box does, or null to let the browser have it. The caller
 * prevents the default action whenever an action is returned.
 */
export function pickerKeyAction(key: string, state: PickerState, options: readonly PickerOption[]): PickerAction | null {
  switch (key) {
    case 'ArrowDown':
      return options.length > 0 ? { type: 'move', delta: 1, count: options.length } : null;
    case 'ArrowUp':
      return options.length > 0 ? { type: 'move', delta: -1, count: options.length } : null;
    case 'Enter': {
      const highlighted = state.active >= 0 ? options[state.active] : options.length === 1 ? options[0] : undefined;
      return highlighted ? pickAction(highlighted) : null;
    }
    case 'Backspace':
      return state.query === '' && state.chosen.length > 0 ? { type: 'removeLast' } : null;
    case 'Escape':
      return state.query !== '' ? { type: 'clearQuery' } : null;
    default:
      return null;
  }
}

/** What choosing an option does: an agency is added, a group adds its members. */
export function pickAction(option: PickerOption): PickerAction {
  return isGroup(option) ? { type: 'addMany', agencies: option.members } : { type: 'add', agency: option };
}

import { describe, expect, it } from 'vitest';
import { INITIAL_PICKER, matchingGroups, pickerKeyAction, pickerOptions, pickerReducer, type PickedAgency, type PickedGroup, type PickerAction, type PickerOption, type PickerState } from './recipient-picker.js';

const A: PickedAgency = { id: '000.00.00.H41', name: 'UBND tỉnh Nghệ An' };
const B: PickedAgency = { id: '000.00.00.G22', name: 'Văn phòng Chính phủ' };
const C: PickedAgency = { id: '000.00.00.H40', name: 'UBND tỉnh Nghệ Tĩnh' };
const options = [A, B, C];

/** Presses a key the way the component does: the action, if any, goes through the reducer. */
function press(state: PickerState, key: string, shown: readonly PickerOption[] = options): PickerState {
  const action = pickerKeyAction(key, state, shown);
  return action ? pickerReducer(state, action) : state;
}

const typed = (query: string): PickerState => pickerReducer(INITIAL_PICKER, { type: 'query', query });

describe('recipient picker keyboard', () => {
  it('moves down and up through the options, wrapping around', () => {
    let state = typed('ubnd');
    state = press(state, 'ArrowDown');
    expect(state.active).toBe(0);
    state = press(state, 'ArrowDown');
    state = press(state, 'ArrowDown');
    expect(state.active).toBe(2);
    state = press(state, 'ArrowDown');
    expect(state.active).toBe(0);
    state = press(state, 'ArrowUp');
    expect(state.active).toBe(2);
    expect(press(typed('x'), 'ArrowUp').active).toBe(2);
  });

  it('adds the highlighted option with Enter and clears the search', () => {
    let state = press(press(typed('ubnd'), 'ArrowDown'), 'ArrowDown');
    state = press(state, 'Enter');
    expect(state.chosen).toEqual([B]);
    expect(state.query).toBe('');
    expect(state.active).toBe(-1);
  });

  it('adds the only option with Enter, but does not guess among several', () => {
    expect(press(typed('vpcp'), 'Enter', [B]).chosen).toEqual([B]);
    expect(pickerKeyAction('Enter', typed('ubnd'), options)).toBeNull();
    expect(pickerKeyAction('Enter', typed('zzz'), [])).toBeNull();
  });

  it('removes the last chip with Backspace in an empty box only', () => {
    let state: PickerState = { ...INITIAL_PICKER, chosen: [A, B] };
    state = press(state, 'Backspace');
    expect(state.chosen).toEqual([A]);
    expect(pickerKeyAction('Backspace', { ...state, query: 'u' }, options)).toBeNull();
    state = press(state, 'Backspace');
    expect(state.chosen).toEqual([]);
    expect(pickerKeyAction('Backspace', state, options)).toBeNull();
  });

  it('clears the search with Escape, and leaves other keys to the browser', () => {
    expect(press(typed('ubnd'), 'Escape').query).toBe('');
    expect(pickerKeyAction('Escape', INITIAL_PICKER, options)).toBeNull();
    expect(pickerKeyAction('a', typed('ubnd'), options)).toBeNull();
    expect(pickerKeyAction('ArrowDown', typed('zzz'), [])).toBeNull();
  });

  it('resets the highlight when the search changes, and clamps it to fewer options', () => {
    let state = press(typed('ubnd'), 'ArrowUp');
    expect(state.active).toBe(2);
    state = pickerReducer(state, { type: 'query', query: 'ubnd n' });
    expect(state.active).toBe(-1);
    // The results shrank under a stale highlight: moving starts over from the top.
    const stale: PickerState = { ...state, active: 5 };
    expect(press(stale, 'ArrowDown').active).toBe(0);
  });

  it('never adds the same agency twice, and removes a chosen one by id', () => {
    const actions: PickerAction[] = [
      { type: 'add', agency: A },
      { type: 'add', agency: B },
      { type: 'add', agency: A },
      { type: 'remove', id: A.id },
    ];
    expect(actions.reduce(pickerReducer, INITIAL_PICKER).chosen).toEqual([B]);
    expect(pickerReducer({ ...INITIAL_PICKER, chosen: [A] }, { type: 'reset' })).toEqual(INITIAL_PICKER);
  });
});

describe('recipient picker options', () => {
  it('hides agencies already chosen and this agency itself', () => {
    expect(pickerOptions(options, [B], A.id)).toEqual([C]);
    expect(pickerOptions(options, [], null)).toEqual(options);
  });
});

describe('recipient groups in the picker', () => {
  const departments: PickedGroup = { groupId: 1, name: 'Các sở, ban, ngành tỉnh', members: [B, C, A] };

  it('finds a group by any of its words, without marks', () => {
    expect(matchingGroups([departments, { groupId: 2, name: 'UBND cấp huyện', members: [] }], 'so ban nganh').map((group) => group.name)).toEqual(['Các sở, ban, ngành tỉnh']);
    expect(matchingGroups([departments], 'ubnd huyen')).toEqual([]);
    expect(matchingGroups([departments], '  ')).toEqual([]);
  });

  it('offers a group first, without the agencies already chosen or this agency, and not once all are chosen', () => {
    expect(pickerOptions([C], [B], A.id, [departments])).toEqual([{ ...departments, members: [C] }, C]);
    expect(pickerOptions([], [B, C], A.id, [departments])).toEqual([]);
  });

  it('adds every member of a group picked with Enter, once each, in the group’s order', () => {
    const start: PickerState = { ...typed('so ban'), chosen: [C] };
    const state = press(start, 'Enter', [departments]);
    expect(state.chosen).toEqual([C, B, A]);
    expect(state.query).toBe('');
  });
});

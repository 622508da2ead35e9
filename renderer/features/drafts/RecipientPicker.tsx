/**
 * Choose the recipients of a document from the synced directory: type to search (debounced),
 * ↑/↓ and Enter to add, Backspace in the empty box to remove the last one, or click. Every
 * agency found names its parents (twenty "UBND huyện Lắk" are told apart by province); the
 * recipient groups the agency keeps are offered too, and picking one adds its members. Chosen
 * agencies show as chips with a remove button each, and can be kept as a new group. An ARIA 1.2
 * combobox with a listbox popup that fits the window (above the box when there is no room under it).
 * At a desk in agency mode the directory is the agency server's (`directory="hub"`): searched
 * there while the server answers, without the groups (a desk keeps none), and said plainly when it
 * does not.
 */
import { useEffect, useId, useRef, useState, type Dispatch, type Ref } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { useApiQuery } from '../../api/client.js';
import { usePopupFit } from '../../components/popup-fit.js';
import { useI18n } from '../../i18n.js';
import { useDebouncedValue } from '../../useDebouncedValue.js';
import { SaveAsGroup } from './SaveAsGroup.js';
import { isGroup, matchingGroups, pickAction, pickerKeyAction, pickerOptions, type PickedAgency, type PickedGroup, type PickerAction, type PickerOption, type PickerState } from './recipient-picker.js';

const SEARCH_DELAY_MS = 200;
const RESULT_LIMIT = 20;
/** About eight two-line options: enough to choose from, never more than the window has room for. */
const POPUP_HEIGHT = 400;

interface RecipientPickerProps {
  state: PickerState;
  dispatch: Dispatch<PickerAction>;
  /** This agency: not offered as a recipient. */
  selfId: string | null;
  error: string | null;
  inputRef?: Ref<HTMLInputElement>;
  /** Whose copy of the directory is searched: this desk's (the default), or the agency server's. */
  directory?: 'desk' | 'hub';
}

/** The offline answers of the agency server's directory: not signed in, signed out, or no answer. */
const DIRECTORY_OUT_OF_REACH = new Set(['unavailable', 'not_configured', 'unauthorized']);

export function RecipientPicker({ state, dispatch, selfId, error, inputRef, directory = 'desk' }: RecipientPickerProps) {
  const { t } = useI18n();
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const listRef = useRef<HTMLUListElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [announcement, setAnnouncement] = useState('');

  const query = state.query.trim();
  const debounced = useDebouncedValue(query, SEARCH_DELAY_MS);
  const search = useApiQuery(
    directory === 'hub' ? 'hub.agencies' : 'agencies.search',
    { query: debounced, limit: RESULT_LIMIT, offset: 0 },
    { enabled: debounced !== '', placeholderData: keepPreviousData, retry: false },
  );
  const groupList = useApiQuery('recipientGroups.list', {}, { enabled: directory === 'desk' });
  const outOfReach = directory === 'hub' && search.error !== null && DIRECTORY_OUT_OF_REACH.has(search.error.code);
  const results: PickedAgency[] = debounced === '' || outOfReach ? [] : (search.data?.rows ?? []).map((agency) => ({ id: agency.id, name: agency.name, parents: agency.parents }));
  const groups: PickedGroup[] = matchingGroups(directory === 'desk' ? (groupList.data ?? []) : [], query).map((group) => ({
    groupId: group.id,
    name: group.name,
    // A member no longer in the directory cannot be sent to: it is left out.
    members: group.members.flatMap((member) => (member.name === null ? [] : [{ id: member.id, name: member.name }])),
  }));
  const open = query !== '';
  const options = open ? pickerOptions(results, state.chosen, selfId, groups) : [];
  const popupRef = usePopupFit<HTMLDivElement>(boxRef, open, POPUP_HEIGHT);
  const active = state.active >= 0 && state.active < options.length ? state.active : -1;
  const searching = open && (debounced !== query || search.isFetching);

  useEffect(() => {
    if (active < 0) return;
    listRef.current?.querySelector(`[id="${CSS.escape(optionId(active))}"]`)?.scrollIntoView({ block: 'nearest' });
  });

  function add(option: PickerOption) {
    dispatch(pickAction(option));
    setAnnouncement(isGroup(option) ? t('send.groupAdded', { name: option.name, count: option.members.length }) : t('send.added', { name: option.name }));
  }

  return (
    <div className={`picker field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId} className="field-label">
        {t('send.search.label')}
      </label>
      {state.chosen.length > 0 ? (
        <ul className="chips" aria-label={t('send.chosen.label')}>
          {state.chosen.map((agency) => (
            <li key={agency.id} className="chip" title={agency.parents?.length ? t('send.belongsTo', { parents: agency.parents.join(' · ') }) : undefined}>
              <span className="chip-name">{agency.name}</span>
              {agency.parents?.[0] ? <span className="chip-parent">{agency.parents[0]}</span> : null}
              <span className="chip-id mono">{agency.id}</span>
              <button type="button" className="chip-remove" aria-label={t('send.remove', { name: agency.name })} onClick={() => dispatch({ type: 'remove', id: agency.id })}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted chips-empty">{t('send.chosen.none')}</p>
      )}
      {directory === 'desk' && state.chosen.length >= 2 ? <SaveAsGroup agencies={state.chosen} /> : null}
      <div className="picker-box" ref={boxRef}>
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          placeholder={t('send.search.placeholder')}
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? optionId(active) : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? errorId : null, hintId].filter(Boolean).join(' ')}
          value={state.query}
          onChange={(event) => dispatch({ type: 'query', query: event.target.value })}
          onKeyDown={(event) => {
            const action = pickerKeyAction(event.key, { ...state, active }, options);
            if (!action) return;
            event.preventDefault();
            const picked = action.type === 'add' || action.type === 'addMany' ? (options[active] ?? options[0]) : undefined;
            if (picked) add(picked);
            else dispatch(action);
          }}
        />
        {open ? (
          <div className="picker-popup" ref={popupRef}>
            <ul ref={listRef} id={listId} role="listbox" aria-label={t('send.options.label')} className="picker-options">
              {options.map((option, index) => (
                <li
                  key={isGroup(option) ? `group-${option.groupId}` : option.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === active}
                  className={[index === active ? 'active' : '', isGroup(option) ? 'option-group' : ''].filter(Boolean).join(' ') || undefined}
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseMove={() => {
                    if (index !== active) dispatch({ type: 'highlight', index });
                  }}
                  onClick={() => add(option)}
                >
                  {isGroup(option) ? (
                    <span className="option-main">
                      <span className="option-name">{t('send.group.option', { name: option.name })}</span>
                      <span className="option-parents">{t('send.group.members', { count: option.members.length })}</span>
                    </span>
                  ) : (
                    <>
                      <span className="option-main">
                        <span className="option-name">{option.name}</span>
                        {option.parents?.length ? <span className="option-parents">{t('send.belongsTo', { parents: option.parents.join(' · ') })}</span> : null}
                      </span>
                      <span className="option-id mono">{option.id}</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
            {outOfReach ? (
              <p className="picker-message" role="alert" title={search.error.message}>
                {t('send.directoryOffline')}
              </p>
            ) : options.length === 0 ? (
              <p className="picker-message muted">{searching ? t('send.searching') : t('send.noMatch')}</p>
            ) : null}
          </div>
        ) : null}
      </div>
      <p id={hintId} className="field-hint">
        {t('send.search.hint')}
      </p>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

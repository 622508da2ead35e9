/**
 * "Sổ hạn chế": the agency's registers, which are restricted and who their named readers are
 * (người được xem sổ, docs/glossary.md). The administrator adds or removes a reader and restricts
 * a register or lifts its restriction; the hub decides, refuses what would leave a restricted
 * register's documents to nobody, and updates the desks of those whose sight changed.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { HubDeskUser } from '../../../shared/api/hub-link.js';
import type { RegisterAccess } from '../../../shared/hub/registers.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/client.js';
import { ConfirmDialog } from '../../components/Dialog.js';
import { QueryError } from '../../components/QueryError.js';
import { useI18n } from '../../i18n.js';

const LIST_KEY = apiQueryKey('hub.registers', {});

/** Puts the register the hub answered in place of its row. */
function useRegisterChange() {
  const queryClient = useQueryClient();
  return (changed: RegisterAccess) => queryClient.setQueryData<RegisterAccess[]>(LIST_KEY, (list) => list?.map((register) => (register.id === changed.id ? changed : register)));
}

export function RestrictedRegisters() {
  const { t } = useI18n();
  const registers = useApiQuery('hub.registers', {});
  const directory = useApiQuery('hub.directory', {});
  // An administrator alone sees no document: naming him would promise what the rule does not do.
  const people = (directory.data?.users ?? []).filter((user) => user.roles.some((role) => role !== 'admin'));
  return (
    <div className="restricted-registers">
      <p className="screen-intro">{t('restricted.intro')}</p>
      {registers.error ? <QueryError error={registers.error} onRetry={() => void registers.refetch()} /> : null}
      {registers.isPending ? <p className="muted">{t('common.loading')}</p> : null}
      {registers.data && registers.data.length === 0 ? <p className="empty-state">{t('restricted.empty')}</p> : null}
      {registers.data && registers.data.length > 0 ? (
        <ul className="card-list" aria-label={t('restricted.list')}>
          {registers.data.map((register) => (
            <RegisterCard key={register.id} register={register} people={people} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function RegisterCard({ register, people }: { register: RegisterAccess; people: HubDeskUser[] }) {
  const { t } = useI18n();
  const changed = useRegisterChange();
  const remove = useApiMutation('hub.removeRegisterReader', { onSuccess: changed });
  const headingId = `restricted-register-${register.id}`;
  const lastReader = register.restricted && register.readers.length === 1;
  return (
    <li className="card-item" aria-labelledby={headingId}>
      <div className="restricted-title">
        <h2 id={headingId}>{register.name}</h2>
        <span className={register.restricted ? 'badge badge-restricted' : 'badge badge-state'}>{t(register.restricted ? 'restricted.state.on' : 'restricted.state.off')}</span>
        <span className="muted">{t('restricted.documents', { count: register.documents })}</span>
        {register.isDefault ? <span className="muted">{t('restricted.default')}</span> : null}
      </div>
      <h3 className="restricted-readers-heading">{t('restricted.readers')}</h3>
      {!register.restricted && register.readers.length > 0 ? <p className="field-hint">{t('restricted.readers.inert')}</p> : null}
      {register.readers.length === 0 ? <p className="muted">{t('restricted.readers.none')}</p> : null}
      {register.readers.length > 0 ? (
        <ul className="restricted-readers" aria-label={t('restricted.readers')}>
          {register.readers.map((reader) => (
            <li key={reader.id}>
              <span>
                {reader.displayName} ({reader.username}){reader.disabled ? ` ${t('restricted.reader.disabled')}` : ''}
              </span>
              <button
                type="button"
                className="button button-small button-danger-outline"
                aria-label={t('restricted.reader.remove.named', { name: reader.displayName, register: register.name })}
                title={lastReader ? t('restricted.reader.last') : undefined}
                disabled={remove.isPending || lastReader}
                onClick={() => remove.mutate({ registerId: register.id, userId: reader.id })}
              >
                {t('restricted.reader.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {lastReader ? <p className="field-hint">{t('restricted.reader.last')}</p> : null}
      <AddReader register={register} people={people} />
      <Restriction register={register} />
    </li>
  );
}

function AddReader({ register, people }: { register: RegisterAccess; people: HubDeskUser[] }) {
  const { t } = useI18n();
  const changed = useRegisterChange();
  const [chosen, setChosen] = useState('');
  const add = useApiMutation('hub.addRegisterReader', {
    onSuccess: (answer) => {
      changed(answer);
      setChosen('');
    },
  });
  const named = new Set(register.readers.map((reader) => reader.id));
  const candidates = people.filter((person) => !named.has(person.id));
  const selectId = `restricted-pick-${register.id}`;
  if (candidates.length === 0) return <p className="muted">{t('restricted.reader.noneLeft')}</p>;
  return (
    <form
      className="restricted-add"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen !== '') add.mutate({ registerId: register.id, userId: Number(chosen) });
      }}
    >
      <label htmlFor={selectId}>{t('restricted.reader.pick', { register: register.name })}</label>
      <select id={selectId} value={chosen} onChange={(event) => setChosen(event.target.value)}>
        <option value="">{t('restricted.reader.pick.placeholder')}</option>
        {candidates.map((person) => (
          <option key={person.id} value={person.id}>
            {person.displayName} ({person.username})
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small" disabled={chosen === '' || add.isPending}>
        {t('restricted.reader.add')}
      </button>
    </form>
  );
}

/** Restricting or lifting the restriction, each confirmed with what it does to whom. */
function Restriction({ register }: { register: RegisterAccess }) {
  const { t, lang } = useI18n();
  const changed = useRegisterChange();
  const [asking, setAsking] = useState(false);
  const change = useApiMutation('hub.restrictRegister', {
    meta: { inlineErrors: true },
    onSuccess: (answer) => {
      changed(answer);
      setAsking(false);
    },
  });
  const restrict = !register.restricted;
  const blocked = restrict ? (register.isDefault ? t('restricted.restrict.default') : register.readers.length === 0 ? t('restricted.restrict.needsReader') : null) : null;
  return (
    <div className="restricted-toggle">
      <button type="button" className={restrict ? 'button' : 'button button-danger-outline'} disabled={blocked !== null} onClick={() => setAsking(true)}>
        {t(restrict ? 'restricted.restrict' : 'restricted.lift')}
      </button>
      {blocked ? <span className="field-hint">{blocked}</span> : null}
      {asking ? (
        <ConfirmDialog
          title={t(restrict ? 'restricted.restrict.title' : 'restricted.lift.title', { register: register.name })}
          description={
            restrict ? t('restricted.restrict.description', { readers: register.readers.length, count: register.documents }) : t('restricted.lift.description', { count: register.documents })
          }
          confirmLabel={t(restrict ? 'restricted.restrict' : 'restricted.lift')}
          danger={!restrict}
          pending={change.isPending}
          error={change.error ? errorText(change.error.code, lang) : null}
          errorDetail={change.error?.message}
          onClose={() => setAsking(false)}
          onConfirm={() => change.mutate({ registerId: register.id, restricted: restrict })}
        />
      ) : null}
    </div>
  );
}

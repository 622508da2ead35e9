/**
 * Sổ đăng ký: a register's book of one year laid out like the paper book (NĐ 30/2020 columns),
 * printable (the print stylesheet: A4 landscape, header row on each page, page numbers) and
 * exported by the core as PDF or XLSX.
 */
import { useState } from 'react';
import { registerColumns, type RegisterInfo } from '../../../shared/api/registers.js';
import { formatNumber } from '../../../shared/i18n/messages.js';
import { useQueryClient } from '@tanstack/react-query';
import { useApiMutation, useApiQuery } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';
import { Field } from '../../components/Field.js';
import { QueryError } from '../../components/QueryError.js';
import { vietnamToday } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { ExportButton } from '../../components/ExportButton.js';
import { ExportPolicyNote } from '../policy/PolicyNotes.js';
import { NewRegisterForm } from './NewRegisterForm.js';

const ROWS_PER_PAGE = 500;

/** The years to offer: those with entries, and this year (an empty book is still a book). */
const thisYear = () => Number(vietnamToday().slice(0, 4));

function yearsOf(register: RegisterInfo | undefined): number[] {
  const current = thisYear();
  return [...new Set([current, ...(register?.years ?? [])])].sort((a, b) => b - a);
}

export function RegistersScreen() {
  const { t } = useI18n();
  const registers = useApiQuery('registers.list', {});
  const queryClient = useQueryClient();
  const setActive = useApiMutation('registers.setActive', { onSuccess: () => void queryClient.invalidateQueries({ queryKey: methodKey('registers.list') }) });
  const [registerId, setRegisterId] = useState<number | null>(null);
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const list = registers.data ?? [];
  const register = list.find((r) => r.id === registerId) ?? list[0];
  const year = chosenYear ?? register?.years[0] ?? thisYear();

  return (
    <section className="screen registers-screen" aria-labelledby="registers-title">
      <div className="screen-header no-print">
        <h1 id="registers-title">{t('registers.title')}</h1>
      </div>
      {registers.error ? <QueryError error={registers.error} onRetry={() => void registers.refetch()} /> : null}
      {register ? (
        <>
          <div className="register-toolbar no-print">
            <Field label={t('registers.register')}>
<select
                value={register.id}
                onChange={(event) => {
                  setRegisterId(Number(event.target.value));
                  setChosenYear(null);
                }}
              >
                {list.map((r) => (
                  <option key={r.id} value={r.id}>
                    {`${r.active ? r.name : t('registers.closed', { name: r.name })} (${t(`registers.direction.${r.direction}`)})`}
                  </option>
                ))}
              </select>
</Field>
            <Field label={t('registers.year')}>
<select value={year} onChange={(event) => setChosenYear(Number(event.target.value))}>
                {yearsOf(register).map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
</Field>
            <button type="button" className="button" onClick={() => window.print()}>
              {t('registers.print')}
            </button>
            <ExportButton method="registers.export" input={{ register: register.id, year, format: 'pdf' }} label={t('registers.exportPdf')} />
            <ExportButton method="registers.export" input={{ register: register.id, year, format: 'xlsx' }} label={t('registers.exportXlsx')} />
            {register.isDefault ? null : (
              <button type="button" className="button" disabled={setActive.isPending} onClick={() => setActive.mutate({ register: register.id, active: !register.active })}>
                {t(register.active ? 'registers.close' : 'registers.reopen')}
              </button>
            )}
          </div>
          <ExportPolicyNote />
          <RegisterBook key={`${register.id}-${year}`} register={register} year={year} />
        </>
      ) : null}
      <NewRegisterForm
        onCreated={(id) => {
          setRegisterId(id);
          setChosenYear(null);
        }}
      />
    </section>
  );
}

function RegisterBook({ register, year }: { register: RegisterInfo; year: number }) {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(0);
  const entries = useApiQuery('registers.entries', { register: register.id, year, limit: ROWS_PER_PAGE, offset: page * ROWS_PER_PAGE });
  const columns = registerColumns(register.direction);
  const pages = entries.data ? Math.max(1, Math.ceil(entries.data.total / ROWS_PER_PAGE)) : 1;
  const heading = t('registers.heading', { name: register.name, year: String(year) });

  return (
    <div className="register-book">
      <h2 className="register-title">{heading}</h2>
      {register.scope ? <p className="muted">{register.scope}</p> : null}
      {entries.error ? <QueryError error={entries.error} onRetry={() => void entries.refetch()} /> : null}
      {entries.data && entries.data.total === 0 ? <p className="empty-state">{t('registers.empty')}</p> : null}
      {entries.data && entries.data.total > 0 ? (
        <div className="table-wrap">
          <table className="data-table register-table" aria-label={heading}>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col" className={`register-col-${column}`}>
                    {t(`registers.col.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.data.rows.map((entry) => (
                <tr key={entry.documentId}>
                  {columns.map((column) => (
                    <td key={column}>{entry.cells[column]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav className="register-pager no-print" aria-label={t('registers.title')}>
          {Array.from({ length: pages }, (_, i) => (
            <button key={i} type="button" className="button button-small" aria-current={i === page ? 'page' : undefined} onClick={() => setPage(i)}>
              {t('registers.page', { page: formatNumber(i + 1, lang) })}
            </button>
          ))}
        </nav>
      ) : null}
    </div>
  );
}

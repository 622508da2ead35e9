/**
 * "Nhật ký": the hub's audit log for the admin, newest first, a page at a time ("Xem thêm" asks
 * the hub for the rows below the last one shown), filtered by period, person, kind, document or
 * "only restricted documents opened"; each row in plain words, its hashes and stored details
 * behind "Chi tiết". Above it, whether the chain is whole; the filtered rows export as PDF, XLSX or CSV.
 */
import { useState, type FormEvent } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ApiInput } from '../../../shared/api/contract.js';
import { AUDIT_KIND_NAMES, type AuditKind, type AuditRow } from '../../../shared/hub/audit-log.js';
import { auditRowWords } from '../../../shared/hub/audit-words.js';
import { formatNumber } from '../../../shared/i18n/messages.js';
import { vietnamDayAndMinute } from '../../../shared/text/vietnam-time.js';
import { callApi, useApi, useApiQuery } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';
import { DateInput } from '../../components/DateInput.js';
import { ExportButton } from '../../components/ExportButton.js';
import { Field } from '../../components/Field.js';
import { QueryError } from '../../components/QueryError.js';
import { TechnicalDetails } from '../../components/TechnicalDetails.js';
import { useI18n } from '../../i18n.js';
import { ExportPolicyNote } from '../policy/PolicyNotes.js';

type AuditFilter = ApiInput<'hub.audit'>['filter'];
const PAGE_SIZE = 100;
const NO_FILTER: AuditFilter = { restrictedOnly: false };

function useAuditPages(filter: AuditFilter) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: [...methodKey('hub.audit'), filter] as const,
    queryFn: ({ pageParam }) => callApi(api, 'hub.audit', { filter, limit: PAGE_SIZE, ...(pageParam === null ? {} : { before: pageParam }) }),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.nextBefore,
  });
}

export function AuditLog() {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const pages = useAuditPages(filter);
  const rows = pages.data?.pages.flatMap((page) => page.rows) ?? [];
  return (
    <div className="audit-log">
      <p className="screen-intro">{t('audit.intro')}</p>
      <ChainStatus />
      <AuditFilterForm key={JSON.stringify(filter)} applied={filter} onApply={setFilter} />
      <div className="register-toolbar">
        <ExportButton method="hub.auditExport" input={{ filter, format: 'pdf' }} label={t('registers.exportPdf')} />
        <ExportButton method="hub.auditExport" input={{ filter, format: 'xlsx' }} label={t('registers.exportXlsx')} />
        <ExportButton method="hub.auditExport" input={{ filter, format: 'csv' }} label={t('audit.exportCsv')} />
      </div>
      <ExportPolicyNote />
      {pages.error && !pages.data ? <QueryError error={pages.error} onRetry={() => void pages.refetch()} /> : null}
      {pages.isPending ? <p className="muted">{t('common.loading')}</p> : null}
      {pages.data && rows.length === 0 ? <p className="empty-state">{t('audit.empty')}</p> : null}
      {rows.length > 0 ? (
        <>
          <div className="table-wrap">
            <table className="data-table audit-table" aria-label={t('audit.table.label')}>
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.at')}</th>
                  <th scope="col">{t('audit.col.actor')}</th>
                  <th scope="col">{t('audit.col.desk')}</th>
                  <th scope="col">{t('audit.col.action')}</th>
                  <th scope="col">{t('audit.col.document')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.details')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <AuditLine key={row.seq} row={row} />
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted" role="status">
            {t('audit.shown', { count: formatNumber(rows.length, lang) })}
          </p>
          {pages.hasNextPage ? (
            <button type="button" className="button" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
              {pages.isFetchingNextPage ? t('common.loading') : t('audit.more')}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function AuditLine({ row }: { row: AuditRow }) {
  const { t, lang } = useI18n();
  const words = auditRowWords(row, lang);
  return (
    <tr className={row.action === 'access_denied' ? 'row-failed' : undefined}>
      <td className="audit-at">{vietnamDayAndMinute(new Date(row.at))}</td>
      <td>{words.actor}</td>
      <td>{words.desk || t('common.none')}</td>
      <td>{words.action}</td>
      <td>{words.document || t('common.none')}</td>
      <td>
        <TechnicalDetails>
          <dl className="audit-technical">
            <dt>{t('audit.technical.seq')}</dt>
            <dd>{row.seq}</dd>
            <dt>{t('audit.technical.action')}</dt>
            <dd>{row.action}</dd>
            <dt>{t('audit.technical.subject')}</dt>
            <dd>{row.subject ?? ''}</dd>
            <dt>{t('audit.technical.details')}</dt>
            <dd>
              <code>{JSON.stringify(row.details)}</code>
            </dd>
            <dt>{t('audit.technical.hash')}</dt>
            <dd>
              <code>{row.hash}</code>
            </dd>
            <dt>{t('audit.technical.prevHash')}</dt>
            <dd>
              <code>{row.prevHash}</code>
            </dd>
          </dl>
        </TechnicalDetails>
      </td>
    </tr>
  );
}

/** Whether the chain is whole: the hub hashes its log again when the tab opens, and on "Kiểm tra chuỗi nhật ký". */
function ChainStatus() {
  const { t, lang } = useI18n();
  const chain = useApiQuery('hub.auditChain', {}, { staleTime: Infinity });
  const verdict = chain.data;
  return (
    <div className="audit-chain" role="status">
      {chain.isFetching ? <p className="muted">{t('audit.chain.checking')}</p> : null}
      {!chain.isFetching && verdict?.ok ? <p className="success-text">{t('audit.chain.ok', { rows: formatNumber(verdict.rows, lang) })}</p> : null}
      {!chain.isFetching && verdict && !verdict.ok ? <p className="form-error">{t('audit.chain.broken', { seq: verdict.brokenAtSeq })}</p> : null}
      {chain.error ? <QueryError error={chain.error} onRetry={() => void chain.refetch()} /> : null}
      <button type="button" className="button" disabled={chain.isFetching} onClick={() => void chain.refetch()}>
        {t('audit.chain.check')}
      </button>
    </div>
  );
}

/** The filters, applied together by "Lọc"; "Bỏ lọc" shows the whole log again. */
function AuditFilterForm({ applied, onApply }: { applied: AuditFilter; onApply(filter: AuditFilter): void }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(applied.from ?? '');
  const [to, setTo] = useState(applied.to ?? '');
  const [actor, setActor] = useState(applied.actor ?? '');
  const [kind, setKind] = useState<AuditKind | ''>(applied.kind ?? '');
  const [document, setDocument] = useState(applied.document ? String(applied.document) : '');
  const [restrictedOnly, setRestrictedOnly] = useState(applied.restrictedOnly ?? false);
  const documentId = /^\d{1,9}$/.test(document.trim()) ? Number(document.trim()) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(actor.trim() ? { actor: actor.trim() } : {}),
      ...(kind ? { kind } : {}),
      ...(documentId ? { document: documentId } : {}),
      restrictedOnly,
    });
  };
  return (
    <form className="audit-filters register-toolbar" aria-label={t('audit.filters')} onSubmit={submit}>
      <Field label={t('audit.filter.from')}>
        <DateInput value={from} max={to || undefined} onChange={setFrom} />
      </Field>
      <Field label={t('audit.filter.to')}>
        <DateInput value={to} min={from || undefined} onChange={setTo} />
      </Field>
      <Field label={t('audit.filter.actor')}>
        <input type="text" value={actor} maxLength={64} onChange={(event) => setActor(event.target.value)} />
      </Field>
      <Field label={t('audit.filter.kind')}>
        <select value={kind} onChange={(event) => setKind(event.target.value as AuditKind | '')}>
          <option value="">{t('audit.filter.kind.all')}</option>
          {AUDIT_KIND_NAMES.map((name) => (
            <option key={name} value={name}>
              {t(`audit.kind.${name}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('audit.filter.document')}>
        <input type="text" inputMode="numeric" value={document} maxLength={9} onChange={(event) => setDocument(event.target.value)} />
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={restrictedOnly} onChange={(event) => setRestrictedOnly(event.target.checked)} />
        {t('audit.filter.restrictedOnly')}
      </label>
      <button type="submit" className="button button-primary">
        {t('audit.filter.apply')}
      </button>
      <button type="button" className="button" onClick={() => onApply(NO_FILTER)}>
        {t('audit.filter.clear')}
      </button>
    </form>
  );
}

/**
 * Tiếp nhận văn bản giấy: scans waiting to be registered (chosen here or found in the scanner
 * folder), the text recognition's progress, the header form filled from what OCR read, and after
 * registration the arrival number with the ĐẾN stamp to print.
 */
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import { ARRIVAL_ORIGINS, type ArrivalOrigin, type IntakeItem } from '../../../shared/api/intake.js';
import { useApiMutation, useApiQuery } from '../../api/client.js';
import { DateInput } from '../../components/DateInput.js';
import { Field } from '../../components/Field.js';
import { QueryError } from '../../components/QueryError.js';
import { saveLink } from '../../components/open-blob.js';
import { useI18n } from '../../i18n.js';
import { documentHref } from '../../router.js';
import { DOCUMENT_TYPE_NAMES } from '../drafts/document-types.js';

export function IntakeScreen() {
  const { t } = useI18n();
  const items = useApiQuery('intake.list', {});
  const [chosen, setChosen] = useState<number | null>(null);
  const [registered, setRegistered] = useState<DocumentDetail | null>(null);
  const current = items.data?.find((item) => item.id === chosen) ?? null;
  return (
    <section className="screen intake-screen" aria-labelledby="intake-title">
      <div className="screen-header">
        <h1 id="intake-title">{t('intake.title')}</h1>
      </div>
      <p className="muted">{t('intake.intro')}</p>
      <AddScan />
      {registered ? <Registered document={registered} /> : null}
      <h2>{t('intake.waiting')}</h2>
      {items.error ? <QueryError error={items.error} onRetry={() => void items.refetch()} /> : null}
      {items.data?.length === 0 ? <p className="empty-state">{t('intake.none')}</p> : null}
      <ul className="intake-list">
        {items.data?.map((item) => (
          <IntakeRow key={item.id} item={item} selected={item.id === chosen} onOpen={() => setChosen(item.id)} />
        ))}
      </ul>
      {current ? (
        <RegisterForm
          key={`${current.id}-${current.guess ? 'guessed' : 'blank'}`}
          item={current}
          onRegistered={(document) => {
            setRegistered(document);
            setChosen(null);
          }}
        />
      ) : null}
      <ScannerFolder />
    </section>
  );
}

function AddScan() {
  const { t } = useI18n();
  const add = useApiMutation('intake.add');
  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return;
    const bytes = await Promise.all(files.map(async (file) => new Uint8Array(await file.arrayBuffer())));
    add.mutate({ fileName: files[0]!.name, files: bytes });
  }
  return (
    <div className="intake-add">
      <label htmlFor="intake-file" className="field-label">
        {t('intake.add')}
      </label>
      <input id="intake-file" type="file" multiple accept="application/pdf,.pdf,image/jpeg,image/png" aria-describedby="intake-file-hint" disabled={add.isPending} onChange={(event) => void onChange(event)} />
      <p id="intake-file-hint" className="field-hint">
        {add.isPending ? t('intake.adding') : t('intake.addHint')}
      </p>
    </div>
  );
}

function ReadingState({ item }: { item: IntakeItem }) {
  const { t } = useI18n();
  const reading = item.reading;
  if (!reading || reading.state === 'queued') return <span>{t('intake.reading.queued')}</span>;
  if (reading.state === 'reading') return <span>{t('intake.reading.reading', { done: reading.pagesDone, total: reading.pagesTotal ?? '?' })}</span>;
  return <span>{t(reading.state === 'done' ? 'intake.reading.done' : 'intake.reading.failed')}</span>;
}

function IntakeRow({ item, selected, onOpen }: { item: IntakeItem; selected: boolean; onOpen: () => void }) {
  const { t } = useI18n();
  const discard = useApiMutation('intake.discard');
  return (
    <li className={`intake-item${selected ? ' intake-item-selected' : ''}`} data-intake-id={item.id}>
      <span className="intake-name">{item.fileName}</span>
      <span className="muted">{t(item.source === 'scanner' ? 'intake.source.scanner' : 'intake.source.upload')}</span>
      <span className="intake-reading" role="status">
        <ReadingState item={item} />
      </span>
      <button type="button" className="button button-primary" onClick={onOpen}>
        {t('intake.open')}
      </button>
      <button type="button" className="button" disabled={discard.isPending} onClick={() => discard.mutate({ id: item.id })}>
        {t('intake.discard')}
      </button>
    </li>
  );
}

function RegisterForm({ item, onRegistered }: { item: IntakeItem; onRegistered: (document: DocumentDetail) => void }) {
  const { t } = useI18n();
  const guess = item.guess;
  const [origin, setOrigin] = useState<ArrivalOrigin>('paper');
  const [fields, setFields] = useState({
    codeNumber: guess?.codeNumber ?? '',
    codeNotation: guess?.codeNotation ?? '',
    promulgationDate: guess?.promulgationDate ?? '',
    senderName: guess?.senderName ?? '',
    typeName: guess?.typeName ?? '',
    subject: guess?.subject ?? '',
    paperOriginalAt: '',
  });
  const [duplicate, setDuplicate] = useState(false);
  const register = useApiMutation('intake.register', {
    onSuccess: onRegistered,
    onError: (error) => {
      if (error.code === 'conflict' && error.fields?.codeNumber) setDuplicate(true);
    },
  });
  const set = (key: keyof typeof fields) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setFields({ ...fields, [key]: event.target.value });
  function submit(event: FormEvent, confirmDuplicate: boolean) {
    event.preventDefault();
    const { paperOriginalAt, promulgationDate, ...header } = fields;
    register.mutate({
      id: item.id,
      origin,
      header: { ...header, promulgationDate: promulgationDate || null, summary: '', priority: 0, dueDate: null },
      paperOriginalAt,
      ...(confirmDuplicate && { confirmDuplicate }),
    });
  }
  const fieldError = (name: string) => register.error?.fields?.[name] ?? register.error?.fields?.[`header.${name}`] ?? null;
  return (
    <form className="intake-form" aria-labelledby="intake-form-title" onSubmit={(event) => submit(event, false)}>
      <h2 id="intake-form-title">{t('intake.form.title', { name: item.fileName })}</h2>
      {guess ? <p className="field-hint">{t('intake.form.guessed')}</p> : null}
      <Field label={t('intake.form.origin')}>
        <select value={origin} onChange={(event) => setOrigin(ARRIVAL_ORIGINS.find((o) => o === event.target.value) ?? 'paper')}>
          {ARRIVAL_ORIGINS.map((o) => (
            <option key={o} value={o}>
              {t(`intake.origin.${o}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-row">
        <Field label={t('intake.form.codeNumber')} error={fieldError('codeNumber')}>
          <input value={fields.codeNumber} onChange={set('codeNumber')} maxLength={50} />
        </Field>
        <Field label={t('intake.form.codeNotation')}>
          <input value={fields.codeNotation} onChange={set('codeNotation')} maxLength={50} />
        </Field>
        <Field label={t('intake.form.date')}>
          <DateInput value={fields.promulgationDate} onChange={(iso) => setFields({ ...fields, promulgationDate: iso })} />
        </Field>
      </div>
      <Field label={t('intake.form.sender')} required error={fieldError('senderName')}>
        <input value={fields.senderName} onChange={set('senderName')} maxLength={200} />
      </Field>
      <Field label={t('intake.form.type')}>
        <select value={fields.typeName} onChange={set('typeName')}>
          <option value="" />
          {DOCUMENT_TYPE_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('intake.form.subject')} required error={fieldError('subject')}>
        <input value={fields.subject} onChange={set('subject')} maxLength={500} />
      </Field>
      <Field label={t('intake.form.paperOriginalAt')} hint={t('intake.form.paperOriginalHint')} required={origin !== 'email'} error={fieldError('paperOriginalAt')}>
        <input value={fields.paperOriginalAt} onChange={set('paperOriginalAt')} maxLength={200} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={register.isPending}>
          {t('intake.form.submit')}
        </button>
        {duplicate ? (
          <button type="button" className="button" disabled={register.isPending} onClick={(event) => submit(event, true)}>
            {t('intake.form.duplicate')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function Registered({ document }: { document: DocumentDetail }) {
  const { t } = useI18n();
  const stamp = useApiMutation('intake.stamp', { onSuccess: (file) => saveLink(file) });
  const number = String(document.arrivalNumber ?? '').padStart(2, '0');
  return (
    <div className="intake-registered" role="status">
      <p>{t('intake.registered', { number })}</p>
      <button type="button" className="button" disabled={stamp.isPending} onClick={() => stamp.mutate({ documentId: document.id })}>
        {t('intake.stamp')}
      </button>
      <a className="button" href={documentHref(document.direction, document.id)}>
        {t('intake.openDocument')}
      </a>
    </div>
  );
}

function ScannerFolder() {
  const { t } = useI18n();
  const current = useApiQuery('intake.getScannerFolder', {});
  const [folder, setFolder] = useState<string | null>(null);
  const save = useApiMutation('intake.setScannerFolder');
  const value = folder ?? current.data?.folder ?? '';
  return (
    <form
      className="intake-scanner"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ folder: value.trim() === '' ? null : value.trim() });
      }}
    >
      <Field label={t('intake.scannerFolder')} hint={t('intake.scannerFolderHint')} error={save.error?.fields?.folder ?? null}>
        <input value={value} onChange={(event) => setFolder(event.target.value)} maxLength={1000} />
      </Field>
      <button type="submit" className="button" disabled={save.isPending}>
        {t('intake.scannerFolderSave')}
      </button>
      {save.isSuccess ? <span role="status">{t('intake.scannerFolderSaved')}</span> : null}
    </form>
  );
}

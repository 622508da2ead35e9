/**
 * The axis address, agency code and secret key, as the first-run screen and Settings › Kết nối
 * trục liên thông ask for them. The AxisUrl and AgencyCode policies prefill and lock their
 * fields. When the axis refuses, the form says which field is wrong in the clerk's words ("sai khóa
 * bí mật…"), with the axis's own answer behind "Chi tiết"; a length error is only ever about length.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { AXIS_PROBLEMS, type AxisProblemCode } from '../../../shared/api/sync-status.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';
import { usePolicyValues } from '../policy/use-admin-policy.js';

type ConnectField = 'axisUrl' | 'agencyCode' | 'secret';
const CONNECT_FIELDS: readonly ConnectField[] = ['axisUrl', 'agencyCode', 'secret'];

export interface AxisCredentialsInput {
  axisUrl: string;
  agencyCode: string;
  secret: string;
}

interface AxisConnectFormProps {
  labelledBy: string;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: ApiError | null;
  /** Values to start from (Settings: the current connection). */
  initial?: { axisUrl: string; agencyCode: string };
  /** The agency code cannot change (a data folder is one agency's). */
  agencyCodeFixed?: boolean;
  /** Return false to stop the submit (e.g. a choice still missing). */
  onSubmit(credentials: AxisCredentialsInput): boolean | void;
  /** More controls before the button (the demo data choice). */
  children?: ReactNode;
}

function axisProblemOf(error: ApiError | null): AxisProblemCode | null {
  const problem = error?.fields?.axisProblem;
  return AXIS_PROBLEMS.find((code) => code === problem) ?? null;
}

export function AxisConnectForm({ labelledBy, submitLabel, pendingLabel, pending, error, initial, agencyCodeFixed = false, onSubmit, children }: AxisConnectFormProps) {
  const { t, lang } = useI18n();
  const policy = usePolicyValues();
  const [typedAxisUrl, setAxisUrl] = useState(initial?.axisUrl ?? '');
  const [typedAgencyCode, setAgencyCode] = useState(initial?.agencyCode ?? '');
  const [secret, setSecret] = useState('');
  const axisUrl = policy.axisUrl?.value ?? typedAxisUrl;
  const agencyCode = policy.agencyCode?.value ?? typedAgencyCode;
  const axisUrlInput = useRef<HTMLInputElement>(null);
  const agencyCodeInput = useRef<HTMLInputElement>(null);
  const secretInput = useRef<HTMLInputElement>(null);
  const problem = axisProblemOf(error);

  const fieldError = (name: ConnectField): string | null => {
    if (error?.fields?.[name] === undefined) return null;
    if (error.code === 'forbidden') return t('policy.connect.refused');
    // The axis answered: its answer, not a rule of the form.
    if (problem) return t(`axisProblem.${problem}`);
    return t(`setup.field.${name}`);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    onSubmit({ axisUrl: axisUrl.trim(), agencyCode: agencyCode.trim(), secret });
  }

  // Focus goes to the field in error once the answer is in.
  const firstInError = CONNECT_FIELDS.find((name) => error?.fields?.[name] !== undefined);
  useEffect(() => {
    const input = { axisUrl: axisUrlInput, agencyCode: agencyCodeInput, secret: secretInput }[firstInError ?? 'axisUrl'];
    if (firstInError) input.current?.focus();
  }, [error, firstInError]);

  const unmapped = error && (!error.fields || Object.keys(error.fields).every((name) => !CONNECT_FIELDS.includes(name as ConnectField)));
  const said = error?.fields && problem ? (error.fields.secret ?? error.fields.agencyCode ?? error.fields.axisUrl) : undefined;
  return (
    <form onSubmit={submit} noValidate aria-labelledby={labelledBy}>
      <Field label={t('setup.axisUrl.label')} hint={policy.axisUrl ? t('policy.locked') : t('setup.axisUrl.hint')} error={fieldError('axisUrl')} required>
        <input
          ref={axisUrlInput}
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder={t('setup.axisUrl.placeholder')}
          maxLength={500}
          readOnly={policy.axisUrl !== undefined}
          value={axisUrl}
          onChange={(event) => setAxisUrl(event.target.value)}
        />
      </Field>
      <Field
        label={t('setup.agencyCode.label')}
        hint={policy.agencyCode ? t('policy.locked') : agencyCodeFixed ? t('connection.agencyCode.fixed') : t('setup.agencyCode.hint')}
        error={fieldError('agencyCode')}
        required
      >
        <input
          ref={agencyCodeInput}
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('setup.agencyCode.placeholder')}
          maxLength={64}
          readOnly={policy.agencyCode !== undefined || agencyCodeFixed}
          value={agencyCode}
          onChange={(event) => setAgencyCode(event.target.value)}
        />
      </Field>
      <Field label={t('setup.secret.label')} hint={t('setup.secret.hint')} error={fieldError('secret')} required>
        <input ref={secretInput} type="password" autoComplete="off" maxLength={512} value={secret} onChange={(event) => setSecret(event.target.value)} />
      </Field>
      {said ? (
        <details className="technical-detail">
          <summary>{t('common.details')}</summary>
          <p className="mono">{t('setup.axisSaid', { said, code: error?.fields?.axisError ?? '' })}</p>
        </details>
      ) : null}
      {children}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {submitLabel}
        </button>
        {pending ? (
          <span className="pending-text" role="status">
            {pendingLabel}
          </span>
        ) : null}
      </div>
      {error && unmapped ? (
        <p className="form-error" role="alert" title={error.message}>
          {error.code === 'unauthorized' ? t('setup.error.unauthorized') : error.code === 'unavailable' ? t('setup.error.unavailable') : error.code === 'forbidden' ? t('policy.connect.refused') : errorText(error.code, lang)}
        </p>
      ) : null}
    </form>
  );
}

/**
 * First run: try the demo (an embedded reference axis with three sample agencies) or connect to
 * the real axis with the credentials the operator issued. The AxisUrl and AgencyCode policies
 * prefill and lock their fields and turn the demo off (the core refuses otherwise anyway).
 */
import { useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AppState } from '../../../shared/api/state.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { apiQueryKey, useApiMutation } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';
import { usePolicyValues } from '../policy/use-admin-policy.js';

type ConnectField = 'axisUrl' | 'agencyCode' | 'secret';
const CONNECT_FIELDS: readonly ConnectField[] = ['axisUrl', 'agencyCode', 'secret'];
const fieldTextKey = (name: ConnectField) => `setup.field.${name}` as const;

function isConnectField(name: string): name is ConnectField {
  return (CONNECT_FIELDS as readonly string[]).includes(name);
}

export function SetupScreen() {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const onReady = (state: AppState) => queryClient.setQueryData(apiQueryKey('app.getState', {}), state);

  const policy = usePolicyValues();
  const [typedAxisUrl, setAxisUrl] = useState('');
  const [typedAgencyCode, setAgencyCode] = useState('');
  const axisUrl = policy.axisUrl?.value ?? typedAxisUrl;
  const agencyCode = policy.agencyCode?.value ?? typedAgencyCode;
  const demoOff = policy.axisUrl !== undefined || policy.agencyCode !== undefined;
  const [secret, setSecret] = useState('');
  const axisUrlInput = useRef<HTMLInputElement>(null);
  const agencyCodeInput = useRef<HTMLInputElement>(null);
  const secretInput = useRef<HTMLInputElement>(null);

  const demo = useApiMutation('setup.useDemo', { meta: { inlineErrors: true }, onSuccess: onReady });
  const connect = useApiMutation('setup.connectAxis', {
    meta: { inlineErrors: true },
    onSuccess: onReady,
    onError: (error) => {
      const first = CONNECT_FIELDS.find((name) => error.fields?.[name] !== undefined);
      const input = { axisUrl: axisUrlInput, agencyCode: agencyCodeInput, secret: secretInput }[first ?? 'axisUrl'];
      if (first) input.current?.focus();
    },
  });
  const pending = demo.isPending || connect.isPending;

  const fieldError = (name: ConnectField): string | null =>
    connect.error?.fields?.[name] === undefined ? null : connect.error.code === 'forbidden' ? t('policy.connect.refused') : t(fieldTextKey(name));

  function connectErrorText(error: ApiError): string {
    if (error.code === 'unauthorized') return t('setup.error.unauthorized');
    if (error.code === 'unavailable') return t('setup.error.unavailable');
    if (error.code === 'forbidden') return t('policy.connect.refused');
    return errorText(error.code, lang);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    connect.mutate({ axisUrl: axisUrl.trim(), agencyCode: agencyCode.trim(), secret });
  }

  const unmappedFieldError = connect.error?.fields ? Object.keys(connect.error.fields).some((name) => !isConnectField(name)) : false;

  return (
    <main className="setup" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p className="setup-intro">{t('setup.intro')}</p>
      <div className="setup-choices">
        <section className="card setup-choice" aria-labelledby="setup-demo-heading">
          <h2 id="setup-demo-heading">{t('setup.demo.heading')}</h2>
          <p>{t('setup.demo.description')}</p>
          <button type="button" className="button button-primary" disabled={pending || demoOff} onClick={() => demo.mutate({})}>
            {t('setup.demo.button')}
          </button>
          {demoOff ? <p className="policy-lock">{t('policy.demo.disabled')}</p> : null}
          {demo.isPending ? (
            <p className="pending-text" role="status">
              {t('setup.demo.pending')}
            </p>
          ) : null}
          {demo.error ? (
            <p className="form-error" role="alert" title={demo.error.message}>
              {errorText(demo.error.code, lang)}
            </p>
          ) : null}
        </section>

        <section className="card setup-choice" aria-labelledby="setup-connect-heading">
          <h2 id="setup-connect-heading">{t('setup.connect.heading')}</h2>
          <p>{t('setup.connect.description')}</p>
          <form onSubmit={submit} noValidate aria-labelledby="setup-connect-heading">
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
            <Field label={t('setup.agencyCode.label')} hint={policy.agencyCode ? t('policy.locked') : t('setup.agencyCode.hint')} error={fieldError('agencyCode')} required>
              <input
                ref={agencyCodeInput}
                type="text"
                autoComplete="off"
                spellCheck={false}
                placeholder={t('setup.agencyCode.placeholder')}
                maxLength={64}
                readOnly={policy.agencyCode !== undefined}
                value={agencyCode}
                onChange={(event) => setAgencyCode(event.target.value)}
              />
            </Field>
            <Field label={t('setup.secret.label')} hint={t('setup.secret.hint')} error={fieldError('secret')} required>
              <input
                ref={secretInput}
                type="password"
                autoComplete="off"
                maxLength={512}
                value={secret}
                onChange={(event) => setSecret(event.target.value)}
              />
            </Field>
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={pending}>
                {t('setup.connect.button')}
              </button>
              {connect.isPending ? (
                <span className="pending-text" role="status">
                  {t('setup.connect.pending')}
                </span>
              ) : null}
            </div>
            {connect.error && (!connect.error.fields || unmappedFieldError) ? (
              <p className="form-error" role="alert" title={connect.error.message}>
                {connectErrorText(connect.error)}
              </p>
            ) : null}
          </form>
        </section>
      </div>
    </main>
  );
}

/**
 * "Kết nối máy chủ cơ quan": the agency server's address (fixed by the HubUrl policy, or by the
 * server this desk already works with), then username and password. A wrong password, a server
 * that does not answer and a refused address are said apart; the server's own words are behind
 * "Chi tiết".
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { errorText } from '../../../shared/i18n/messages.js';
import { apiQueryKey, useApiMutation } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';
import { usePolicyValues } from '../policy/use-admin-policy.js';

export function HubSignInForm({ labelledBy, fixedHubUrl }: { labelledBy: string; fixedHubUrl?: string }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const policy = usePolicyValues();
  const [typedHubUrl, setHubUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const hubUrl = policy.hubUrl?.value ?? fixedHubUrl ?? typedHubUrl;
  // When the sign-in was asked: a status the core pushed after that is newer than its answer.
  const askedAt = useRef(0);
  const connect = useApiMutation('hub.connect', {
    meta: { inlineErrors: true },
    onMutate: () => {
      askedAt.current = Date.now();
    },
    onSuccess: (status) => {
      setPassword('');
      const key = apiQueryKey('hub.getStatus', {});
      // The answer says "connecting"; the link may already have said "online" by an event, which
      // the answer must not overwrite (it would stay until the next feed answer).
      if ((queryClient.getQueryState(key)?.dataUpdatedAt ?? 0) < askedAt.current) queryClient.setQueryData(key, status);
      void queryClient.invalidateQueries({ queryKey: apiQueryKey('app.getState', {}) });
    },
  });
  const error = connect.error;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (connect.isPending) return;
    connect.mutate({ hubUrl: hubUrl.trim(), username: username.trim(), password });
  }

  const errorMessage = !error
    ? null
    : error.code === 'unauthorized'
      ? t('hub.error.wrongPassword')
      : error.code === 'unavailable'
        ? t('hub.error.unavailable')
        : error.code === 'forbidden'
          ? t('policy.connect.refused')
          : error.fields?.hubUrl
            ? t('hub.hubUrl.invalid')
            : errorText(error.code, lang);
  return (
    <form onSubmit={submit} noValidate aria-labelledby={labelledBy}>
      <Field label={t('hub.hubUrl.label')} hint={policy.hubUrl ? t('policy.locked') : t('hub.hubUrl.hint')} required>
        <input
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          maxLength={500}
          readOnly={policy.hubUrl !== undefined || fixedHubUrl !== undefined}
          value={hubUrl}
          onChange={(event) => setHubUrl(event.target.value)}
        />
      </Field>
      <Field label={t('hub.username.label')} required>
        <input type="text" autoComplete="username" spellCheck={false} maxLength={256} value={username} onChange={(event) => setUsername(event.target.value)} />
      </Field>
      <Field label={t('hub.password.label')} required>
        <input type="password" autoComplete="current-password" maxLength={1024} value={password} onChange={(event) => setPassword(event.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={connect.isPending}>
          {t('hub.signIn.button')}
        </button>
        {connect.isPending ? (
          <span className="pending-text" role="status">
            {t('hub.signIn.pending')}
          </span>
        ) : null}
      </div>
      {error ? (
        <div className="form-error" role="alert">
          <p>{errorMessage}</p>
          <details className="technical-detail">
            <summary>{t('common.details')}</summary>
            <p className="mono">{error.message}</p>
          </details>
        </div>
      ) : null}
    </form>
  );
}

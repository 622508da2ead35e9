/**
 * First run: try the demo (an embedded reference axis with three sample agencies), connect to
 * the real axis with the credentials the operator issued, or (agency mode) sign in at the agency
 * server. The AxisUrl and AgencyCode policies prefill and lock their fields and turn the demo off;
 * the HubUrl policy leaves the agency server as the only choice (the core refuses otherwise anyway).
 */
import { useQueryClient } from '@tanstack/react-query';
import type { AppState } from '../../../shared/api/state.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { apiQueryKey, useApiMutation } from '../../api/client.js';
import { useI18n } from '../../i18n.js';
import { usePolicyValues } from '../policy/use-admin-policy.js';
import { AxisConnectForm } from './AxisConnectForm.js';
import { HubSignInForm } from '../hub/HubSignInForm.js';

export function SetupScreen() {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const onReady = (state: AppState) => queryClient.setQueryData(apiQueryKey('app.getState', {}), state);

  const policy = usePolicyValues();
  const demoOff = policy.axisUrl !== undefined || policy.agencyCode !== undefined;
  const demo = useApiMutation('setup.useDemo', { meta: { inlineErrors: true }, onSuccess: onReady });
  const connect = useApiMutation('setup.connectAxis', { meta: { inlineErrors: true }, onSuccess: onReady });
  const pending = demo.isPending || connect.isPending;

  const hubCard = (
    <section className="card setup-choice" aria-labelledby="setup-hub-heading">
      <h2 id="setup-hub-heading">{t('hub.setup.heading')}</h2>
      <p>{policy.hubUrl ? t('hub.setup.policyOnly') : t('hub.setup.description')}</p>
      <HubSignInForm labelledBy="setup-hub-heading" />
    </section>
  );
  if (policy.hubUrl) {
    return (
      <main className="setup" aria-labelledby="setup-title">
        <h1 id="setup-title">{t('setup.title')}</h1>
        <div className="setup-choices">{hubCard}</div>
      </main>
    );
  }

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
          <AxisConnectForm
            labelledBy="setup-connect-heading"
            submitLabel={t('setup.connect.button')}
            pendingLabel={t('setup.connect.pending')}
            pending={pending}
            error={connect.error}
            onSubmit={(credentials) => connect.mutate(credentials)}
          />
        </section>
        {hubCard}
      </div>
    </main>
  );
}

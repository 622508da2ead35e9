/**
 * "Kết nối trục liên thông": where this folder exchanges documents, and the way out of the demo
 * to the real axis (keeping or discarding the demo's data, docs/architecture.md "Leaving demo
 * mode"), or another address or secret key for the real one. The AxisUrl and AgencyCode policies
 * prefill and lock the fields.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Connection } from '../../../shared/api/state.js';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/client.js';
import { useI18n } from '../../i18n.js';
import { AxisConnectForm } from '../setup/AxisConnectForm.js';
import { useAgencyDesk } from '../hub/agency-desk.js';

type DemoData = 'keep' | 'discard';

export function AxisConnectionSection() {
  const { t } = useI18n();
  const state = useApiQuery('app.getState', {});
  const connection = state.data?.connection ?? null;
  const desk = useAgencyDesk();
  return (
    <section className="document-section settings-section connection-section" aria-labelledby="settings-connection-heading">
      <h2 id="settings-connection-heading">{t('connection.heading')}</h2>
      {/* A desk in agency mode has no axis connection of its own: its server exchanges for the agency. */}
      {desk ? <p>{t('agency.connection', { url: desk.hubUrl })}</p> : null}
      {connection ? (
        <>
          <p>{connection.kind === 'demo' ? t('connection.demo', { url: connection.axisUrl }) : t('connection.axis', { url: connection.axisUrl, code: connection.agencyCode })}</p>
          <ChangeConnection key={`${connection.kind}:${connection.agencyCode}`} connection={connection} />
        </>
      ) : null}
    </section>
  );
}

function ChangeConnection({ connection }: { connection: Connection }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const leavingDemo = connection.kind === 'demo';
  const [demoData, setDemoData] = useState<DemoData | null>(null);
  const [demoDataMissing, setDemoDataMissing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const change = useApiMutation('setup.changeConnection', {
    meta: { inlineErrors: true },
    onSuccess: (next) => {
      queryClient.setQueryData(apiQueryKey('app.getState', {}), next);
      void queryClient.invalidateQueries();
      setDone(next.connection?.axisUrl ?? null);
    },
  });
  const headingId = leavingDemo ? 'connection-switch-heading' : 'connection-change-heading';
  return (
    <>
      <h3 id={headingId}>{t(leavingDemo ? 'connection.switch.heading' : 'connection.change.heading')}</h3>
      <AxisConnectForm
        labelledBy={headingId}
        submitLabel={t(leavingDemo ? 'connection.switch.button' : 'connection.change.button')}
        pendingLabel={t('connection.pending')}
        pending={change.isPending}
        error={change.error}
        initial={leavingDemo ? undefined : { axisUrl: connection.axisUrl, agencyCode: connection.agencyCode }}
        agencyCodeFixed={!leavingDemo}
        onSubmit={(credentials) => {
          setDone(null);
          if (leavingDemo && !demoData) {
            setDemoDataMissing(true);
            return false;
          }
          change.mutate({ ...credentials, ...(leavingDemo && demoData && { demoData }) });
        }}
      >
        {leavingDemo ? (
          <fieldset className="connection-choice" aria-invalid={demoDataMissing && !demoData ? true : undefined}>
            <legend className="field-label">{t('connection.demoData')}</legend>
            {(['keep', 'discard'] as const).map((choice) => (
              <label key={choice} className="checkbox">
                <input type="radio" name="demo-data" value={choice} checked={demoData === choice} onChange={() => setDemoData(choice)} />
                {t(`connection.demoData.${choice}`)}
              </label>
            ))}
            {demoDataMissing && !demoData ? <p className="field-error">{t('connection.demoData.required')}</p> : null}
          </fieldset>
        ) : null}
      </AxisConnectForm>
      <p aria-live="polite">{done ? <span className="success-text">{t('connection.done', { url: done })}</span> : null}</p>
    </>
  );
}

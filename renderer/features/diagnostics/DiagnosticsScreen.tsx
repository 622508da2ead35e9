/**
 * "Chẩn đoán" (DigiDoc4-like): what runs and where, an axis connection test, the token test of
 * Settings, the recent log, and "Lưu báo cáo" for the helpdesk. The report is built and redacted
 * by the core; this screen saves it like any export.
 */
import type { AxisTestResult, DiagnosticsInfo } from '../../../shared/api/diagnostics.js';
import type { ApiErrorCode } from '../../../shared/api/errors.js';
import { errorText, formatNumber, type PlainMessageKey } from '../../../shared/i18n/messages.js';
import { useApiMutation, useApiQuery } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { formatBytes } from '../../format.js';
import { useI18n } from '../../i18n.js';
import { ExportButton } from '../../components/ExportButton.js';
import { TokenTest } from '../settings/TokenTest.js';

export function DiagnosticsScreen() {
  const { t } = useI18n();
  const info = useApiQuery('diagnostics.get', {}, { staleTime: 0 });
  return (
    <section className="screen diagnostics-screen" aria-labelledby="diagnostics-title">
      <div className="screen-header">
        <h1 id="diagnostics-title">{t('diagnostics.title')}</h1>
      </div>
      <p className="muted">{t('diagnostics.intro')}</p>
      {info.error ? <QueryError error={info.error} onRetry={() => void info.refetch()} /> : null}
      {info.data ? <VersionsSection info={info.data} /> : info.isPending ? <p className="muted">{t('common.loading')}</p> : null}
      <AxisSection />
      <section className="document-section" aria-labelledby="diagnostics-tokens-heading">
        <h2 id="diagnostics-tokens-heading">{t('diagnostics.tokens.heading')}</h2>
        <TokenTest />
      </section>
      {info.data ? <LogSection lines={info.data.logLines} /> : null}
      <section className="document-section" aria-labelledby="diagnostics-report-heading">
        <h2 id="diagnostics-report-heading">{t('diagnostics.report.heading')}</h2>
        <p className="muted">{t('diagnostics.report.hint')}</p>
        <div className="form-actions">
          <ExportButton method="diagnostics.report" input={{}} label={t('diagnostics.report.save')} />
        </div>
      </section>
    </section>
  );
}

function VersionsSection({ info }: { info: DiagnosticsInfo }) {
  const { t, lang } = useI18n();
  const browserMode = t('diagnostics.version.browserMode');
  const rows: [PlainMessageKey, string][] = [
    ['diagnostics.version.vanthu', info.versions.vanthu],
    ['diagnostics.version.node', info.versions.node],
    ['diagnostics.version.electron', info.versions.electron ?? browserMode],
    ['diagnostics.version.chromium', info.versions.chromium ?? browserMode],
    ['diagnostics.version.sqlite', info.versions.sqlite],
    ['diagnostics.os', `${info.os.platform} ${info.os.release} (${info.os.arch})`],
    ['diagnostics.dataDir', info.dataDir],
    ['diagnostics.databaseSize', formatBytes(info.databaseBytes, lang)],
    ['diagnostics.schemaVersion', String(info.schemaVersion)],
    ['diagnostics.documentCount', formatNumber(info.documentCount, lang)],
    ['diagnostics.logFile', info.logFile],
  ];
  return (
    <section className="document-section" aria-labelledby="diagnostics-versions-heading">
      <h2 id="diagnostics-versions-heading">{t('diagnostics.versions.heading')}</h2>
      <dl className="meta-grid">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** What the clerk (or IT) can do about a failed test, by its error code. */
const AXIS_HINTS: Partial<Record<ApiErrorCode, PlainMessageKey>> = {
  unavailable: 'diagnostics.axis.hint.unavailable',
  invalid_input: 'diagnostics.axis.hint.invalid_input',
  not_configured: 'diagnostics.axis.hint.not_configured',
};

function AxisSection() {
  const { t, lang } = useI18n();
  const test = useApiMutation('diagnostics.testAxis');
  return (
    <section className="document-section" aria-labelledby="diagnostics-axis-heading">
      <h2 id="diagnostics-axis-heading">{t('diagnostics.axis.heading')}</h2>
      <div className="form-actions">
        <button type="button" className="button" disabled={test.isPending} onClick={() => test.mutate({})}>
          {t('diagnostics.axis.test')}
        </button>
      </div>
      <div aria-live="polite">
        {test.isPending ? (
          <p className="pending-text">{t('diagnostics.axis.testing')}</p>
        ) : test.error ? (
          <p className="form-error" role="alert" title={test.error.message}>
            {errorText(test.error.code, lang)}
          </p>
        ) : test.data ? (
          <AxisResult result={test.data} />
        ) : null}
      </div>
    </section>
  );
}

function AxisResult({ result }: { result: AxisTestResult }) {
  const { t } = useI18n();
  if (!result.error) return <p className="success-text">{t('diagnostics.axis.ok', { url: result.axisUrl, ms: result.elapsedMs })}</p>;
  const hint = AXIS_HINTS[result.error.code];
  return (
    <div className="form-error" role="alert">
      <p>{t('diagnostics.axis.failed', { url: result.axisUrl, ms: result.elapsedMs })}</p>
      <p className="mono">{result.error.message}</p>
      {hint ? <p>{t(hint)}</p> : null}
    </div>
  );
}

function LogSection({ lines }: { lines: string[] }) {
  const { t } = useI18n();
  return (
    <section className="document-section" aria-labelledby="diagnostics-log-heading">
      <h2 id="diagnostics-log-heading">{t('diagnostics.log.heading')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('diagnostics.log.empty')}</p>
      ) : (
        <details className="diagnostics-log">
          <summary>{t('diagnostics.log.show', { count: lines.length })}</summary>
          <pre>{lines.join('\n')}</pre>
        </details>
      )}
    </section>
  );
}

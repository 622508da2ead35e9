/** An area a desk in agency mode does not have (the server does it for the agency), said plainly. */
import { useI18n } from '../../i18n.js';

export function AgencyUnavailable() {
  const { t } = useI18n();
  return (
    <section className="screen" aria-labelledby="agency-unavailable-title">
      <div className="screen-header">
        <h1 id="agency-unavailable-title">{t('agency.unavailable.title')}</h1>
      </div>
      <p className="screen-intro">{t('agency.unavailable.text')}</p>
    </section>
  );
}

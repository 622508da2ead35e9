/**
 * The images of visible signatures (docs/architecture.md, "Signing settings and images"): this
 * computer's default signature, the agency's seal and its real diameter, and each certificate's
 * own signature (the certificates of the tested tokens, and those that already have one).
 */
import { useState, type FormEvent } from 'react';
import type { SigningSettings } from '../../../shared/api/signing.js';
import { SEAL_DIAMETER_MM } from '../../../shared/api/limits.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';
import { ImageSetting } from './ImageSetting.js';
import { useSigningSettingsMutation } from './use-signing-settings.js';

export function SigningImages({ settings }: { settings: SigningSettings }) {
  const { t } = useI18n();
  // Never fetched here: the certificates appear once "Kiểm tra thiết bị ký số" has read the tokens.
  const tokens = useApiQuery('signing.listTokens', {}, { enabled: false });
  const holders = new Map<string, string>(settings.images.certificates.map((entry) => [entry.certificateSha256, entry.holder]));
  // A certificate that cannot sign (expired, no signing usage) needs no image.
  for (const certificate of (tokens.data ?? []).flatMap((token) => token.certificates).filter((candidate) => candidate.usable)) {
    holders.set(certificate.sha256, certificate.holderName ?? certificate.holder);
  }
  const own = new Map(settings.images.certificates.map((entry) => [entry.certificateSha256, entry.image]));

  return (
    <section className="settings-part" aria-labelledby="settings-images-heading">
      <h3 id="settings-images-heading">{t('settings.images.heading')}</h3>
      <p className="field-hint">{t('settings.images.intro')}</p>
      <div className="signing-images">
        <ImageSetting name={t('settings.images.signatureDefault')} target={{ kind: 'signature' }} chosen={settings.images.signature} />
        <ImageSetting name={t('settings.images.seal')} target={{ kind: 'seal' }} chosen={settings.images.seal} />
      </div>
      <SealDiameter key={settings.sealDiameterMm} mm={settings.sealDiameterMm} />
      <h4>{t('settings.images.certificates')}</h4>
      <p className="field-hint">{t('settings.images.certificates.hint')}</p>
      <div className="signing-images">
        {[...holders].map(([certificateSha256, holder]) => {
          const name = t('settings.images.certificate', { holder: holder || certificateSha256.slice(0, 16) });
          return <ImageSetting key={certificateSha256} name={name} target={{ kind: 'signature', certificateSha256 }} holder={holder} chosen={own.get(certificateSha256) ?? null} />;
        })}
      </div>
    </section>
  );
}

function SealDiameter({ mm }: { mm: number }) {
  const { t, lang } = useI18n();
  const [value, setValue] = useState(String(mm));
  const save = useSigningSettingsMutation('signing.setSealDiameter');
  const range = { min: SEAL_DIAMETER_MM.min, max: SEAL_DIAMETER_MM.max };
  const error = save.error ? (save.error.fields?.mm ? t('settings.seal.diameter.invalid', range) : errorText(save.error.code, lang)) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ mm: Number(value) });
  }

  return (
    <form className="seal-diameter" onSubmit={submit} noValidate>
      <Field label={t('settings.seal.diameter')} hint={t('settings.seal.diameter.hint', range)} error={error}>
        <input type="number" inputMode="decimal" min={range.min} max={range.max} step={0.5} value={value} onChange={(event) => setValue(event.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending || value.trim() === ''}>
          {t('settings.seal.diameter.save')}
        </button>
        <span aria-live="polite">{save.isSuccess ? <span className="success-text">{t('settings.saved')}</span> : null}</span>
      </div>
    </form>
  );
}

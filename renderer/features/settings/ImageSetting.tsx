/**
 * One signature or seal image: a preview of the image a signature would use now (which level of
 * the fallback it comes from), a PNG to choose, and removal of the chosen one.
 */
import { useId, useState } from 'react';
import { MAX_SIGNING_IMAGE_BYTES } from '../../../shared/api/limits.js';
import type { SigningImageInfo, SigningImageKind } from '../../../shared/api/signing.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { FilePicker } from '../../components/FilePicker.js';
import { useI18n } from '../../i18n.js';
import { useSigningSettingsMutation } from './use-signing-settings.js';

interface ImageSettingProps {
  /** What the image is, in the user's language: names the preview and the controls. */
  name: string;
  target: { kind: SigningImageKind; certificateSha256?: string };
  /** The certificate holder, stored with a certificate's own image. */
  holder?: string;
  /** The image chosen at this level; null: the next level is used. */
  chosen: SigningImageInfo | null;
}

export function ImageSetting({ name, target, holder, chosen }: ImageSettingProps) {
  const { t, lang } = useI18n();
  const id = useId();
  const image = useApiQuery('signing.readImage', target);
  const save = useSigningSettingsMutation('signing.setImage');
  const [refusal, setRefusal] = useState<string | null>(null);
  const src = image.data?.url;
  const info = image.data?.info;
  const source = image.data?.source;
  const inherited = target.certificateSha256 !== undefined && source !== undefined && source !== 'certificate';

  async function onFileChosen(file: File) {
    setRefusal(null);
    if (file.size > MAX_SIGNING_IMAGE_BYTES) return setRefusal(t('settings.images.tooLarge', { name: file.name }));
    if (file.type !== 'image/png' && !file.name.toLowerCase().endsWith('.png')) return setRefusal(t('settings.images.notPng', { name: file.name }));
    const png = new Uint8Array(await file.arrayBuffer());
    save.mutate({ ...target, ...(target.certificateSha256 && holder ? { holder } : {}), png });
  }

  const error = refusal ?? (save.error ? (save.error.fields?.png ? t('settings.images.invalid') : errorText(save.error.code, lang)) : null);
  return (
    <div className="signing-image" role="group" aria-labelledby={`${id}-name`}>
      <p id={`${id}-name`} className="signing-image-name">
        {name}
      </p>
      <div className="signing-image-frame">{src ? <img className="signing-image-preview" src={src} alt={t('settings.images.preview', { name })} /> : null}</div>
      {info && source ? (
        <p className="muted">
          {inherited ? t('settings.images.inherited') : t(`settings.images.source.${source}`)} {t('settings.images.size', { width: info.width, height: info.height })}
        </p>
      ) : null}
      {info && !info.transparent ? <p className="form-error">{t('settings.images.opaque')}</p> : null}
      <FilePicker id={`${id}-file`} label={t('settings.images.choose', { name })} accept="image/png,.png" describedBy={error ? `${id}-error` : undefined} disabled={save.isPending} onFile={onFileChosen} />
      {error ? (
        <p id={`${id}-error`} className="form-error" role="alert" title={save.error?.message}>
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="button button-small"
          aria-label={t('settings.images.remove', { name })}
          disabled={chosen === null || save.isPending}
          onClick={() => save.mutate({ ...target, png: null })}
        >
          {t('settings.images.removeShort')}
        </button>
        <span aria-live="polite">{save.isPending ? <span className="pending-text">{t('settings.saving')}</span> : null}</span>
      </div>
    </div>
  );
}

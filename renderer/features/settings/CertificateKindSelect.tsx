/**
 * A certificate's kind, as the signing steps use it: told from its subject, or set here by IT
 * where the subject does not say (or says wrongly). Saved per certificate; audited by the core.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { TokenCertificateSummary } from '../../../shared/api/signing.js';
import { apiQueryKey, useApiMutation } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';

type Choice = 'auto' | 'person' | 'organization';

export function CertificateKindSelect({ certificate }: { certificate: TokenCertificateSummary }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const set = useApiMutation('signing.setCertificateKind', {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: apiQueryKey('signing.listTokens', {}) }),
  });
  const { kind } = certificate;
  const value: Choice = kind.source === 'setting' && kind.kind ? kind.kind : 'auto';
  // What the subject alone says: shown on the automatic choice.
  const detected = kind.subjectKind ? t(`certificateKind.${kind.subjectKind}`) : t('certificateKind.unknown');
  return (
    <Field label={t('certificateKind.label', { holder: certificate.holderName ?? certificate.holder })}>
      <select
        value={value}
        disabled={set.isPending}
        title={kind.marker ?? undefined}
        onChange={(event) => {
          const choice = event.target.value as Choice;
          set.mutate({ certificateSha256: certificate.sha256, kind: choice === 'auto' ? null : choice });
        }}
      >
        <option value="auto">{t('certificateKind.auto', { kind: detected })}</option>
        <option value="person">{t('certificateKind.person')}</option>
        <option value="organization">{t('certificateKind.organization')}</option>
      </select>
    </Field>
  );
}

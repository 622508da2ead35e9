/**
 * "Xuất PDF" / "Xuất Excel" / "Lưu báo cáo": asks the core for the file and saves it; says when it
 * is done. A register or report export is off, with the reason as its title, when the
 * DisableExport policy is set (ExportPolicyNote says it in full); the helpdesk report stays.
 */
import { useState } from 'react';
import type { ApiInput } from '../../shared/api/contract.js';
import { useApiMutation } from '../api/client.js';
import { saveLink } from './open-blob.js';
import { useI18n } from '../i18n.js';
import { useExportDisabled } from '../features/policy/PolicyNotes.js';

type ExportMethod = 'registers.export' | 'reports.export' | 'diagnostics.report';
/** What the DisableExport policy turns off: the agency's documents in aggregate, not the helpdesk report. */
const POLICY_EXPORTS: ReadonlySet<ExportMethod> = new Set(['registers.export', 'reports.export']);

export function ExportButton<M extends ExportMethod>({ method, input, label }: { method: M; input: ApiInput<M>; label: string }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<string | null>(null);
  const disabledByPolicy = useExportDisabled() && POLICY_EXPORTS.has(method);
  const exporter = useApiMutation(method, {
    onSuccess: (file) => {
      saveLink(file);
      setSaved(file.fileName);
    },
  });
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={exporter.isPending || disabledByPolicy}
        title={disabledByPolicy ? t('policy.export.disabled') : undefined}
        onClick={() => exporter.mutate(input)}
      >
        {exporter.isPending ? t('registers.exporting') : label}
      </button>
      {saved ? (
        <span className="visually-hidden" role="status">
          {t('registers.exported', { name: saved })}
        </span>
      ) : null}
    </>
  );
}

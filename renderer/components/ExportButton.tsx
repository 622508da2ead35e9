/**
 * "Xuất PDF" / "Xuất Excel" / "Lưu báo cáo": asks the core for the file. A PDF opens in the
 * in-app viewer first ("Lưu tệp" saves it), like every other PDF of the app; other files are
 * saved at once. Says when it is done. A register or report export is off, with the reason as
 * its title, when the DisableExport policy is set (ExportPolicyNote says it in full); the
 * helpdesk report stays.
 */
import { useState } from 'react';
import type { ApiInput } from '../../shared/api/contract.js';
import type { ExportedFile } from '../../shared/api/registers.js';
import { useApiMutation } from '../api/client.js';
import { saveLink } from './open-blob.js';
import { useI18n } from '../i18n.js';
import { useExportDisabled } from '../features/policy/PolicyNotes.js';
import { ConfirmDialog } from './Dialog.js';
import { PdfViewer } from './PdfViewer.js';

type ExportMethod = 'registers.export' | 'reports.export' | 'hub.exportWorkReport' | 'diagnostics.report' | 'copies.export' | 'dossiers.exportList' | 'dossiers.exportContents' | 'hub.auditExport';
/** What the DisableExport policy turns off: the agency's documents in aggregate, not the helpdesk report. */
const POLICY_EXPORTS: ReadonlySet<ExportMethod> = new Set(['registers.export', 'reports.export', 'hub.exportWorkReport', 'copies.export', 'dossiers.exportList', 'dossiers.exportContents', 'hub.auditExport']);

export function ExportButton<M extends ExportMethod>({ method, input, label }: { method: M; input: ApiInput<M>; label: string }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<string | null>(null);
  const [preview, setPreview] = useState<ExportedFile | null>(null);
  const disabledByPolicy = useExportDisabled() && POLICY_EXPORTS.has(method);
  const save = (file: ExportedFile) => {
    saveLink(file);
    setSaved(file.fileName);
  };
  const exporter = useApiMutation(method, {
    onSuccess: (file) => (file.contentType === 'application/pdf' ? setPreview(file) : save(file)),
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
      {preview ? (
        <ConfirmDialog
          wide
          title={t('export.preview.title', { name: preview.fileName })}
          confirmLabel={t('export.preview.save')}
          onClose={() => setPreview(null)}
          onConfirm={() => {
            save(preview);
            setPreview(null);
          }}
        >
          <PdfViewer url={preview.url} name={preview.fileName} />
        </ConfirmDialog>
      ) : null}
      {saved ? (
        <span className="visually-hidden" role="status">
          {t('registers.exported', { name: saved })}
        </span>
      ) : null}
    </>
  );
}

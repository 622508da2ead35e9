/** "Xuất PDF" / "Xuất Excel" / "Lưu báo cáo": asks the core for the file and saves it; says when it is done. */
import { useState } from 'react';
import type { ApiInput } from '../../../shared/api/contract.js';
import { useApiMutation } from '../../api/client.js';
import { saveBytes } from '../../components/open-blob.js';
import { useI18n } from '../../i18n.js';

type ExportMethod = 'registers.export' | 'reports.export' | 'diagnostics.report';

export function ExportButton<M extends ExportMethod>({ method, input, label }: { method: M; input: ApiInput<M>; label: string }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<string | null>(null);
  const exporter = useApiMutation(method, {
    onSuccess: (file) => {
      saveBytes(file.bytes, file.contentType, file.fileName);
      setSaved(file.fileName);
    },
  });
  return (
    <>
      <button type="button" className="button" disabled={exporter.isPending} onClick={() => exporter.mutate(input)}>
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

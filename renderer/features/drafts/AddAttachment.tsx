/** "Thêm tệp PDF": reads the chosen file and adds it to the draft (up to 100 MB). */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/api/limits.js';
import { apiQueryKey, useApiMutation } from '../../api/client.js';
import { invalidateDocumentLists } from '../../api/query-keys.js';
import { FilePicker } from '../../components/FilePicker.js';
import { useToasts } from '../../components/toasts.js';
import { useI18n } from '../../i18n.js';

export function AddAttachment({ documentId }: { documentId: number }) {
  const { t } = useI18n();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [added, setAdded] = useState<string | null>(null);
  const add = useApiMutation('attachments.add', {
    onSuccess: (info) => {
      void queryClient.invalidateQueries({ queryKey: apiQueryKey('documents.get', { id: info.documentId }) });
      invalidateDocumentLists(queryClient);
      setAdded(info.name);
    },
  });

  async function onFileChosen(file: File) {
    setAdded(null);
    const name = file.name;
    if (file.size === 0) {
      toasts.error(({ t }) => t('attachments.empty.file', { name }));
    } else if (file.size > MAX_ATTACHMENT_BYTES) {
      toasts.error(({ t }) => t('attachments.tooLarge', { name }));
    } else {
      let bytes: Uint8Array<ArrayBuffer> | null = null;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch (error) {
        toasts.error(({ t }) => t('attachments.readFailed', { name }), error instanceof Error ? error.message : undefined);
      }
      if (bytes) add.mutate({ documentId, name, contentType: file.type || 'application/pdf', bytes });
    }
  }

  return (
    <div className="add-attachment">
      <FilePicker id="attachment-file" label={t('attachments.add.label')} hint={t('attachments.add.hint')} accept="application/pdf,.pdf" disabled={add.isPending} onFile={onFileChosen} />
      {add.isPending && add.variables ? (
        <p className="pending-text" role="status">
          {t('attachments.uploading', { name: add.variables.name })}
        </p>
      ) : added !== null ? (
        <p className="success-text" role="status">
          {t('attachments.added', { name: added })}
        </p>
      ) : null}
    </div>
  );
}

/**
 * "Thêm tệp PDF": reads the chosen file (up to 100 MB) and adds it to the draft: at once at a
 * standalone desk, or as a draft.attach command for a draft of the agency server (kept on this
 * computer and sent when the server answers, offline too).
 */
import { useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../../shared/api/contract.js';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/api/limits.js';
import { apiQueryKey, useApiMutation } from '../../api/client.js';
import { invalidateDocumentLists, methodKey } from '../../api/query-keys.js';
import { FilePicker } from '../../components/FilePicker.js';
import { useToasts } from '../../components/toasts.js';
import { useI18n } from '../../i18n.js';

type ChosenFile = ApiInput<'attachments.add'>;

export function AddAttachment({ documentId }: { documentId: number }) {
  const queryClient = useQueryClient();
  const add = useApiMutation('attachments.add', {
    onSuccess: (info) => {
      void queryClient.invalidateQueries({ queryKey: apiQueryKey('documents.get', { id: info.documentId }) });
      invalidateDocumentLists(queryClient);
    },
  });
  // The name as it was stored (cleaned of what a file name may not hold).
  return <DraftFilePicker documentId={documentId} add={add} addedName={add.data?.name ?? null} />;
}

/** The same picker for a draft of the agency server: the file waits in the desk's queue like any command. */
export function AgencyAddAttachment({ documentId }: { documentId: number }) {
  const queryClient = useQueryClient();
  const add = useApiMutation('hub.attachFile', {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: methodKey('hub.commands') });
      void queryClient.invalidateQueries({ queryKey: methodKey('hub.getStatus') });
    },
  });
  return <DraftFilePicker documentId={documentId} add={add} addedName={add.isSuccess ? (add.variables?.name ?? null) : null} />;
}

/** What the picker needs of either desk's mutation. */
interface FileMutation {
  isPending: boolean;
  variables: ChosenFile | undefined;
  mutate(file: ChosenFile): void;
  reset(): void;
}

interface PickerProps {
  documentId: number;
  add: FileMutation;
  /** The file just added, while no other is chosen. */
  addedName: string | null;
}

function DraftFilePicker({ documentId, add, addedName }: PickerProps) {
  const { t } = useI18n();
  const toasts = useToasts();

  const pendingName = add.isPending ? (add.variables?.name ?? null) : null;

  async function onFileChosen(file: File) {
    add.reset();
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
      <FilePicker id="attachment-file" label={t('attachments.add.label')} hint={t('attachments.add.hint')} accept="application/pdf,.pdf" disabled={pendingName !== null} onFile={onFileChosen} />
      {pendingName !== null ? (
        <p className="pending-text" role="status">
          {t('attachments.uploading', { name: pendingName })}
        </p>
      ) : addedName !== null ? (
        <p className="success-text" role="status">
          {t('attachments.added', { name: addedName })}
        </p>
      ) : null}
    </div>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { useApiMutation } from '../../api/client.js';
import { documentChangedHere } from '../../api/query-keys.js';
import type { I18n } from '../../i18n.js';
import { errorsByField } from '../drafts/draft-form.js';

/** The calls that change a document and answer with it. */
export type DocumentMethod =
  | 'drafts.update'
  | 'documents.send'
  | 'documents.respond'
  | 'documents.takeBack'
  | 'documents.revoke'
  | 'documents.replace'
  | 'documents.update'
  | 'documents.answerRequest'
  | 'documents.resolveConflict'
  | 'documents.submitForSigning'
  | 'documents.returnForChanges'
  | 'documents.withdrawSubmission'
  | 'documents.signAsLeader'
  | 'documents.numberAndSignAsAgency'
  | 'documents.undoStatus';

/**
 * A document call whose answer replaces the cached document at once; the lists and the send
 * queue refresh too (the core's documents.changed event follows, but the clerk should not wait).
 * `inline`: the screen shows errors itself (a dialog), instead of the notification corner.
 */
export function useDocumentMutation<M extends DocumentMethod>(method: M, options: { inline?: boolean; onSuccess?: (detail: DocumentDetail) => void } = {}) {
  const queryClient = useQueryClient();
  return useApiMutation(method, {
    meta: { inlineErrors: options.inline ?? false },
    onSuccess: (result) => {
      const detail = result as DocumentDetail;
      documentChangedHere(queryClient, detail);
      options.onSuccess?.(detail);
    },
  });
}

/**
 * A dialog's error, split: the reason field's own error, and what is left for the whole form
 * (translated by code; the core's English message goes in the tooltip).
 */
export function dialogErrors(error: ApiError | null, reasonFields: readonly string[], { t, lang }: Pick<I18n, 't' | 'lang'>, shownElsewhere: readonly string[] = []) {
  if (!error) return { reason: null, form: null, detail: undefined };
  const fields = errorsByField(error.fields);
  const reasonError = reasonFields.some((name) => fields.has(name)) ? t('dialog.reason.required') : null;
  const handled = [...reasonFields, ...shownElsewhere];
  const allHandled = fields.size > 0 && [...fields.keys()].every((name) => handled.includes(name));
  const form = allHandled ? null : errorText(error.code, lang);
  return { reason: reasonError, form, detail: error.message };
}

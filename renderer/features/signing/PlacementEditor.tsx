/**
 * Trình ký with a preview (docs/formats.md#signature-layout): the main PDF in the viewer with the
 * boxes the core found in the document's text (or remembered for its template) and the agency's
 * stamp they imply. The clerk drags a box, or moves it with the arrow keys, to correct it; a box
 * the text did not give must be placed before the draft can be submitted. The boxes the clerk
 * placed go with the submission and are remembered for the next document of the same template.
 */
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import type { AttachmentInfo, DocumentDetail } from '../../../shared/api/documents.js';
import type { PageBox, PlacementBoxKind } from '../../../shared/api/signing.js';
import { errorText } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { AttachmentViewer, type PageOverlay } from '../../components/PdfViewer.js';
import { useI18n } from '../../i18n.js';
import { useDocumentMutation } from '../documents/use-document-mutation.js';
import { BOX_KINDS, effectiveBoxes } from './placement-boxes.js';
import { PlacementOverlay } from './PlacementOverlay.js';
import { refusalText } from './refusal-text.js';

const isPdf = (attachment: AttachmentInfo) => attachment.contentType === 'application/pdf' || attachment.name.toLowerCase().endsWith('.pdf');

/** The main PDF, as the core picks it: the first PDF attachment. */
export function mainPdfOf(detail: DocumentDetail): AttachmentInfo | undefined {
  return detail.attachments.find(isPdf);
}

interface PlacementEditorProps {
  detail: DocumentDetail;
  /** Saves the draft's unsaved changes; false when it could not (the form says why). */
  saveFirst(): Promise<boolean>;
}

export function PlacementEditor({ detail, saveFirst }: PlacementEditorProps) {
  const { t, lang } = useI18n();
  const main = mainPdfOf(detail);
  const submit = useDocumentMutation('documents.submitForSigning', { inline: true });
  const [saving, setSaving] = useState(false);
  // Read again when the document changes (documents.changed), not on every focus: it reads the PDF's text.
  const proposal = useApiQuery('documents.signingPlacement', { id: detail.id }, { enabled: main !== undefined, retry: false, staleTime: Infinity });
  const [moved, setMoved] = useState<Partial<Record<PlacementBoxKind, PageBox>>>({});
  // The stamp follows the leader's box as the clerk moves it.
  const preview = useApiQuery('documents.signingPlacement', { id: detail.id, ...(moved.leader ? { leader: moved.leader } : {}) }, { enabled: moved.leader !== undefined, retry: false, placeholderData: keepPreviousData });
  const placement = proposal.data;
  const shown = placement ? effectiveBoxes(placement, moved) : null;
  const stamp = moved.leader ? (preview.data?.stamp ?? null) : (placement?.stamp ?? null);

  const move = (kind: PlacementBoxKind, box: PageBox) => setMoved((current) => ({ ...current, [kind]: box }));
  const overlay: PageOverlay | undefined = shown ? (pageNumber, page) => <PlacementOverlay pageNumber={pageNumber} page={page} boxes={shown.boxes} stamp={stamp} onMove={move} /> : undefined;
  const missing = shown?.boxes.filter((box) => box.source === 'missing').map((box) => t(`placement.box.${box.kind}`)) ?? [];
  const leader = shown?.boxes.find((box) => box.kind === 'leader');

  /** Trình ký saves the draft first: nothing typed is left behind; a refused save does not submit. */
  async function send() {
    if (submit.isPending || saving) return;
    setSaving(true);
    try {
      if (await saveFirst()) submit.mutate({ id: detail.id, ...(Object.keys(moved).length > 0 ? { placement: moved } : {}) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="placement-editor">
      <p className="field-hint">{t('signing.submit.hint')}</p>
      {main ? (
        <>
          <h3>{t('placement.heading')}</h3>
          <p className="field-hint">{t('placement.hint')}</p>
          {proposal.isPending ? <p className="pending-text">{t('placement.loading')}</p> : null}
          {proposal.error ? (
            <p className="form-error" role="alert" title={proposal.error.message}>
              {refusalText(proposal.error, t) ?? t('placement.failed')}
            </p>
          ) : null}
          {shown ? (
            <ul className="placement-list">
              {shown.boxes.map((box) => (
                <li key={box.kind} data-source={box.source}>
                  {t('placement.boxLabel', { box: t(`placement.box.${box.kind}`), source: t(`placement.source.${box.source}`) })}
                </li>
              ))}
            </ul>
          ) : null}
          {placement && leader && placement.pageCount > 1 ? (
            <Field label={t('placement.leaderPage')}>
              <select value={leader.box.page} onChange={(event) => move('leader', { ...leader.box, page: Number(event.target.value) })}>
                {Array.from({ length: placement.pageCount }, (_, index) => (
                  <option key={index} value={index + 1}>
                    {t('viewer.page', { page: index + 1, count: placement.pageCount })}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <AttachmentViewer attachment={main} overlay={overlay} />
        </>
      ) : null}
      {missing.length > 0 ? (
        <p className="form-error" role="status">
          {t('placement.missing', { boxes: missing.join(', ') })}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" disabled={submit.isPending || saving || (main !== undefined && !shown?.ready)} onClick={() => void send()}>
          {t('signing.submit')}
        </button>
        <span aria-live="polite">{submit.isPending || saving ? <span className="pending-text">{t('signing.submitting')}</span> : null}</span>
      </div>
      {submit.error ? (
        <p className="form-error" role="alert" title={submit.error.message}>
          {submit.error.fields?.attachments ? t('draft.error.attachments') : submit.error.fields?.placement ? t('placement.error') : (refusalText(submit.error, t) ?? errorText(submit.error.code, lang))}
        </p>
      ) : null}
    </div>
  );
}

/** Before each signature, the viewer shows where the remaining signing steps will draw (read only). */
export function useSigningPreview(detail: DocumentDetail): PageOverlay | undefined {
  const pending = detail.signingState === 'awaiting_leader' || detail.signingState === 'leader_signed' || detail.signingState === 'numbered';
  const preview = useApiQuery('documents.signingPlacement', { id: detail.id }, { enabled: pending, retry: false, staleTime: Infinity });
  const placement = pending ? preview.data : undefined;
  if (!placement) return undefined;
  // Once the leader has signed, his box is his signature: only the stamp is still to come.
  const boxes = BOX_KINDS.filter((kind) => kind !== 'leader' || detail.signingState === 'awaiting_leader').map((kind) => ({ kind, ...placement.boxes[kind] }));
  return (pageNumber, page) => <PlacementOverlay pageNumber={pageNumber} page={page} boxes={boxes} stamp={placement.stamp} />;
}

// @vitest-environment jsdom
/**
 * Trình ký's proposal follows the draft as saved. The core finds the leader's box by the signer
 * named on the draft (find-boxes.ts), so a proposal read before the autosave of "Người ký" landed
 * must not stay: here the first read, slow as on a cold start, answers only after the save, and
 * the proposal shown is the one read after it.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentDetail, DocumentMetadata } from '../../../shared/api/documents.js';
import type { SigningPlacement } from '../../../shared/api/signing.js';
import { messages } from '../../../shared/i18n/messages.js';
import { useApiQuery } from '../../api/client.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { useDraftForm } from '../drafts/use-draft-form.js';
import { PlacementEditor } from './PlacementEditor.js';

const SIGNER = 'Trần Văn Bình';

const metadata: DocumentMetadata = {
  subject: 'Quyết định ban hành quy chế',
  summary: '',
  codeNotation: 'QĐ-UBND',
  typeName: 'Quyết định',
  priority: 0,
  signerCompetence: '',
  signerPosition: '',
  signerFullName: '',
  place: '',
  dueDate: null,
  toPlaces: [],
  codeNumber: '',
  promulgationDate: null,
};

function draftOf(saved: DocumentMetadata, version: number): DocumentDetail {
  return {
    id: 5,
    direction: 'draft',
    state: 'editing',
    subject: saved.subject,
    codeNumber: '',
    codeNotation: saved.codeNotation,
    typeName: saved.typeName,
    priority: 0,
    senderId: null,
    senderName: null,
    arrivalNumber: null,
    attachmentCount: 1,
    hasPendingRequest: false,
    hasConflict: false,
    verification: null,
    promulgationDate: null,
    dueDate: null,
    demo: false,
    createdAt: '2026-12-06T08:00:00.000Z',
    updatedAt: `2026-12-06T08:00:0${version}.000Z`,
    metadata: saved,
    attachments: [{ id: 9, documentId: 5, name: 'to-trinh.pdf', contentType: 'application/pdf', size: 1000, sha256: 'a'.repeat(64) }],
    recipients: [],
    timeline: [],
    pendingRequest: null,
    conflicts: [],
    replaces: null,
    replacedBy: null,
    answers: null,
    revokedAt: null,
    revokeReason: null,
    edxmlDocumentId: null,
    signingState: 'none',
    heldStatus: null,
    leaderComment: null,
    headerFields: null,
  };
}

/** What the core proposes: the leader's box is found in the text only under the signer the draft names. */
function proposalFor(signerName: string): SigningPlacement {
  const box = (y: number) => ({ page: 1, x: 300, y, width: 150, height: 40 });
  return {
    pageCount: 1,
    boxes: { number: { box: box(100), source: 'text' }, date: { box: box(150), source: 'text' }, leader: { box: box(600), source: signerName === SIGNER ? 'text' : 'missing' } },
    stamp: { seal: box(580), text: box(640) },
  };
}

/** The draft's page as far as Trình ký goes: the signer's field, saved as the editor saves it, and the proposal. */
function Draft() {
  const detail = useApiQuery('documents.get', { id: 5 }).data;
  return detail ? <Editor detail={detail} /> : null;
}
function Editor({ detail }: { detail: DocumentDetail }) {
  const draft = useDraftForm(detail);
  return (
    <>
      <label>
        Người ký
        <input value={draft.form.signerFullName} onChange={(event) => draft.set('signerFullName', event.target.value)} />
      </label>
      <button type="button" onClick={() => void draft.saveNow()}>
        Lưu
      </button>
      <PlacementEditor detail={detail} saveFirst={draft.saveNow} />
    </>
  );
}

afterEach(cleanup);

describe('PlacementEditor', () => {
  it('shows the proposal for the signer saved meanwhile, not the one its first read found', async () => {
    window.localStorage.setItem('vanthu.lang', 'vi');
    let saved = metadata;
    let version = 0;
    let answerFirstRead: (() => void) | undefined;
    const { api, calls } = scriptedCore({
      'documents.get': () => draftOf(saved, version),
      'drafts.update': ({ fields }) => {
        saved = { ...saved, ...fields };
        version++;
        return draftOf(saved, version);
      },
      // The core reads the signer's name from the saved draft when the call comes in.
      'documents.signingPlacement': () => {
        const proposal = proposalFor(saved.signerFullName);
        if (answerFirstRead) return proposal;
        return new Promise<SigningPlacement>((resolve) => (answerFirstRead = () => resolve(proposal)));
      },
      // The viewer's link is of no concern here: it never comes.
      'attachments.open': () => new Promise<never>(() => undefined),
    });
    renderOverCore(api, <Draft />);
    await waitFor(() => expect(answerFirstRead).toBeDefined());

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Người ký'), SIGNER);
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(saved.signerFullName).toBe(SIGNER));
    answerFirstRead!();

    const found = messages['placement.boxLabel'].vi.replace('{box}', messages['placement.box.leader'].vi).replace('{source}', messages['placement.source.text'].vi);
    expect(await screen.findByText(found)).toBeDefined();
    await waitFor(() => expect(screen.getByRole('button', { name: messages['signing.submit'].vi })).toHaveProperty('disabled', false));
    expect(calls.filter((call) => call.method === 'documents.signingPlacement')).toHaveLength(2);
    expect(screen.queryByText(messages['placement.missing'].vi.replace('{boxes}', messages['placement.box.leader'].vi))).toBeNull();
  });
});

// @vitest-environment jsdom
/**
 * A reply's opinions over a scripted core: the draft names the arrival it answers (a link), lists
 * the opinions of its timeline and queues a new one (draft.comment), asking for words first; a
 * draft that answers nothing has no such section; one sent takes no more opinions.
 */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../../shared/api/documents.js';
import type { HubCommandItem } from '../../../shared/api/hub-link.js';
import { NO_WORKFLOW, type DocumentWorkflow } from '../../../shared/hub/workflow.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { DraftOpinions } from './DraftOpinions.js';

const answers = { id: 4, subject: 'V/v báo cáo chuyển đổi số', codeNumber: '12', codeNotation: 'UBND-VP' };
const draft = (change: Partial<DocumentDetail> = {}) => ({ id: 9, direction: 'draft', state: 'editing', subject: 'V/v trả lời', answers, ...change }) as unknown as DocumentDetail;
const workflow: DocumentWorkflow = {
  ...NO_WORKFLOW,
  steps: [{ id: 1, at: '2026-12-06T02:00:00.000Z', kind: 'comment', actorId: 8, actorName: 'Hoàng Thị Em', itemId: null, text: 'Đề nghị bổ sung số liệu quý IV.', statuses: [] }],
};
const comment: HubCommandItem = {
  id: '0190f0a0-0000-7000-8000-00000000000b',
  kind: 'draft.comment',
  state: 'queued',
  createdAt: '2026-12-06T02:00:00.000Z',
  attempts: 0,
  lastError: null,
  answeredAt: null,
  refusal: null,
  documentId: 9,
  awaitingFeed: false,
  subject: 'V/v trả lời',
};

function renderDraft(detail: DocumentDetail) {
  const core = scriptedCore({
    'hub.documentWork': () => workflow,
    'hub.commands': () => [],
    'hub.queueCommand': () => comment,
    'hub.getStatus': () => null,
  });
  const { container } = renderOverCore(core.api, <DraftOpinions detail={detail} />);
  return { ...core, container };
}

beforeEach(() => window.localStorage.setItem('vanthu.lang', 'vi'));
afterEach(cleanup);

describe('DraftOpinions', () => {
  it('links the arrival answered, lists the opinions and queues a new one, once words are written', async () => {
    const { calls } = renderDraft(draft());
    const region = await screen.findByRole('region', { name: 'Ý kiến phối hợp' });
    expect(within(region).getByRole('link', { name: 'Trả lời văn bản 12/UBND-VP — V/v báo cáo chuyển đổi số' }).getAttribute('href')).toContain('4');
    expect(await within(region).findByText('Đề nghị bổ sung số liệu quý IV.')).toBeTruthy();
    expect(within(region).getByText('Hoàng Thị Em')).toBeTruthy();
    await userEvent.click(within(region).getByRole('button', { name: 'Gửi ý kiến' }));
    expect(within(region).getByText('Hãy nhập ý kiến.')).toBeTruthy();
    await userEvent.type(within(region).getByLabelText('Ý kiến của bạn'), '  Thống nhất.  ');
    await userEvent.click(within(region).getByRole('button', { name: 'Gửi ý kiến' }));
    expect(calls.filter((call) => call.method === 'hub.queueCommand').map((call) => call.input)).toEqual([{ kind: 'draft.comment', payload: { documentId: 9, text: 'Thống nhất.' } }]);
  });

  it('has nothing for a draft answering nothing, and no form once the reply was sent', async () => {
    const { container } = renderDraft(draft({ answers: null }));
    expect(container.textContent).toBe('');
    cleanup();
    renderDraft(draft({ direction: 'outgoing' }));
    const region = await screen.findByRole('region', { name: 'Ý kiến phối hợp' });
    expect(within(region).queryByRole('button', { name: 'Gửi ý kiến' })).toBeNull();
  });
});

// @vitest-environment jsdom
/**
 * A hub document's files at the desk, in a DOM, over a scripted core that answers as
 * test/desk-hub-files.test.ts shows the real one does: each file's state in plain Vietnamese, the
 * pin toggled by the user and its answer shown, a failure's reason behind "Chi tiết"; and the
 * viewer saying a file cannot be opened offline rather than loading for ever.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.js';
import type { HubDocumentFiles } from '../../../shared/api/hub-link.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { AttachmentViewer } from '../../components/PdfViewer.js';
import { HubOfflineFiles } from './HubOfflineFiles.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

beforeEach(() => window.localStorage.setItem('vanthu.lang', 'vi'));
afterEach(cleanup);

describe('HubOfflineFiles', () => {
  it("shows each file's state, keeps the document on this computer when asked, and the reason of a failure behind Chi tiết", async () => {
    const before: HubDocumentFiles = {
      documentId: 7,
      pinned: false,
      files: [
        { sha256: A, name: 'quyet-dinh.pdf', size: 2048, state: 'held', detail: null },
        { sha256: B, name: 'phu-luc.pdf', size: 1024, state: 'not_here', detail: null },
      ],
    };
    const after: HubDocumentFiles = {
      ...before,
      pinned: true,
      files: [
        { ...before.files[0]!, state: 'kept' },
        { ...before.files[1]!, state: 'failed', detail: 'GET /api/documents/7/attachments/bbb: fetch failed' },
      ],
    };
    const { api, calls } = scriptedCore({ 'hub.documentFiles': () => before, 'hub.pinDocument': () => after });
    renderOverCore(api, <HubOfflineFiles documentId={7} />);
    expect(await screen.findByText(messages['hub.files.state.held'].vi)).toBeDefined();
    expect(screen.getByText(messages['hub.files.state.not_here'].vi)).toBeDefined();
    const pin = screen.getByRole('checkbox', { name: messages['hub.files.pin'].vi }) as HTMLInputElement;
    expect(pin.checked).toBe(false);

    await userEvent.setup().click(pin);
    await waitFor(() => expect(calls.find((call) => call.method === 'hub.pinDocument')?.input).toEqual({ documentId: 7, pinned: true }));
    expect(await screen.findByText(messages['hub.files.state.kept'].vi)).toBeDefined();
    expect(screen.getByText(messages['hub.files.state.failed'].vi)).toBeDefined();
    expect((screen.getByRole('checkbox', { name: messages['hub.files.pin'].vi }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(messages['common.details'].vi)).toBeDefined();
    expect(screen.getByText(/fetch failed/)).toBeDefined();
  });

  it('the viewer of a hub file not on this computer, offline, says so instead of loading for ever', async () => {
    const { api, calls } = scriptedCore({
      'hub.openAttachment': () => {
        throw new ApiError('unavailable', 'This file is not on this computer and the agency server cannot be reached now.', { file: 'offline' });
      },
    });
    renderOverCore(api, <AttachmentViewer hubDocumentId={7} attachment={{ id: 3, documentId: 7, name: 'phu-luc.pdf', contentType: 'application/pdf', size: 1024, sha256: B }} />);
    expect(await screen.findByText(messages['hub.files.problem.offline'].vi)).toBeDefined();
    expect(calls).toEqual([{ method: 'hub.openAttachment', input: { documentId: 7, sha256: B, purpose: 'view' } }]);
  });
});

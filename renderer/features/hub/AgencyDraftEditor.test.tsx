// @vitest-environment jsdom
/**
 * "Văn bản nội bộ" on a draft of the agency server, in a DOM over a scripted core: ticking it and
 * saving queues one draft.save that marks the draft internal; a draft the server already marks
 * internal shows it ticked, and saving nothing else changes nothing.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentDetail, DocumentMetadata } from '../../../shared/api/documents.js';
import { DRAFT_FIELD_SPECS, DRAFT_FIELDS } from '../../../shared/api/draft-fields.js';
import type { HubCommandItem } from '../../../shared/api/hub-link.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { createToastStore, ToastProvider } from '../../components/toasts.js';
import { AgencyDraftEditor } from './AgencyDraftEditor.js';

const CLIENT_KEY = '0193c0de-0000-4000-8000-000000000001';
const empty = { date: null, lines: [], priority: 0, text: '' } as const;
const metadata = {
  ...Object.fromEntries(DRAFT_FIELDS.map((name) => [name, empty[DRAFT_FIELD_SPECS[name].kind]])),
  subject: 'Thông báo lịch họp giao ban',
  codeNumber: '',
  promulgationDate: null,
} as unknown as DocumentMetadata;
const draft = (internal: boolean) =>
  ({ id: 9, direction: 'draft', state: 'editing', signingState: 'none', subject: metadata.subject, metadata, attachments: [], demo: false, clientKey: CLIENT_KEY, internal }) as unknown as DocumentDetail;

const queued = (kind: HubCommandItem['kind']): HubCommandItem => ({
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  kind,
  state: 'queued',
  createdAt: '2026-12-01T03:00:00.000Z',
  attempts: 0,
  lastError: null,
  answeredAt: null,
  refusal: null,
  documentId: 9,
  awaitingFeed: false,
  subject: 'Thông báo',
});

const core = () =>
  scriptedCore({
    'hub.signingView': () => ({ documentId: 9, file: null, blocked: 'no_pdf', fileHere: false, last: null, signedCurrent: false, clerkStep: null, number: null, internal: false, recipients: [] }),
    'hub.commands': () => [],
    'hub.directory': () => ({ units: [], users: [] }),
    'hub.queueCommand': (input) => queued(input.kind),
    'hub.getStatus': () => null,
  });

/** The editor as its page shows it (its file picker tells of an added file by a toast). */
const editor = (internal: boolean) => (
  <ToastProvider store={createToastStore()}>
    <AgencyDraftEditor detail={draft(internal)} />
  </ToastProvider>
);

afterEach(cleanup);

describe('AgencyDraftEditor', () => {
  it('marks the draft internal with the next save', async () => {
    window.localStorage.setItem('vanthu.lang', 'vi');
    const { api, calls } = core();
    renderOverCore(api, editor(false));
    const user = userEvent.setup();
    const save = screen.getByRole('button', { name: messages['agency.draft.save'].vi }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await user.click(screen.getByLabelText(messages['agency.draft.internal'].vi));
    await user.click(save);
    await waitFor(() => expect(calls.find((call) => call.method === 'hub.queueCommand')?.input).toEqual({ kind: 'draft.save', payload: { documentId: 9, clientKey: CLIENT_KEY, fields: {}, internal: true } }));
  });

  it('shows a draft the server marks internal ticked, with nothing to save', () => {
    window.localStorage.setItem('vanthu.lang', 'vi');
    const { api } = core();
    renderOverCore(api, editor(true));
    expect((screen.getByLabelText(messages['agency.draft.internal'].vi) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('button', { name: messages['agency.draft.save'].vi }) as HTMLButtonElement).disabled).toBe(true);
  });
});

// @vitest-environment jsdom
/**
 * The clerk's "Cấp số và ký số" and "Gửi" on a draft of the agency server, in a DOM, over a
 * scripted core that answers as test/hub-issue.test.ts shows the real one does: "Cấp số" queues
 * the number; once numbered, she signs the revision she was shown with the agency's certificate;
 * once sealed, she names the receiving agencies and sends; an internal document she sends to units
 * she picks from the directory instead. Nothing shows to anyone else.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubCommandItem, HubDirectory } from '../../../shared/api/hub-link.js';
import type { HubSigningView } from '../../../shared/api/hub-signing.js';
import type { TokenSummary } from '../../../shared/api/signing.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { HubIssueAction } from './HubIssueAction.js';

const SIGNED = 'a'.repeat(64);
const SEALED = 'b'.repeat(64);

const agencyToken: TokenSummary = {
  slot: '2',
  label: 'AGENCY',
  manufacturer: 'SoftHSM',
  serial: '2',
  pinLow: false,
  pinFinalTry: false,
  pinLocked: false,
  certificates: [
    {
      id: '11',
      sha256: 'e'.repeat(64),
      holderName: 'UBND Tỉnh Thử Nghiệm',
      holderTitle: null,
      holderOrganization: 'UBND Tỉnh Thử Nghiệm',
      holder: 'O=UBND Tỉnh Thử Nghiệm, CN=UBND Tỉnh Thử Nghiệm',
      issuer: 'CN=Test CA',
      serialNumber: '11',
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter: '2028-01-01T00:00:00.000Z',
      usable: true,
      reason: null,
      kind: { kind: 'organization', source: 'subject', subjectKind: 'organization', marker: 'O=CN' },
    },
  ],
};

const view = (clerkStep: HubSigningView['clerkStep'], number: string | null = null): HubSigningView => ({
  documentId: 7,
  file: { attachmentId: 3, name: 'quyet-dinh.pdf', sha256: SIGNED },
  blocked: 'not_leader',
  fileHere: true,
  last: null,
  signedCurrent: false,
  clerkStep,
  number,
  internal: false,
});

const queued = (kind: HubCommandItem['kind']): HubCommandItem => ({
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  kind,
  state: 'queued',
  createdAt: '2026-12-01T03:00:00.000Z',
  attempts: 0,
  lastError: null,
  answeredAt: null,
  refusal: null,
  documentId: 7,
  awaitingFeed: false,
  subject: 'Quyết định',
});

afterEach(cleanup);

describe('HubIssueAction', () => {
  it('queues the number for a draft the leader signed', async () => {
    window.localStorage.setItem('vanthu.lang', 'vi');
    const { api, calls } = scriptedCore({
      'hub.signingView': () => view('number'),
      'hub.commands': () => [],
      'hub.queueCommand': (input) => queued(input.kind),
      'hub.getStatus': () => null,
    });
    renderOverCore(api, <HubIssueAction documentId={7} />);
    await userEvent.setup().click(await screen.findByRole('button', { name: messages['hubIssue.number'].vi }));
    await waitFor(() => expect(calls.find((call) => call.method === 'hub.queueCommand')?.input).toEqual({ kind: 'draft.number', payload: { documentId: 7 } }));
  });

  it('seals the revision she was shown with the agency’s certificate once numbered, then sends to the agencies she names', async () => {
    window.localStorage.setItem('vanthu.lang', 'vi');
    let current = view('seal', '05');
    const { api, calls } = scriptedCore({
      'hub.signingView': () => current,
      'hub.commands': () => [],
      'signing.listTokens': () => [agencyToken],
      'hub.sealRevision': (input) => {
        current = { ...view('send', '05'), file: { ...view('send').file!, sha256: SEALED } };
        return { ...view('seal', '05'), signedCurrent: true, last: { commandId: '2', state: 'queued', baseSha256: input.baseSha256, revisionSha256: SEALED, createdAt: '2026-12-01T03:00:00.000Z', lastError: null, refusal: null } };
      },
      'hub.queueCommand': (input) => queued(input.kind),
      'hub.getStatus': () => null,
    });
    const { unmount } = renderOverCore(api, <HubIssueAction documentId={7} />);
    const user = userEvent.setup();
    expect(await screen.findByText(messages['hubIssue.numbered'].vi.replace('{number}', '05'))).toBeDefined();
    await user.click(screen.getByRole('button', { name: messages['signing.agency.button'].vi }));
    expect(await screen.findByText(messages['hubIssue.file'].vi.replace('{number}', '05').replace('{name}', 'quyet-dinh.pdf'))).toBeDefined();
    const pin = (await waitFor(() => document.querySelector('input[type="password"]'))) as HTMLInputElement;
    await user.type(pin, '654321');
    await user.click(screen.getByRole('button', { name: messages['signing.agency.button'].vi }));
    await waitFor(() => expect(calls.find((call) => call.method === 'hub.sealRevision')).toBeDefined());
    expect(calls.find((call) => call.method === 'hub.sealRevision')!.input).toEqual({ documentId: 7, baseSha256: SIGNED, slot: '2', certificateId: '11', pin: '654321' });
    expect(await screen.findByText(/Bản đã ký đang chờ gửi lên máy chủ cơ quan/)).toBeDefined();

    // Sealed at the hub (the feed brought it): the page opened again offers sending.
    unmount();
    renderOverCore(api, <HubIssueAction documentId={7} />);
    await user.type(await screen.findByLabelText(messages['hubIssue.recipients'].vi), ' H02.00.TEST, G09.01.TEST ');
    await user.click(screen.getByRole('button', { name: messages['hubIssue.send'].vi }));
    await waitFor(() => expect(calls.find((call) => call.method === 'hub.queueCommand')?.input).toEqual({ kind: 'draft.send', payload: { documentId: 7, recipients: ['H02.00.TEST', 'G09.01.TEST'] } }));
  });

  it('sends a sealed internal document to the units she picks, never asking for axis codes', async () => {
    window.localStorage.setItem('vanthu.lang', 'vi');
    const directory: HubDirectory = {
      units: [
        { id: 2, code: 'TH', name: 'Phòng Tổng hợp', parentId: null },
        { id: 3, code: 'KT', name: 'Phòng Kế toán', parentId: null },
      ],
      users: [{ id: 7, username: 'chuyenvien', displayName: 'Phạm Chuyên Viên', unitId: 2, roles: ['specialist'] }],
    };
    const { api, calls } = scriptedCore({
      'hub.signingView': () => ({ ...view('send', '04'), internal: true }),
      'hub.commands': () => [],
      'hub.directory': () => directory,
      'hub.queueCommand': (input) => queued(input.kind),
      'hub.getStatus': () => null,
    });
    renderOverCore(api, <HubIssueAction documentId={7} />);
    const user = userEvent.setup();
    const send = await screen.findByRole('button', { name: messages['hubIssue.sendInternal'].vi });
    expect(screen.queryByLabelText(messages['hubIssue.recipients'].vi)).toBeNull();
    // People are not recipients here: units only.
    expect(screen.queryByLabelText('Phạm Chuyên Viên')).toBeNull();
    await user.click(send);
    expect(await screen.findByText(messages['hubIssue.needUnit'].vi)).toBeDefined();
    expect(calls.some((call) => call.method === 'hub.queueCommand')).toBe(false);
    await user.click(screen.getByLabelText('Phòng Kế toán'));
    await user.click(send);
    await waitFor(() => expect(calls.find((call) => call.method === 'hub.queueCommand')?.input).toEqual({ kind: 'draft.sendInternal', payload: { documentId: 7, units: [3] } }));
  });

  it('shows nothing to whoever has no step here', async () => {
    const { api, calls } = scriptedCore({ 'hub.signingView': () => view(null), 'hub.commands': () => [] });
    const { container } = renderOverCore(api, <HubIssueAction documentId={7} />);
    await waitFor(() => expect(calls.length).toBeGreaterThanOrEqual(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.textContent).toBe('');
  });
});

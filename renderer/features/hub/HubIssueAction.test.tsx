// @vitest-environment jsdom
/**
 * The clerk's "Cấp số và ký số" and "Gửi" on a draft of the agency server, in a DOM, over a
 * scripted core that answers as test/hub-issue.test.ts shows the real one does: "Cấp số" queues
 * the number; once numbered, she signs the revision she was shown with the agency's certificate;
 * once sealed, she chooses the receiving agencies with the standalone desk's picker over the agency
 * server's directory (typed without accents), her last recipients chosen again by name, and sends;
 * offline she is told the directory needs the server; an internal document she sends to units she
 * picks from the directory instead. Nothing shows to anyone else.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgencyMatch } from '../../../shared/domain/agency.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { HubCommandItem, HubDirectory } from '../../../shared/api/hub-link.js';
import type { HubSigningView } from '../../../shared/api/hub-signing.js';
import type { TokenSummary } from '../../../shared/api/signing.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { HubIssueAction } from './HubIssueAction.js';

const SIGNED = 'a'.repeat(64);
const agency = (id: string, name: string, parents: string[] = []): AgencyMatch => ({ id, codeQd20: null, name, email: null, parentId: null, parents });
const HA_NOI = agency('000.00.00.H26', 'UBND Hà Nội');
const NOI_VU = agency('000.00.01.H26', 'Sở Nội vụ Hà Nội', ['UBND Hà Nội']);
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
  recipients: [],
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
      'hub.agencies': ({ query }) => (query === 'ubnd ha noi' ? { rows: [HA_NOI], total: 1 } : { rows: [], total: 0 }),
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
    // Nothing chosen yet: she is asked to choose.
    await user.click(await screen.findByRole('button', { name: messages['hubIssue.send'].vi }));
    expect(screen.getByText(messages['send.recipients.required'].vi)).toBeDefined();
    const search = screen.getByRole('combobox', { name: messages['send.search.label'].vi });
    await user.type(search, 'ubnd ha noi');
    await screen.findByRole('option', { name: /UBND Hà Nội/ });
    // The only one found: Enter takes it.
    await user.type(search, '{Enter}');
    expect(screen.getByRole('list', { name: messages['send.chosen.label'].vi }).textContent).toContain('UBND Hà Nội');
    await user.click(screen.getByRole('button', { name: messages['hubIssue.send'].vi }));
    await waitFor(() => expect(calls.find((call) => call.method === 'hub.queueCommand')?.input).toEqual({ kind: 'draft.send', payload: { documentId: 7, recipients: ['000.00.00.H26'] } }));
    // The server's directory, never this desk's empty copy nor its groups.
    expect(calls.filter((call) => call.method === 'hub.agencies').map((call) => call.input)).toContainEqual({ query: 'ubnd ha noi', limit: 20, offset: 0 });
    expect(calls.some((call) => call.method === 'agencies.search' || call.method === 'recipientGroups.list')).toBe(false);
  });

  it('chooses her last recipients again by name (by code for one the directory lost); offline it says the directory needs the server', async () => {
    window.localStorage.setItem('vanthu.lang', 'vi');
    let online = true;
    const { api, calls } = scriptedCore({
      'hub.signingView': () => ({ ...view('send', '05'), recipients: ['000.00.01.H26', '000.00.99.H99'] }),
      'hub.commands': () => [],
      'hub.queueCommand': (input) => queued(input.kind),
      'hub.getStatus': () => null,
      'hub.agencyNames': ({ ids }) => [NOI_VU].filter((found) => ids.includes(found.id)),
      'hub.agencies': () => {
        if (!online) throw new ApiError('unavailable', 'The agency directory is on the agency server, which does not answer now.');
        return { rows: [HA_NOI], total: 1 };
      },
    });
    renderOverCore(api, <HubIssueAction documentId={7} />);
    const user = userEvent.setup();
    const chips = await screen.findByRole('list', { name: messages['send.chosen.label'].vi });
    await waitFor(() => expect(chips.querySelectorAll('li')).toHaveLength(2));
    expect([...chips.querySelectorAll('.chip-name')].map((chip) => chip.textContent)).toEqual(['Sở Nội vụ Hà Nội', '000.00.99.H99']);
    expect(chips.textContent).toContain('UBND Hà Nội');

    online = false;
    await user.type(screen.getByRole('combobox', { name: messages['send.search.label'].vi }), 'ubnd');
    expect((await screen.findByRole('alert')).textContent).toBe(messages['send.directoryOffline'].vi);
    expect(screen.queryByRole('option')).toBeNull();

    await user.click(screen.getByRole('button', { name: messages['send.remove'].vi.replace('{name}', '000.00.99.H99') }));
    await user.click(screen.getByRole('button', { name: messages['hubIssue.send'].vi }));
    await waitFor(() => expect(calls.find((call) => call.method === 'hub.queueCommand')?.input).toEqual({ kind: 'draft.send', payload: { documentId: 7, recipients: ['000.00.01.H26'] } }));
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
    expect(screen.queryByRole('combobox', { name: messages['send.search.label'].vi })).toBeNull();
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

// @vitest-environment jsdom
/**
 * "Ký duyệt" in the detail view of agency mode, in a DOM, over a scripted core that answers as
 * test/desk-hub-signing.test.ts shows the real one does: a stale refusal is said in plain
 * Vietnamese and nothing is signed again until the leader clicks and types his PIN; he then signs
 * the revision he was shown, and the bar says his signature waits to be sent.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubSigningView } from '../../../shared/api/hub-signing.js';
import type { TokenSummary } from '../../../shared/api/signing.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { HubSignAction } from './HubSignAction.js';

const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);
const MINE = 'c'.repeat(64);
const SIGNED = 'd'.repeat(64);

const token: TokenSummary = {
  slot: '1',
  label: 'LEADER',
  manufacturer: 'SoftHSM',
  serial: '1',
  pinLow: false,
  pinFinalTry: false,
  pinLocked: false,
  certificates: [
    {
      id: '01',
      sha256: 'e'.repeat(64),
      holderName: 'Nguyễn Văn An',
      holderTitle: null,
      holderOrganization: null,
      holder: 'CN=Nguyễn Văn An',
      issuer: 'CN=Test CA',
      serialNumber: '01',
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter: '2028-01-01T00:00:00.000Z',
      usable: true,
      reason: null,
      kind: { kind: 'person', source: 'subject', subjectKind: 'person', marker: 'title' },
    },
  ],
};

const base = (file: string): HubSigningView => ({ documentId: 7, file: { attachmentId: 3, name: 'quyet-dinh.pdf', sha256: file }, blocked: null, fileHere: true, last: null, signedCurrent: false, clerkStep: null, number: null, internal: false, recipients: [] });
const staleView: HubSigningView = {
  ...base(OLD),
  last: { commandId: '1', state: 'refused', baseSha256: OLD, revisionSha256: MINE, createdAt: '2026-12-01T02:00:00.000Z', lastError: null, refusal: { reason: 'stale', message: 'Someone changed file 3 after you opened it.' } },
};

afterEach(cleanup);

describe('HubSignAction', () => {
  it('says a stale refusal plainly, signs nothing by itself, and signs the new revision only when the leader asks', async () => {
    window.localStorage.setItem('vanthu.lang', 'vi');
    let view = staleView;
    const { api, calls } = scriptedCore({
      'hub.signingView': (input) => (input.refresh ? (view = { ...staleView, file: base(NEW).file }) : view),
      'signing.listTokens': () => [token],
      'hub.signRevision': (input) => ({ ...view, signedCurrent: true, last: { commandId: '2', state: 'queued', baseSha256: input.baseSha256, revisionSha256: SIGNED, createdAt: '2026-12-01T03:00:00.000Z', lastError: null, refusal: null } }),
    });
    renderOverCore(api, <HubSignAction documentId={7} signerName="Nguyễn Văn An" />);
    expect(await screen.findByText(messages['hubSign.stale'].vi)).toBeDefined();
    const again = screen.getByRole('button', { name: messages['hubSign.signNew'].vi });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls.map((call) => call.method)).toEqual(['hub.signingView']);

    const user = userEvent.setup();
    await user.click(again);
    expect(await screen.findByText(messages['hubSign.file'].vi.replace('{name}', 'quyet-dinh.pdf'))).toBeDefined();
    expect(calls[1]).toEqual({ method: 'hub.signingView', input: { documentId: 7, refresh: true } });
    const pin = (await waitFor(() => document.querySelector('input[type="password"]'))) as HTMLInputElement;
    await user.type(pin, '123456');
    await user.click(screen.getByRole('button', { name: messages['signing.leader.button'].vi }));

    await waitFor(() => expect(calls.find((call) => call.method === 'hub.signRevision')).toBeDefined());
    expect(calls.find((call) => call.method === 'hub.signRevision')!.input).toEqual({ documentId: 7, baseSha256: NEW, slot: '1', certificateId: '01', pin: '123456' });
    expect(await screen.findByText(/Chữ ký đang chờ gửi lên máy chủ cơ quan/)).toBeDefined();
    expect(screen.queryByRole('button', { name: messages['hubSign.signNew'].vi })).toBeNull();
  });

  it('shows nothing to whoever cannot sign the document here', async () => {
    const { api, calls } = scriptedCore({ 'hub.signingView': () => ({ ...base(OLD), blocked: 'not_leader' }) });
    const { container } = renderOverCore(api, <HubSignAction documentId={7} />);
    await waitFor(() => expect(calls).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.textContent).toBe('');
  });
});

// @vitest-environment jsdom
/**
 * "Quản trị → Nhật ký" over a scripted core: rows in plain words (time dd/MM/yyyy HH:mm in
 * Vietnam's time, the person, the computer, what was done, the document), hashes only behind
 * "Chi tiết"; "Xem thêm" asks for the rows below the last; the filters go to the core together;
 * a broken chain is said with the row where it breaks.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../shared/hub/audit-log.js';
import { messages } from '../../../shared/i18n/messages.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { AdminScreen } from './AdminScreen.js';

const row = (seq: number, fields: Partial<AuditRow>): AuditRow => ({
  seq,
  at: '2026-12-01T02:05:00.000Z',
  actor: 'cv-mat',
  actorName: 'Nguyễn Văn Mật',
  action: 'document.read',
  subject: 'document:5',
  document: { id: 5, subject: 'Công văn mật' },
  desk: { session: '0192f5e2-7b1c-7cc1-8a3e-4f2b9c1d2e3f', name: 'MAY-01', address: '10.0.0.7' },
  details: { register: 'mat', document: true },
  hash: 'a'.repeat(64),
  prevHash: 'b'.repeat(64),
  ...fields,
});

beforeEach(() => window.localStorage.setItem('vanthu.lang', 'vi'));
afterEach(cleanup);

describe('the audit log tab', () => {
  it('shows rows in plain words, pages with "Xem thêm", sends the filters together and says where a broken chain breaks', async () => {
    const { api, calls } = scriptedCore({
      'hub.audit': (input) =>
        input.before === undefined
          ? { rows: [row(9, {}), row(8, { actor: 'cli', actorName: null, action: 'unit.create', subject: 'unit:2', document: null, desk: null, details: {} })], nextBefore: 8 }
          : { rows: [row(3, { action: 'workflow.assigned', at: '2026-11-30T17:30:00.000Z' })], nextBefore: null },
      'hub.auditChain': () => ({ ok: false, brokenAtSeq: 8, rows: 8 }),
      'policy.get': () => ({ policy: {}, problems: [] }),
    });
    renderOverCore(api, <AdminScreen />);
    const table = await screen.findByRole('table', { name: messages['audit.table.label'].vi });
    const lines = () => within(table).getAllByRole('row').slice(1);
    const [read, created] = lines();
    expect(read!.textContent).toContain('01/12/2026 09:05');
    expect(read!.textContent).toContain('Nguyễn Văn Mật (cv-mat)');
    expect(read!.textContent).toContain('MAY-01, địa chỉ 10.0.0.7');
    expect(read!.textContent).toContain(messages['audit.action.document.read'].vi);
    expect(read!.textContent).toContain('Văn bản số 5: Công văn mật');
    expect(created!.textContent).toContain(messages['audit.actor.cli'].vi);
    expect(created!.textContent).toContain(messages['audit.action.unit.create'].vi);
    // The hashes are there for "Chi tiết", closed.
    const details = within(read!).getByText(messages['common.details'].vi).closest('details')!;
    expect(details.open).toBe(false);
    expect(within(details).getByText('a'.repeat(64))).toBeDefined();

    expect(await screen.findByText(messages['audit.chain.broken'].vi.replace('{seq}', '8'))).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: messages['audit.more'].vi }));
    await waitFor(() => expect(lines()).toHaveLength(3));
    // Assigned at 00:30 on 1 December in Vietnam, 17:30 UTC the day before; named as the timeline names the step.
    expect(lines()[2]!.textContent).toContain('01/12/2026 00:30');
    expect(lines()[2]!.textContent).toContain(messages['flow.step.assigned'].vi);
    expect(screen.queryByRole('button', { name: messages['audit.more'].vi })).toBeNull();
    expect(calls.filter((call) => call.method === 'hub.audit').map((call) => call.input)).toEqual([
      { filter: { restrictedOnly: false }, limit: 100 },
      { filter: { restrictedOnly: false }, limit: 100, before: 8 },
    ]);

    const form = screen.getByRole('form', { name: messages['audit.filters'].vi });
    fireEvent.change(within(form).getByLabelText(messages['audit.filter.actor'].vi), { target: { value: ' cv-mat ' } });
    fireEvent.change(within(form).getByLabelText(messages['audit.filter.kind'].vi), { target: { value: 'restrictedRead' } });
    fireEvent.change(within(form).getByLabelText(messages['audit.filter.document'].vi), { target: { value: '5' } });
    fireEvent.click(within(form).getByLabelText(messages['audit.filter.restrictedOnly'].vi));
    fireEvent.click(within(form).getByRole('button', { name: messages['audit.filter.apply'].vi }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'hub.audit').at(-1)!.input).toEqual({ filter: { actor: 'cv-mat', kind: 'restrictedRead', document: 5, restrictedOnly: true }, limit: 100 }));
  });
});

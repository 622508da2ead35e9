/**
 * Agency mode end to end, browser mode: the hub on PostgreSQL is agency A on a reference axis;
 * its clerk, leader and specialist each work at a desk of their own (own data folder, own browser
 * context, signed in through "Kết nối máy chủ cơ quan"); agency B is a standalone VanThu on the
 * same axis. A document B sends arrives at the hub; the clerk's and the leader's desks receive it,
 * the specialist's does not (he is in another unit and nobody has given it to him).
 */
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './app-under-test.js';
import { expect, test, type Desk } from './hub-agency.js';
import { nav } from './screens.js';

const SAMPLE_PDF = path.join(ROOT, 'assets', 'sample.pdf');

const subjectsOf = (desk: Desk) => desk.replica.documents().map((document) => document.subject);

async function openOutgoing(page: Page, subject: string): Promise<void> {
  await nav(page, 'Văn bản đi').click();
  await page.getByRole('table', { name: 'Danh sách văn bản đi' }).getByRole('link', { name: subject, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
}

test('a document from agency B reaches the hub and the clerk’s desk, not the specialist’s', async ({ hubAgency }) => {
  test.setTimeout(300_000);
  const { hub, desks, partner } = hubAgency;
  const { clerk, leader, specialist } = desks;
  const subject = 'V/v đề nghị báo cáo kết quả chuyển đổi số năm 2026';

  await test.step('each desk is online as its person', async () => {
    for (const desk of [clerk, leader, specialist]) {
      // Up to a long-poll (25 s) late: the sign-in's answer, "connecting", can land after the
      // event that said "connected", and the desk says it again only at its next feed answer.
      await expect(desk.bar).toContainText('Đã kết nối máy chủ cơ quan', { timeout: 40_000 });
      await expect(desk.bar).toContainText(`Đăng nhập: ${desk.person.displayName}`);
    }
  });

  await test.step('B sends a document to A over the axis; the hub says it arrived', async () => {
    const draft = await partner.app.call<{ id: number }>('drafts.create', { subject, summary: '' });
    await partner.app.call('drafts.update', { id: draft.id, fields: { codeNotation: 'UBND-VP', typeName: 'Công văn', signerFullName: 'Phạm Văn Dũng', priority: 0 } });
    await partner.app.call('attachments.add', { documentId: draft.id, name: 'Công văn.pdf', contentType: 'application/pdf', bytes: new Uint8Array(await readFile(SAMPLE_PDF)) });
    await partner.app.call('documents.send', { id: draft.id, recipients: [hub.credential.code] });
    // The hub's exchange took it and answered 01: B's clerk sees it arrived at A.
    await openOutgoing(partner.page, subject);
    const atA = partner.page.getByRole('table', { name: 'Tình trạng tại các cơ quan nhận' }).getByRole('row').filter({ hasText: hub.credential.name });
    await expect(atA).toContainText('Đã đến', { timeout: 60_000 });
  });

  await test.step('the clerk’s and the leader’s desks hold it; the specialist’s, past the same change, does not', async () => {
    await expect.poll(() => subjectsOf(clerk), { timeout: 60_000 }).toContain(subject);
    await expect.poll(() => subjectsOf(leader), { timeout: 60_000 }).toContain(subject);
    const arrived = clerk.replica.cursor();
    // The hub moves a desk past changes it may not see (the long-poll's `next`): once the
    // specialist's desk is there, the document would be in its replica if the hub had sent it.
    await expect.poll(() => specialist.replica.cursor(), { timeout: 60_000 }).toBeGreaterThanOrEqual(arrived);
    expect(subjectsOf(specialist)).not.toContain(subject);
    await expect(specialist.bar).toContainText('Đã kết nối máy chủ cơ quan');
  });
});

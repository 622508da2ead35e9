/**
 * Records in the UI, browser mode, real SoftHSM2 tokens, the reference axis: a signed document
 * sent by A arrives at B; B's clerk copies it as "SAO Y" with the agency's signature (valid for
 * VanThu's verifier and pdfsig), adds a dossier to the year's list, files the document into it
 * (the suggested one), closes it, signs and exports the handover package, which a test then
 * checks against the archive metadata rules, and records the archive's receipt. The handover puts
 * every signature in archival form (PAdES B-LTA), which needs a time-stamp server: a local
 * `openssl ts` TSA, set as IT would in Settings and trusted by the receiver.
 */
import { expect, test } from './fixtures.js';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './app-under-test.js';
import { makeTestTokens, testCertificate } from '../test/tokens.js';
import { startCrlServer } from '../test/pdf-corpus/crl-server.js';
import { startLocalTsa } from '../test/local-tsa.js';
import { checkArchivePackage } from '../test/archive-package-check.js';
import { sendSignedDocument } from './signed-document.js';

function pdfsig(file: string): string {
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

test('a received document is copied as SAO Y, filed, its dossier closed and handed over; the package passes the archive rules', async ({ browser, axis, agency }) => {
  test.setTimeout(180_000);
  const crl = await startCrlServer();
  const manifest = await makeTestTokens({ crlUrl: crl.url });
  crl.crl = new Uint8Array(await readFile(manifest.crl));
  const tsaDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-records-tsa-'));
  const tsa = await startLocalTsa(tsaDir);
  const tokenEnv = { SOFTHSM2_CONF: manifest.conf, VANTHU_PKCS11_MODULE: manifest.module };
  const sender = await agency(0, { env: tokenEnv });
  const receiver = await agency(1, { env: tokenEnv, trustAnchors: [manifest.caCertificate, tsa.caFile] });
  try {
    const [a, b] = [sender.call, receiver.call];
    const receiverCredential = axis.agencies[1];
    await b('signing.setTsa', { url: tsa.url });
    const subject = 'Kế hoạch phòng chống thiên tai năm 2026';
    const slotOf = await sendSignedDocument(a, manifest, { subject, codeNotation: 'KH-UBND', typeName: 'Kế hoạch', fileName: 'ke-hoach.pdf' }, receiverCredential!.code);
    const agency = testCertificate(manifest, 'agency');
    const agencyChoice = `${slotOf('AGENCY')}:${agency.id}`;
    const year = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));

    /** VanThu's own verifier, as IT staff run it; asynchronously: the CRL it fetches is served by this process. */
    const vanthuVerify = async (file: string) => {
      const cli = await promisify(execFile)(process.execPath, [path.join(ROOT, 'dist', 'core', 'verify-cli.cjs'), '--json', file, '--trust', manifest.caCertificate, '--trust', tsa.caFile], { encoding: 'utf8' }).catch(
        (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
      );
      return JSON.parse(cli.stdout) as { indication: string; subIndication: string | null; signatures: { level: string }[] }[];
    };

    const page = await receiver.open(browser);
    // The year's list first: a dossier for plans.
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByText('Thêm hồ sơ vào danh mục').click();
    const form = page.getByRole('form', { name: 'Thêm hồ sơ vào danh mục' });
    await form.getByLabel('Số và ký hiệu hồ sơ').fill('02.VP');
    await form.getByLabel('Tiêu đề hồ sơ').fill('Kế hoạch phòng chống thiên tai');
    await form.getByLabel('Người lập hồ sơ').fill('Trần Thị Bình');
    await form.getByLabel('Thời hạn bảo quản (năm)').fill('20');
    await form.getByLabel('Loại văn bản thường có trong hồ sơ').fill('Kế hoạch, Báo cáo');
    await form.getByRole('button', { name: 'Thêm hồ sơ' }).click();
    const list = page.getByRole('table', { name: `Danh mục hồ sơ năm ${year}` });
    await expect(list.getByRole('row').filter({ hasText: '02.VP' })).toContainText('20 năm');

    // The document arrives with the next sync round.
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Văn bản đến', exact: true }).click();
    const row = page.getByRole('table', { name: 'Danh sách văn bản đến' }).getByRole('row').filter({ hasText: subject });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await row.getByRole('link', { name: subject }).click();

    // SAO Y, signed with the agency's token.
    const copies = page.getByRole('region', { name: 'Bản sao' });
    await copies.getByText('Sao văn bản').click();
    const copyForm = copies.getByRole('form', { name: 'Ký số bản sao của cơ quan' });
    await expect(copyForm.getByLabel('Hình thức sao')).toHaveValue('SY');
    await copyForm.getByLabel('Chứng thư số').selectOption(agencyChoice);
    await copyForm.getByLabel(/^Mã PIN của /).fill(agency.token.userPin);
    await copyForm.getByRole('button', { name: 'Ký số bản sao' }).click();
    await expect(copies.getByRole('status')).toHaveText('Đã ký số bản sao số 01/SY.', { timeout: 30_000 });
    // Saved, never opened in the app: the copy's link is a download.
    const [copyDownload] = await Promise.all([page.waitForEvent('download'), copies.getByRole('button', { name: 'Lưu bản sao 01/SY' }).click()]);
    expect(copyDownload.suggestedFilename()).toBe('SAO Y - ke-hoach.pdf');
    const copyFile_ = test.info().outputPath('sao-y.pdf');
    await copyDownload.saveAs(copyFile_);
    expect(pdfsig(copyFile_).match(/Signature is Valid/g)).toHaveLength(3);
    const verified = await vanthuVerify(copyFile_);
    expect(verified.map((report) => [report.indication, report.subIndication, report.signatures.length])).toEqual([['TOTAL_PASSED', null, 3]]);

    // Filed into the suggested dossier.
    const filing = page.getByRole('region', { name: 'Hồ sơ' });
    await expect(filing.getByLabel('Đưa vào hồ sơ')).toContainText('02.VP — Kế hoạch phòng chống thiên tai (gợi ý)');
    await filing.getByRole('button', { name: 'Lập vào hồ sơ' }).click();
    await expect(filing.getByText(`Hồ sơ 02.VP — Kế hoạch phòng chống thiên tai (năm ${year})`)).toBeVisible();

    // Closed, then handed over: the list signed, the package downloaded.
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    const dossierRow = list.getByRole('row').filter({ hasText: '02.VP' });
    await expect(dossierRow.getByRole('cell').nth(4)).toHaveText('1');
    await dossierRow.getByRole('button', { name: 'Đóng hồ sơ 02.VP' }).click();
    await expect(dossierRow).toContainText(`Đã đóng, hạn nộp lưu`);
    const handover = page.getByRole('region', { name: 'Nộp lưu vào lưu trữ cơ quan' });
    await handover.getByLabel(/^02\.VP — Kế hoạch phòng chống thiên tai/).check();
    const handoverForm = handover.getByRole('form', { name: 'Ký mục lục và xuất gói nộp lưu' });
    await handoverForm.getByLabel('Chứng thư số').selectOption(agencyChoice);
    await handoverForm.getByLabel(/^Mã PIN của /).fill(agency.token.userPin);
    const stamped = tsa.requests;
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), handoverForm.getByRole('button', { name: 'Ký và xuất gói nộp lưu' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^nop-luu-\d{8}-\d{6}\.zip$/);
    await expect(handover.getByRole('status')).toHaveText(`Đã xuất gói nộp lưu ${download.suggestedFilename()}.`);
    await expect(handover.getByText('Chữ ký số khi nộp lưu: 1/1 tệp hợp lệ')).toBeVisible();
    expect(tsa.requests).toBeGreaterThan(stamped);

    const report = await checkArchivePackage(new Uint8Array(await readFile((await download.path())!)));
    expect(report.problems).toEqual([]);
    expect(report.dossiers.map((dossier) => [dossier.metadata.fileCode, dossier.metadata.totalDoc, dossier.metadata.maintenance])).toEqual([[`${receiverCredential!.code}.${year}.02.VP`, '1', '05']]);
    const listPdf = test.info().outputPath('muc-luc-nop-luu.pdf');
    await writeFile(listPdf, report.entries.get('MUC_LUC_HO_SO_NOP_LUU.pdf')!);
    expect(pdfsig(listPdf).match(/Signature is Valid/g)).toHaveLength(1);
    // The document went in archival form: both signatures PAdES B-LTA, judged at the handover's document time-stamp.
    const documentPdf = test.info().outputPath('document.pdf');
    await writeFile(documentPdf, report.entries.get(report.dossiers[0]!.documents[0]!.files[0]!)!);
    expect(pdfsig(documentPdf).match(/Signature is Valid/g)).toHaveLength(2);
    expect((await vanthuVerify(documentPdf)).map((verdict) => [verdict.indication, verdict.signatures.map((signature) => signature.level)])).toEqual([['TOTAL_PASSED', ['B-LTA', 'B-LTA']]]);

    // The archive's receipt.
    const receipt = handover.getByRole('form', { name: `Biên bản giao nhận ${download.suggestedFilename()}` });
    await receipt.getByLabel('Người nhận (lưu trữ cơ quan)').fill('Lê Văn Cường');
    await receipt.getByRole('button', { name: 'Ghi nhận giao nhận' }).click();
    await expect(handover.getByText(/^Đã giao nhận ngày \d\d\/\d\d\/\d{4}, người nhận: Lê Văn Cường$/)).toBeVisible();
    await expect(dossierRow).toContainText('Đã nộp lưu');
    await page.screenshot({ path: test.info().outputPath('dossiers.png'), fullPage: true });
  } finally {
    await crl.close();
    await tsa.close();
    await rm(tsaDir, { recursive: true, force: true });
  }
});

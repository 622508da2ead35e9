/**
 * What VanThu writes in a document package, from a draft as the clerk filled it: the message
 * header of docs/formats.md#edxml-header (ToPlaces, the DocumentType codes of the agency's map),
 * in the default namespace, read back the same; the type map as IT configures it.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocumentPackage } from '../../../shared/edxml/builder.js';
import { DEFAULT_DOCUMENT_TYPE_CODES, type DocumentTypeCodes } from '../../../shared/edxml/document-type-codes.js';
import type { DocumentPackage } from '../../../shared/edxml/model.js';
import { collectText, parseXml } from '../../../test/edxml-fixtures.js';
import { useTempDirs } from '../../../test/temp-dir.js';
import { applyDirectoryRows } from '../store/agencies.js';
import { openDatabase } from '../store/database.js';
import { createDraft, getDocumentRow, updateDraft } from '../store/documents.js';
import { sqliteExchangeStore } from '../store/sqlite-exchange-store.js';
import { DOCUMENT_TYPES_FILE, readDocumentTypeCodes } from './document-type-config.js';
import { documentPackage } from './package-contents.js';

const tempDir = useTempDirs();

const SELF = '000.00.00.H41';
const RECIPIENTS = ['000.00.12.H41', '000.00.13.H41'];

/** A numbered draft with these fields, made into the package sent to RECIPIENTS (two agencies of the directory). */
async function packageOfDraft(fields: Parameters<typeof updateDraft>[2], typeCodes: DocumentTypeCodes = DEFAULT_DOCUMENT_TYPE_CODES): Promise<DocumentPackage> {
  const db = openDatabase(path.join(await tempDir(), 'vanthu.sqlite'));
  applyDirectoryRows(db, [
    { id: RECIPIENTS[0]!, codeQd20: null, parentId: SELF, name: 'Sở Nội vụ tỉnh Nghệ An', email: null, version: 1, deleted: false },
    { id: RECIPIENTS[1]!, codeQd20: null, parentId: SELF, name: 'Sở Tài chính tỉnh Nghệ An', email: null, version: 1, deleted: false },
  ]);
  const id = createDraft(db, { subject: 'Kế hoạch cải cách hành chính năm 2026', summary: '' }, 'test');
  updateDraft(db, id, fields, 'test');
  db.prepare("UPDATE documents SET code_number = '07' WHERE id = ?").run(id);
  const doc = getDocumentRow(db, id)!;
  const attachment = { id: 1, documentId: id, name: 'kh.pdf', contentType: 'application/pdf', size: 9, sha256: 'a'.repeat(64) };
  const pkg = await documentPackage(sqliteExchangeStore(db).read, {
    doc,
    documentId: `${SELF},2026/03/12,07/KH-UBND`,
    promulgationDate: '2026-03-12',
    attachments: [attachment],
    recipients: RECIPIENTS,
    selfId: SELF,
    now: new Date('2026-03-12T02:00:00Z'),
    typeCodes,
  });
  db.close();
  return pkg;
}

const xmlOf = (pkg: DocumentPackage) => collectText(buildDocumentPackage(pkg, () => [new TextEncoder().encode('%PDF-1.4\n')]));

describe('the package of a draft', () => {
  it('carries the draft’s "Nơi nhận" as ToPlaces and the type codes, in the default namespace, and reads back the same', async () => {
    const pkg = await packageOfDraft(
      { codeNotation: 'KH-UBND', typeName: 'kế hoạch', signerFullName: 'Nguyễn Văn An', place: 'Nghệ An', toPlaces: ['Như trên;', 'Sở Nội vụ (để b/c);', 'Lưu: VT, NC.'] },
      { ...DEFAULT_DOCUMENT_TYPE_CODES, 'Kế hoạch': { type: 3, typeDetail: 10 } },
    );
    const xml = await xmlOf(pkg);
    expect(xml).toContain('<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">');
    expect(xml).toMatch(/<ToPlaces>\s*<Place>Như trên;<\/Place>\s*<Place>Sở Nội vụ \(để b\/c\);<\/Place>\s*<Place>Lưu: VT, NC\.<\/Place>\s*<\/ToPlaces>/);
    expect(xml).toMatch(/<DocumentType>\s*<Type>3<\/Type>\s*<TypeDetail>10<\/TypeDetail>\s*<TypeName>kế hoạch<\/TypeName>\s*<\/DocumentType>/);
    expect(xml).toContain('<Direction>0</Direction>');
    const { parsed } = parseXml(xml);
    expect(parsed).toEqual({ kind: 'document', package: pkg });
    expect(parsed.kind === 'document' && parsed.package.header.toPlaces).toEqual(['Như trên;', 'Sở Nội vụ (để b/c);', 'Lưu: VT, NC.']);
  });

  it('still writes ToPlaces, part of the smallest header the axis accepts, when "Nơi nhận" was left empty: the agencies it is sent to', async () => {
    const pkg = await packageOfDraft({ codeNotation: 'KH-UBND', typeName: 'Kế hoạch', signerFullName: 'Nguyễn Văn An', place: 'Nghệ An', toPlaces: [] });
    const xml = await xmlOf(pkg);
    expect(xml).toMatch(/<ToPlaces>\s*<Place>Sở Nội vụ tỉnh Nghệ An<\/Place>\s*<Place>Sở Tài chính tỉnh Nghệ An<\/Place>\s*<\/ToPlaces>/);
  });
});

describe('the agency’s DocumentType map', () => {
  it('is NĐ 30’s list by default: Type 1, TypeDetail its place in the list', async () => {
    const codes = await readDocumentTypeCodes(await tempDir());
    expect(codes['Công văn']).toEqual({ type: 1, typeDetail: 18 });
    expect(codes['Quyết định']).toEqual({ type: 1, typeDetail: 2 });
  });

  it('takes the agency’s file over the defaults, names matched as a clerk reads them', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, DOCUMENT_TYPES_FILE), JSON.stringify({ 'công văn': { type: 2, typeDetail: 5 }, 'Công văn mật': { type: 9, typeDetail: 1 } }));
    const codes = await readDocumentTypeCodes(dir);
    expect(codes['công văn']).toEqual({ type: 2, typeDetail: 5 });
    expect(codes['Công văn']).toBeUndefined();
    expect(codes['Công văn mật']).toEqual({ type: 9, typeDetail: 1 });
    expect(codes['Quyết định']).toEqual({ type: 1, typeDetail: 2 });
  });

  it('keeps the defaults when the file is not such a map (a wrong number must never stop a document)', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, DOCUMENT_TYPES_FILE), JSON.stringify({ 'Công văn': { type: 'một' } }));
    expect(await readDocumentTypeCodes(dir)).toEqual(DEFAULT_DOCUMENT_TYPE_CODES);
    await writeFile(path.join(dir, DOCUMENT_TYPES_FILE), '{ not json');
    expect(await readDocumentTypeCodes(dir)).toEqual(DEFAULT_DOCUMENT_TYPE_CODES);
  });
});

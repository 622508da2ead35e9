import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../../shared/api/records.js';
import { documentMetadata, documentTypeCode, dossierMetadata, maintenanceCode, metadataProblems } from './archive-metadata.js';
import { rankDossiers } from './dossier-suggestions.js';
import { contentsTable } from './records-tables.js';
import { cellText } from '../export/table.js';

const dossier = (over: Partial<Dossier>): Dossier => ({
  id: 1, year: 2026, code: '01.VP', heading: '', title: 'Hồ sơ', retentionYears: 10, keeper: 'A', unit: '', typeNames: [], description: '', state: 'open',
  openedAt: '2026-01-02T00:00:00Z', closedAt: null, documentCount: 0, handoverRequired: true, handoverDue: null, handoverDueSoon: false, retentionEnds: null, handoverId: null,
  ...over,
});

const validDossier = {
  fileCode: '000.00.00.H41.2026.01.VP', title: 'Kế hoạch', maintenance: '05', mode: '01', language: '01', startDate: '05/03/2026', endDate: '06/12/2026',
  totalDoc: '1', numberOfPage: '3', riskRecovery: '0', description: '',
};
const validDocument = {
  docId: '2026.1.1', docCode: '000.00.00.H41.2026.01.VP.0000001', maintenance: '05', typeName: '10', issuedDate: '05/03/2026', organName: 'UBND tỉnh Nghệ An',
  subject: 'Kế hoạch', language: '01', numberOfPage: '3', mode: '01', riskRecovery: '0', process: '0', description: '',
};

describe('archive metadata rules', () => {
  it('maps retention and document types to the circular codes', () => {
    expect([null, 70, 50, 30, 20, 10, 15].map(maintenanceCode)).toEqual(['01', '02', '03', '04', '05', '06', '07']);
    expect(documentTypeCode('Công văn')).toBe('22');
    expect(documentTypeCode('cong van')).toBe('22');
    expect(documentTypeCode('Quyết định')).toBe('02');
    expect(documentTypeCode('Thư cảm ơn')).toBe('32');
    expect(documentTypeCode(null)).toBe('32');
  });

  it('accepts valid records and names each broken rule', () => {
    expect(metadataProblems(dossierMetadata, validDossier)).toEqual([]);
    expect(metadataProblems(documentMetadata, validDocument)).toEqual([]);
    expect(metadataProblems(dossierMetadata, { ...validDossier, startDate: '31/02/2026' })).toEqual(['startDate: not a day of the calendar']);
    expect(metadataProblems(dossierMetadata, { ...validDossier, startDate: '07/12/2026' })).toEqual(['endDate: must not be before startDate']);
    expect(metadataProblems(dossierMetadata, { ...validDossier, riskRecovery: '1' })).toEqual(['riskRecoveryStatus: required when riskRecovery is 1']);
    expect(metadataProblems(dossierMetadata, { ...validDossier, confidenceLevel: '02' })).toEqual(['paperFileCode: required for a digitised dossier']);
    expect(metadataProblems(dossierMetadata, { ...validDossier, language: '12' })).toHaveLength(1);
    expect(metadataProblems(dossierMetadata, { ...validDossier, extra: 'x' })).toHaveLength(1);
    expect(metadataProblems(documentMetadata, { ...validDocument, codeNumber: '123456789012' })).toEqual([expect.stringMatching(/^codeNumber: /)]);
    expect(metadataProblems(documentMetadata, { ...validDocument, docCode: '000.00.00.H41.2026.01.VP.1' })).toEqual(['docCode: fileCode + "." + a 7-digit ordinal']);
    expect(metadataProblems(documentMetadata, { ...validDocument, typeName: '33' })).toHaveLength(1);
  });
});

describe('filing suggestions', () => {
  it('puts the dossier of the type first, then the unit, then shared title words', () => {
    const list = [
      dossier({ id: 1, code: '01', title: 'Hội nghị' }),
      dossier({ id: 2, code: '02', title: 'Phòng chống thiên tai' }),
      dossier({ id: 3, code: '03', title: 'Tài chính', unit: 'Sở Tài chính' }),
      dossier({ id: 4, code: '04', title: 'Kế hoạch', typeNames: ['Kế hoạch'] }),
    ];
    const document = { typeName: 'ke hoach', subject: 'Kế hoạch phòng chống thiên tai', authorText: 'So Tai chinh Nghe An' };
    expect(rankDossiers(list, document).map((d) => d.id)).toEqual([4, 3, 2, 1]);
    expect(rankDossiers(list, { typeName: null, subject: 'Không liên quan', authorText: '' }).map((d) => d.id)).toEqual([1, 2, 3, 4]);
  });
});

describe('table of contents', () => {
  it('says where each document starts and ends in the dossier, the year written plainly', () => {
    const row = { documentId: 1, numberNotation: '05/KH-UBND', date: '2026-03-05', typeAndSubject: 'Kế hoạch: X', author: 'UBND', note: '' };
    const table = contentsTable('UBND tỉnh Nghệ An', dossier({}), [
      { ...row, ordinal: 1, pages: 3 },
      { ...row, ordinal: 2, pages: 0 },
      { ...row, ordinal: 3, pages: 2 },
    ]);
    expect(table.subtitle).toBe('Số, ký hiệu hồ sơ: 01.VP — Năm 2026 — Hồ sơ');
    expect(table.rows.map((r) => r[5])).toEqual(['1–3', '', '4–5']);
    expect(table.agency).toBe('UBND tỉnh Nghệ An');
    // A real date in a spreadsheet, day first in a PDF.
    expect(table.rows[0]![2]).toEqual({ iso: '2026-03-05' });
    expect(cellText(table.rows[0]![2]!)).toBe('05/03/2026');
  });
});

/**
 * The records' paper forms as tables (NĐ 30/2020 Appendix V; docs/formats.md#records), with the
 * Vietnamese headers of the forms whatever the UI language: the files are the agency's records.
 */
import type { CertifiedCopy, Dossier, DossierContentsRow } from '../../../shared/api/records.js';
import { t } from '../../../shared/i18n/messages.js';
import { dateCell, type ExportTable } from '../export/table.js';
import { vietnamDate } from '../../../shared/text/vietnam-time.js';
import { formatDayMonthYear, formatDocumentNumber } from '../../../shared/text/display-formats.js';

export function retentionText(retentionYears: number | null): string {
  return retentionYears === null ? t('dossiers.retention.permanent', 'vi') : t('dossiers.retention.years', 'vi', { years: retentionYears });
}

/** Mục lục văn bản, tài liệu: the dossier's documents with where each starts and ends in it. */
export function contentsTable(agency: string, dossier: Dossier, rows: readonly DossierContentsRow[]): ExportTable {
  let page = 0;
  return {
    agency,
    title: t('dossiers.contents.title', 'vi'),
    subtitle: t('dossiers.contents.subtitle', 'vi', { code: dossier.code, year: String(dossier.year), title: dossier.title }),
    columns: [
      { header: t('dossiers.contents.col.ordinal', 'vi'), width: 5 },
      { header: t('dossiers.contents.col.numberNotation', 'vi'), width: 12 },
      { header: t('dossiers.contents.col.date', 'vi'), width: 9 },
      { header: t('dossiers.contents.col.typeAndSubject', 'vi'), width: 34 },
      { header: t('dossiers.contents.col.author', 'vi'), width: 16 },
      { header: t('dossiers.contents.col.pages', 'vi'), width: 8 },
      { header: t('dossiers.contents.col.note', 'vi'), width: 10 },
    ],
    rows: rows.map((row) => {
      const first = page + 1;
      page += row.pages;
      return [row.ordinal, row.numberNotation, dateCell(row.date), row.typeAndSubject, row.author, row.pages > 0 ? `${first}–${page}` : '', row.note];
    }),
  };
}

/** Danh mục hồ sơ: the year's list under its headings. */
export function dossierListTable(agency: string, year: number, dossiers: readonly Dossier[]): ExportTable {
  return {
    agency,
    title: t('dossiers.list.title', 'vi'),
    subtitle: t('dossiers.list.subtitle', 'vi', { year: String(year) }),
    columns: [
      { header: t('dossiers.col.code', 'vi'), width: 10 },
      { header: t('dossiers.col.title', 'vi'), width: 40 },
      { header: t('dossiers.col.retention', 'vi'), width: 10 },
      { header: t('dossiers.col.keeper', 'vi'), width: 14 },
      { header: t('dossiers.col.note', 'vi'), width: 10 },
    ],
    rows: dossiers.map((dossier) => [dossier.code, dossier.heading ? `${dossier.heading} — ${dossier.title}` : dossier.title, retentionText(dossier.retentionYears), dossier.keeper, dossier.description]),
  };
}

export interface HandoverListRow {
  dossier: Dossier;
  startDate: string;
  endDate: string;
  pages: number;
  /** The package id (OBJID) of the dossier's SIP in the zip. */
  packageId: string;
}

/** Mục lục hồ sơ, tài liệu nộp lưu: what is handed over; the notes name each dossier's package. */
export function handoverListTable(agencyName: string, rows: readonly HandoverListRow[]): ExportTable {
  return {
    agency: agencyName,
    title: t('handover.list.title', 'vi'),
    subtitle: t('handover.list.subtitle', 'vi', { agency: agencyName, count: rows.length }),
    columns: [
      { header: t('dossiers.contents.col.ordinal', 'vi'), width: 5 },
      { header: t('dossiers.col.code', 'vi'), width: 10 },
      { header: t('dossiers.col.title', 'vi'), width: 30 },
      { header: t('handover.col.period', 'vi'), width: 14 },
      { header: t('dossiers.col.retention', 'vi'), width: 9 },
      { header: t('handover.col.pages', 'vi'), width: 7 },
      { header: t('dossiers.col.note', 'vi'), width: 25 },
    ],
    rows: rows.map((row, i) => [i + 1, row.dossier.code, row.dossier.title, `${formatDayMonthYear(row.startDate)} – ${formatDayMonthYear(row.endDate)}`, retentionText(row.dossier.retentionYears), row.pages, row.packageId]),
  };
}

/** The copies register's book of a year. */
export function copiesTable(agency: string, year: number, copies: readonly CertifiedCopy[]): ExportTable {
  return {
    agency,
    title: t('copies.register.title', 'vi'),
    subtitle: t('copies.register.subtitle', 'vi', { year: String(year) }),
    columns: [
      { header: t('copies.col.number', 'vi'), width: 8 },
      { header: t('copies.col.date', 'vi'), width: 9 },
      { header: t('copies.col.kind', 'vi'), width: 9 },
      { header: t('copies.col.document', 'vi'), width: 36 },
      { header: t('copies.col.pages', 'vi'), width: 8 },
      { header: t('copies.col.signer', 'vi'), width: 20 },
      { header: t('copies.col.note', 'vi'), width: 12 },
    ],
    rows: copies.map((copy) => [
      `${formatDocumentNumber(copy.number)}/${copy.kind}`,
      dateCell(vietnamDate(new Date(copy.createdAt))),
      t(`copies.kind.${copy.kind}`, 'vi'),
      copy.documentNotation ? `${copy.documentNotation} — ${copy.documentSubject}` : copy.documentSubject,
      copy.pages ?? '',
      copy.signer,
      copy.note,
    ]),
  };
}

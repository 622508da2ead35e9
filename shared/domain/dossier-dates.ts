/**
 * The dates a dossier's life is measured by (docs/formats.md#dossiers): the handover deadline,
 * one year after the work ended (NĐ 30/2020 Art. 30.2), the warning 30 days before it (Appendix
 * VI), and the end of the retention period, counted in whole years from 1 January after the
 * year the work ended. Dates are YYYY-MM-DD in Vietnam's calendar.
 */

/** Dossiers kept at least this long go to the agency's archive (NĐ 30/2020 Art. 31.3.c). */
export const HANDOVER_MIN_RETENTION_YEARS = 5;
export const HANDOVER_WARNING_DAYS = 30;

export function handoverRequired(retentionYears: number | null): boolean {
  return retentionYears === null || retentionYears >= HANDOVER_MIN_RETENTION_YEARS;
}

/** The same day one year later; 29 February gives 28 February. */
export function handoverDue(closedOn: string): string {
  const [year, month, day] = closedOn.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year + 1, month, 0)).getUTCDate();
  return `${year + 1}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function handoverDueSoon(due: string, today: string): boolean {
  return addDays(due, -HANDOVER_WARNING_DAYS) <= today;
}

/** The last day of the retention period; null for a permanent dossier. */
export function retentionEnds(closedOn: string, retentionYears: number | null): string | null {
  return retentionYears === null ? null : `${Number(closedOn.slice(0, 4)) + retentionYears}-12-31`;
}

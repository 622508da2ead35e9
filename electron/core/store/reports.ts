/**
 * Reports as SQL aggregates over the documents. Days are Vietnam's (+07:00): a document
 * received at 23:30 UTC on 31 March counts in April. A period is two dates, both included.
 */
import type { CountRow, OverdueRow, ProcessingTimes } from '../../../shared/api/registers.js';
import type { Db } from './database.js';

export interface Period {
  from: string;
  to: string;
}

export type CountGrouping = 'month' | 'agency' | 'type';

/**
 * One row per document and counterpart: a sent document once per recipient (per-agency counts
 * need them; other groupings count distinct documents), a received one with its sender.
 */
const FLOWS = `
  WITH flows AS (
    SELECT d.id, 'sent' AS kind, COALESCE(d.promulgation_date, date(d.created_at, '+7 hours')) AS day, d.type_name,
           COALESCE(a.name, r.recipient_id) AS agency
    FROM documents d LEFT JOIN recipient_statuses r ON r.document_id = d.id LEFT JOIN agencies a ON a.id = r.recipient_id
    WHERE d.direction = 'outgoing'
    UNION ALL
    SELECT d.id, 'received', date(COALESCE(d.received_at, d.created_at), '+7 hours'), d.type_name, COALESCE(d.sender_name, d.sender_id)
    FROM documents d WHERE d.direction = 'incoming'
  )`;

const GROUP_LABEL: Record<CountGrouping, string> = {
  month: 'substr(day, 1, 7)',
  agency: "COALESCE(agency, '')",
  type: "COALESCE(NULLIF(trim(type_name), ''), '')",
};

/** Sent and received counts per month, per agency (the `limit` busiest) or per document type. */
export function countDocuments(db: Db, grouping: CountGrouping, period: Period, limit: number): CountRow[] {
  const label = GROUP_LABEL[grouping];
  const order = grouping === 'month' ? 'label' : 'sent + received DESC, label';
  return db
    .prepare(
      `${FLOWS}
       SELECT ${label} AS label,
              count(DISTINCT CASE WHEN kind = 'sent' THEN id END) AS sent,
              count(DISTINCT CASE WHEN kind = 'received' THEN id END) AS received
       FROM flows WHERE day BETWEEN ? AND ?
       GROUP BY 1 ORDER BY ${order} LIMIT ?`,
    )
    .all(period.from, period.to, limit) as CountRow[];
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round1 = (hours: number) => Math.round(hours * 10) / 10;

/** From arrival to done (status 06 sent back), for the documents done in the period; overall and per type. */
export function processingTimes(db: Db, period: Period): ProcessingTimes {
  const rows = db
    .prepare(
      `SELECT COALESCE(NULLIF(trim(d.type_name), ''), '') AS type,
              (julianday(min(e.occurred_at)) - julianday(d.received_at)) * 24 AS hours
       FROM documents d JOIN status_events e ON e.document_id = d.id AND e.direction = 'out' AND e.status_code = '06'
       WHERE d.direction = 'incoming' AND d.received_at IS NOT NULL
       GROUP BY d.id
       HAVING date(min(e.occurred_at), '+7 hours') BETWEEN ? AND ?
       ORDER BY hours`,
    )
    .all(period.from, period.to) as { type: string; hours: number }[];
  const hours = rows.map((row) => row.hours);
  const types = [...new Set(rows.map((row) => row.type))].sort();
  return {
    count: rows.length,
    medianHours: hours.length ? round1(percentile(hours, 50)) : null,
    p90Hours: hours.length ? round1(percentile(hours, 90)) : null,
    rows: types.map((type) => {
      const of = rows.filter((row) => row.type === type).map((row) => row.hours);
      return { label: type, count: of.length, medianHours: round1(percentile(of, 50)), p90Hours: round1(percentile(of, 90)) };
    }),
  };
}

/** Incoming documents whose due date passed before `today` and that are not done (nor returned or revoked). */
export function overdueDocuments(db: Db, today: string, limit: number): OverdueRow[] {
  return db
    .prepare(
      `SELECT id AS documentId, subject,
              CASE WHEN code_notation IS NOT NULL AND code_notation <> '' THEN COALESCE(code_number, '') || '/' || code_notation ELSE COALESCE(code_number, '') END AS numberNotation,
              COALESCE(sender_name, sender_id, '') AS senderName, due_date AS dueDate,
              CAST(julianday(?) - julianday(due_date) AS INTEGER) AS daysLate, state
       FROM documents
       WHERE direction = 'incoming' AND due_date IS NOT NULL AND due_date < ? AND state NOT IN ('done', 'returned', 'revoked')
       ORDER BY due_date, id LIMIT ?`,
    )
    .all(today, today, limit) as OverdueRow[];
}

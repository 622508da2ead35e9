/**
 * The hub's audit log (nhật ký) as the admin's viewer reads it: a page of rows, newest first, each
 * with the desk it came from, and the verdict on the chain. Holds no zod schema, so the renderer
 * may load it (test/renderer-no-eval.test.ts); the query's schema is `auditListQuery` in
 * accounts.ts. docs/architecture.md, "Audit log at the hub".
 */

/**
 * The kinds the viewer filters by, each a set of actions: exact names, and prefixes (`unit.`
 * matches `unit.create`). A kind not listed here is still shown under "all".
 */
export const AUDIT_KINDS = {
  signIn: { actions: ['sign_in', 'sign_out', 'sign_in_failed', 'sign_in_held_off'], prefixes: [] },
  denied: { actions: ['access_denied'], prefixes: [] },
  restrictedRead: { actions: ['document.read'], prefixes: [] },
  documents: { actions: ['attachment.signed'], prefixes: ['document.', 'draft.', 'workflow.', 'status.', 'outbox.', 'package.', 'request.'] },
  accounts: { actions: [], prefixes: ['unit.', 'user.', 'session.', 'register.'] },
  system: { actions: ['standalone.import'], prefixes: ['calendar.'] },
} as const satisfies Record<string, { actions: readonly string[]; prefixes: readonly string[] }>;
export type AuditKind = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_NAMES = Object.keys(AUDIT_KINDS) as AuditKind[];

/** The action of a restricted document's read, once per session and document. */
export const RESTRICTED_READ_ACTION = 'document.read';

/** The desk (máy) a row came from: the session's computer as the hub saw it at sign-in. */
export interface AuditDesk {
  session: string;
  /** The desk's computer name, when the desk said it (its user agent); null for other clients. */
  name: string | null;
  address: string;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  /** The actor's display name, when the actor is a user of the hub. */
  actorName: string | null;
  action: string;
  subject: string | null;
  /** The document the row is about (subject `document:<id>`), with its subject line if it still exists. */
  document: { id: number; subject: string | null } | null;
  desk: AuditDesk | null;
  details: Record<string, unknown>;
  /** Technical detail for "Chi tiết". */
  hash: string;
  prevHash: string;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Ask again with this as `before` while it is not null. */
  nextBefore: number | null;
}

export type AuditChainVerdict = { ok: true; rows: number } | { ok: false; brokenAtSeq: number; rows: number };

/**
 * The user agent a desk sends the hub, so the session (and every row it writes) names the
 * computer: `VanThu-desk (<computer name>)`.
 */
export const DESK_USER_AGENT_PREFIX = 'VanThu-desk';

export function deskUserAgent(computerName: string): string {
  // A header value: printable ASCII only, bounded.
  const name = computerName.replace(/[^\x20-\x7e]/g, '?').replace(/[()]/g, '').slice(0, 100);
  return `${DESK_USER_AGENT_PREFIX} (${name})`;
}

export function deskNameOf(userAgent: string): string | null {
  const match = /^VanThu-desk \(([^)]*)\)/.exec(userAgent);
  return match ? match[1]! : null;
}

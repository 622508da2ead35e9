/**
 * The desk's HTTP calls to the agency hub (shared/hub/*.ts is the contract). Every answer is
 * checked before it is used: the hub is the agency's server, but a proxy, a captive portal or a
 * hub of another version can answer anything. Failures are told apart by what the desk does next:
 * try again later (HubUnreachableError), sign in again (HubSessionEndedError), or show the hub's
 * refusal (HubRefusedError).
 */
import os from 'node:os';
import { z } from 'zod';
import type { AgencyMatch } from '../../../shared/domain/agency.js';
import { ROLES, type SignedIn } from '../../../shared/hub/accounts.js';
import type { HubAgencyPage } from '../../../shared/hub/agencies.js';
import { deskUserAgent, type AuditChainVerdict, type AuditPage } from '../../../shared/hub/audit-log.js';
import { COMMAND_REFUSALS, type CommandOutcome, type DeskCommand } from '../../../shared/hub/commands.js';
import type { FeedAnswer } from '../../../shared/hub/feed.js';
import type { HubDocument, SnapshotPage } from '../../../shared/hub/documents.js';
import type { RegisterAccess } from '../../../shared/hub/registers.js';
import type { WorkReport } from '../../../shared/hub/work-report.js';
import type { OverdueOverview } from '../../../shared/hub/workflow.js';

const CALL_TIMEOUT_MS = 30_000;
/** The hub holds a long-poll up to 25 s; more than that without an answer is a dead link. */
const FEED_TIMEOUT_MS = 40_000;
/** A signed PDF of up to 100 MiB over an agency's slower links. */
const UPLOAD_TIMEOUT_MS = 300_000;
/** The hub hashes its whole audit log again to answer. */
const CHAIN_TIMEOUT_MS = 300_000;

/** Nothing usable came back: no answer, a timeout, the hub failing (5xx) or busy (429). Try again later. */
export class HubUnreachableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'HubUnreachableError';
  }
}

/** The hub no longer accepts this desk's session (signed out elsewhere, revoked, expired). */
export class HubSessionEndedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubSessionEndedError';
  }
}

/** The hub answered and said no: `error` is its stable code (shared/hub/accounts.ts, HubErrorBody). */
export class HubRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'HubRefusedError';
  }
}

const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const feedAnswer = z.union([
  z.object({ changes: z.array(z.object({ seq, at: z.string(), kind: z.string(), subject: z.string(), payload: z.unknown() })), next: seq }),
  z.object({ reset: z.enum(['pruned', 'unknown']), message: z.string(), head: seq }),
]);
const snapshotPage = z.object({ head: seq, documents: z.array(z.looseObject({ id: z.number().int().positive() })), nextAfter: z.number().int().min(0).nullable() });
const userInfo = z.looseObject({ id: z.number().int().positive(), username: z.string(), displayName: z.string(), unitId: z.number().int().positive(), roles: z.array(z.enum(ROLES)) });
const signedIn = z.looseObject({ token: z.string().min(16).max(512), expiresAt: z.string(), user: userInfo });
const commandOutcome = z.discriminatedUnion('state', [
  z.object({ id: z.string(), state: z.literal('applied'), appliedAt: z.string(), result: z.record(z.string(), z.unknown()) }),
  z.object({ id: z.string(), state: z.literal('refused'), appliedAt: z.string(), reason: z.enum(COMMAND_REFUSALS), message: z.string() }),
]);
const count = z.number().int().min(0);
const overdueOverview = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  units: z.array(
    z.object({ unitId: z.number().int().positive(), code: z.string(), name: z.string(), overdue: count, dueSoon: count, onTrack: count, noDeadline: count, mostWorkingDaysLate: count }),
  ),
});
const hubDocument = z.looseObject({ id: z.number().int().positive(), attachments: z.array(z.looseObject({ id: z.number().int().positive(), name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })) });
const workFigures = {
  assigned: count,
  doneOnTime: count,
  doneLate: count,
  open: count,
  openOverdue: count,
  closed: count,
  onTimeRate: z.number().min(0).max(1).nullable(),
  averageWorkingDays: z.number().min(0).nullable(),
};
const presentationFigures = z.looseObject({ registered: count, onTime: count, late: count, waiting: count });
const workReportAnswer = z.looseObject({
  from: z.iso.date(),
  to: z.iso.date(),
  day: z.iso.date(),
  scope: z.enum(['all', 'units', 'self']),
  units: z.array(
    z.looseObject({
      unitId: z.number().int().positive(),
      code: z.string(),
      name: z.string(),
      ...workFigures,
      people: z.array(z.looseObject({ userId: z.number().int().positive().nullable(), name: z.string(), ...workFigures })),
    }),
  ),
  total: z.looseObject(workFigures),
  presentation: z.looseObject({ normal: presentationFigures, urgent: presentationFigures, urgentHours: z.number().positive() }).nullable(),
});
const agencyMatch = z.looseObject({
  id: z.string(),
  codeQd20: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  parentId: z.string().nullable(),
  parents: z.array(z.string()),
});
const agencyPage = z.object({ rows: z.array(agencyMatch), total: z.number().int().min(0) });
const blobUploaded = z.object({ sha256: z.string(), size: z.number().int().min(0) });
const auditPage = z.object({
  rows: z.array(z.looseObject({ seq: z.number().int().positive(), at: z.string(), actor: z.string(), action: z.string(), details: z.record(z.string(), z.unknown()) })),
  nextBefore: z.number().int().positive().nullable(),
});
const auditVerdict = z.union([z.object({ ok: z.literal(true), rows: z.number().int().min(0) }), z.object({ ok: z.literal(false), brokenAtSeq: z.number().int().positive(), rows: z.number().int().min(0) })]);
const registerAccess = z.object({
  id: z.number().int().positive(),
  code: z.string(),
  name: z.string(),
  direction: z.enum(['in', 'out']),
  internal: z.boolean(),
  isDefault: z.boolean(),
  active: z.boolean(),
  restricted: z.boolean(),
  documents: z.number().int().min(0),
  readers: z.array(z.object({ id: z.number().int().positive(), username: z.string(), displayName: z.string(), disabled: z.boolean() })),
}) satisfies z.ZodType<RegisterAccess>;
/** Each session, and each audit row its requests write, names this computer (shared/hub/audit-log.ts). */
const USER_AGENT = deskUserAgent(os.hostname());
const errorBody = z.looseObject({ error: z.string(), message: z.string().optional(), retryAfterSeconds: z.number().optional() });

export class HubClient {
  constructor(
    readonly hubUrl: string,
    private readonly token: string | null = null,
  ) {}

  /** Password sign-in; a wrong username or password is a HubRefusedError `sign_in_failed`. */
  async signInWithPassword(username: string, password: string, signal?: AbortSignal): Promise<Pick<SignedIn, 'token' | 'expiresAt'> & { user: Pick<SignedIn['user'], 'id' | 'username' | 'displayName' | 'unitId' | 'roles'> }> {
    return signedIn.parse(await this.request('POST', '/api/sign-in/password', { body: { username, password }, signal, publicRoute: true }));
  }

  async signOut(signal?: AbortSignal): Promise<void> {
    await this.request('POST', '/api/sign-out', { signal });
  }

  /** The feed after `after`; the hub waits up to `wait` s for something new. A reset comes back as an answer, not an error. */
  async feed(after: number, options: { limit: number; wait: number; signal?: AbortSignal }): Promise<FeedAnswer> {
    const query = new URLSearchParams({ after: String(after), limit: String(options.limit), wait: String(options.wait) });
    const body = await this.request('GET', `/api/feed?${query}`, { signal: options.signal, timeoutMs: FEED_TIMEOUT_MS, resetIsAnswer: true });
    return feedAnswer.parse(body);
  }

  async snapshot(page: { head: number | null; after: number; limit: number }, signal?: AbortSignal): Promise<SnapshotPage> {
    const query = new URLSearchParams({ after: String(page.after), limit: String(page.limit), ...(page.head === null ? {} : { head: String(page.head) }) });
    return snapshotPage.parse(await this.request('GET', `/api/snapshot?${query}`, { signal })) as unknown as SnapshotPage;
  }

  async sendCommand(command: DeskCommand, signal?: AbortSignal): Promise<CommandOutcome> {
    const outcome = commandOutcome.parse(await this.request('POST', '/api/commands', { body: command, signal }));
    if (outcome.id !== command.id) throw new HubUnreachableError(`The hub answered command ${command.id} with the outcome of ${outcome.id}.`);
    return outcome;
  }

  /** The work handling report over a period, as the hub lets this person see it (`GET /api/reports/work`). */
  async workReport(period: { from: string; to: string }, signal?: AbortSignal): Promise<WorkReport> {
    return workReportAnswer.parse(await this.request('GET', `/api/reports/work?${new URLSearchParams(period).toString()}`, { signal })) as WorkReport;
  }

  // ── Signing across desks: the document as the hub has it now, a file's bytes, a signed file's upload ──

  /** The document as the hub has it now (its current revisions), whatever the desk's replica says. */
  async document(id: number, signal?: AbortSignal): Promise<HubDocument> {
    return hubDocument.parse(await this.request('GET', `/api/documents/${id}`, { signal })) as unknown as HubDocument;
  }

  /** A leader's overview of the open work per unit (`GET /api/work/overdue`); refused (403) to one who leads no unit. */
  async overdueOverview(signal?: AbortSignal): Promise<OverdueOverview> {
    return overdueOverview.parse(await this.request('GET', '/api/work/overdue', { signal }));
  }

  // ── The axis's agency directory, which the hub keeps for the desks ──

  /** A page of the directory's agencies matching what was typed, best first (`GET /api/agencies`). */
  async agencies(query: { q: string; limit: number; offset: number }, signal?: AbortSignal): Promise<HubAgencyPage> {
    const params = new URLSearchParams({ q: query.q, limit: String(query.limit), offset: String(query.offset) });
    return agencyPage.parse(await this.request('GET', `/api/agencies?${params}`, { signal }));
  }

  /** The agencies of these codes still in the directory, in the order asked (`GET /api/agencies/named`). */
  async agenciesNamed(ids: readonly string[], signal?: AbortSignal): Promise<AgencyMatch[]> {
    return z.array(agencyMatch).parse(await this.request('GET', `/api/agencies/named?${new URLSearchParams({ ids: ids.join(',') })}`, { signal }));
  }

  /** PUT /api/blobs/<sha256>: the hub keeps the bytes only if they hash to their address. */
  async uploadBlob(sha256: string, bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    const answer = blobUploaded.parse(await this.request('PUT', `/api/blobs/${sha256}`, { bytes, signal, timeoutMs: UPLOAD_TIMEOUT_MS }));
    if (answer.sha256 !== sha256 || answer.size !== bytes.length) throw new HubUnreachableError(`The hub kept ${answer.sha256} (${answer.size} bytes) for the upload of ${sha256} (${bytes.length} bytes).`);
  }

  // ── The admin's audit viewer (the hub refuses anyone else) ──

  /** A page of the hub's audit log; `query`: auditListQuery's fields as the URL carries them. */
  async audit(query: Record<string, string>, signal?: AbortSignal): Promise<AuditPage> {
    return auditPage.parse(await this.request('GET', `/api/admin/audit?${new URLSearchParams(query)}`, { signal })) as unknown as AuditPage;
  }

  async auditChain(signal?: AbortSignal): Promise<AuditChainVerdict> {
    return auditVerdict.parse(await this.request('GET', '/api/admin/audit/chain', { signal, timeoutMs: CHAIN_TIMEOUT_MS }));
  }

  // ── The admin's restricted registers (the hub refuses anyone else) ──

  async registers(signal?: AbortSignal): Promise<RegisterAccess[]> {
    return z.array(registerAccess).parse(await this.request('GET', '/api/admin/registers', { signal }));
  }

  async restrictRegister(registerId: number, restricted: boolean, signal?: AbortSignal): Promise<RegisterAccess> {
    return registerAccess.parse(await this.request('PATCH', `/api/admin/registers/${registerId}`, { body: { restricted }, signal }));
  }

  async registerReader(registerId: number, userId: number, named: boolean, signal?: AbortSignal): Promise<RegisterAccess> {
    return registerAccess.parse(await this.request(named ? 'PUT' : 'DELETE', `/api/admin/registers/${registerId}/readers/${userId}`, { signal }));
  }

  private async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options: { body?: unknown; bytes?: Uint8Array; signal?: AbortSignal; timeoutMs?: number; resetIsAnswer?: boolean; publicRoute?: boolean },
  ): Promise<unknown> {
    const url = new URL(path, this.hubUrl);
    const timeout = AbortSignal.timeout(options.timeoutMs ?? CALL_TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          'user-agent': USER_AGENT,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.bytes === undefined ? {} : { 'content-type': 'application/octet-stream' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: options.bytes ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
        redirect: 'error',
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new HubUnreachableError(timeout.aborted ? `${method} ${url.pathname}: no answer within ${(options.timeoutMs ?? CALL_TIMEOUT_MS) / 1000} s` : `${method} ${url.pathname}: ${String(error)}${cause}`);
    }
    const cut = (error: unknown) => {
      throw new HubUnreachableError(`${method} ${url.pathname}: the answer was cut (${String(error)})`);
    };
    const text = await response.text().catch(cut);
    if (response.status === 204) return null;
    let body: unknown = null;
    try {
      body = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      if (response.ok) throw new HubUnreachableError(`${method} ${url.pathname}: HTTP ${response.status} with a body that is not JSON (a proxy or another server at ${this.hubUrl}?)`);
    }
    if (response.ok || (response.status === 410 && options.resetIsAnswer)) return body;
    throw answerError(method, url, response, text, body, options.publicRoute === true);
  }

  /**
   * An attachment's bytes as they come (`GET /api/documents/:id/attachments/:sha256`): the caller
   * hashes them and keeps them only if they match. `signal` ends the download (the caller's
   * stall timer); a failure mid-body surfaces when the body is read.
   */
  async attachment(documentId: number, sha256: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const url = new URL(`/api/documents/${documentId}/attachments/${sha256}`, this.hubUrl);
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${this.token ?? ''}`, 'user-agent': USER_AGENT }, signal, redirect: 'error' });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new HubUnreachableError(`GET ${url.pathname}: ${String(error)}${cause}`);
    }
    if (response.ok && response.body) return response.body;
    const text = await response.text().catch(() => '');
    throw answerError('GET', url, response, text, jsonOrNull(text), false);
  }
}

/** Not the hub's JSON error (a proxy's page): its first characters go into the detail instead. */
function jsonOrNull(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

/** The exception for a hub answer that is not a success, by what the desk does next. */
function answerError(method: string, url: URL, response: Response, text: string, body: unknown, publicRoute: boolean): Error {
  const parsed = errorBody.safeParse(body);
  const said = parsed.success ? `${parsed.data.error}: ${parsed.data.message ?? ''}` : text.slice(0, 200);
  const detail = `${method} ${url.pathname}: HTTP ${response.status} ${said}`;
  if (response.status === 429 || response.status >= 500) {
    const seconds = parsed.success ? parsed.data.retryAfterSeconds : Number(response.headers.get('retry-after'));
    return new HubUnreachableError(detail, seconds && Number.isFinite(seconds) ? seconds * 1000 : null);
  }
  if (response.status === 401 && !publicRoute) return new HubSessionEndedError(detail);
  return new HubRefusedError(response.status, parsed.success ? parsed.data.error : `http_${response.status}`, detail);
}

/**
 * Who may use the browser-mode host, without a cookie (a cookie on 127.0.0.1 reaches every port of
 * every local user) and without a secret on a command line (`ps` shows it to every local user):
 *
 * - a launch code: in the link the host prints or opens, single use, short-lived; the page trades
 *   it once (POST /api/session) for
 * - a session secret: kept by the page in sessionStorage (per tab and per origin, so two instances
 *   on two ports never see each other's), sent as `Authorization: Bearer`;
 * - an event ticket: EventSource cannot send a header, so the page trades its session for a
 *   single-use ticket in the events URL, each time it (re)opens the stream;
 * - the launcher key: in `<data dir>/host.json` (0600 in the 0700 data folder), for a second
 *   `npm start` of the same folder to mint a new launch code for the running instance.
 *
 * Secrets are compared by their SHA-256 (a map lookup on a digest leaks nothing about the secret).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A launch link opened later than this is refused: `npm start` again mints a new one. */
export const LAUNCH_CODE_TTL_MS = 15 * 60_000;
const TICKET_TTL_MS = 60_000;
/** Tabs a clerk plausibly keeps open; the oldest session goes first beyond this. */
const MAX_SESSIONS = 64;
const MAX_PENDING = 64;

const newSecret = () => randomBytes(32).toString('base64url');
const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Single-use secrets with an expiry, oldest dropped first beyond `limit`. */
class OneTimeSecrets {
  private readonly pending = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  issue(): string {
    const secret = newSecret();
    this.pending.set(digest(secret), this.now() + this.ttlMs);
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    return secret;
  }

  /** True once for a secret issued and not yet expired; it is gone afterwards either way. */
  redeem(secret: string): boolean {
    const key = digest(secret);
    const expires = this.pending.get(key);
    this.pending.delete(key);
    return expires !== undefined && expires > this.now();
  }
}

export class AccessKeys {
  readonly launcherKey = newSecret();
  private readonly codes: OneTimeSecrets;
  private readonly tickets: OneTimeSecrets;
  private readonly sessions = new Set<string>();

  constructor(now: () => number = Date.now) {
    this.codes = new OneTimeSecrets(LAUNCH_CODE_TTL_MS, now);
    this.tickets = new OneTimeSecrets(TICKET_TTL_MS, now);
  }

  mintLaunchCode(): string {
    return this.codes.issue();
  }

  /** A new session secret for a valid launch code, which is spent; null otherwise. */
  tradeLaunchCode(code: string): string | null {
    if (!this.codes.redeem(code)) return null;
    const session = newSecret();
    this.sessions.add(digest(session));
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.values().next().value!);
    return session;
  }

  isSession(secret: string | undefined): boolean {
    return secret !== undefined && this.sessions.has(digest(secret));
  }

  mintEventTicket(): string {
    return this.tickets.issue();
  }

  redeemEventTicket(ticket: string | null): boolean {
    return ticket !== null && this.tickets.redeem(ticket);
  }

  isLauncherKey(candidate: string | undefined): boolean {
    if (candidate === undefined) return false;
    return timingSafeEqual(Buffer.from(digest(candidate)), Buffer.from(digest(this.launcherKey)));
  }
}

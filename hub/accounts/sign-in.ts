/**
 * Signing in, with a password or with the token's certificate, and the session that results.
 * Every failure looks the same from outside (no hint whether the username exists, the account is
 * disabled or the password was wrong); the audit log records the real reason. Failed attempts
 * are counted in the database per account and per address, so all hub instances share the count.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type * as pkijs from 'pkijs';
import { username as usernameSchema, type SignedIn, type SignInChallenge } from '../../shared/hub/accounts.js';
import { challengeText } from '../../shared/hub/sign-in-challenge.js';
import { HubError } from '../errors.js';
import { appendAudit, recordAudit } from '../store/audit.js';
import { inTransaction } from '../store/database.js';
import { insertSession, revokeSession } from '../store/sessions.js';
import { clearSignInFailures, hubId, insertChallenge, insertSignInFailure, recentSignInFailures, takeChallenge } from '../store/sign-in-records.js';
import { certificateOwner, passwordOf, userById } from '../store/users.js';
import { verifyAgainstDecoy, verifyPassword } from './passwords.js';
import type { SignInPolicy } from './policy.js';
import { newSessionToken } from './session-tokens.js';
import { certificateRefusal, decodeCertificate, describeCertificate, signatureMatches } from './sign-in-certificate.js';

export interface RequestOrigin {
  address: string;
  userAgent: string;
}

const FAILED = 'Wrong username or password, or this account may not sign in.';
const FAILED_CERTIFICATE = 'This certificate cannot sign in to this hub.';

export class SignInService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly policy: SignInPolicy,
    private readonly anchors: () => readonly pkijs.Certificate[],
  ) {}

  async withPassword(input: { username: string; password: string }, origin: RequestOrigin): Promise<SignedIn> {
    const parsed = usernameSchema.safeParse(input.username);
    // Counted under what was typed (bounded by the schema), so unknown names are held off too.
    const account = parsed.success ? parsed.data : input.username.trim().toLowerCase().slice(0, 64);
    await this.holdOffIfTooMany(account, origin);
    const user = parsed.success ? await passwordOf(this.pool, account) : null;
    const matches = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstDecoy(input.password);
    const reason = !user ? 'unknown_user' : !user.passwordHash ? 'no_password' : !matches ? 'wrong_password' : user.disabled ? 'user_disabled' : null;
    if (reason) {
      await this.recordFailure(account, origin, { method: 'password', reason });
      throw new HubError('sign_in_failed', FAILED);
    }
    return this.openSession(user!.id, account, 'password', null, origin);
  }

  async challenge(): Promise<SignInChallenge> {
    const issuedAt = new Date();
    const expiresAt = new Date(issuedAt.getTime() + this.policy.challengeLifetimeSeconds * 1000);
    const nonce = randomBytes(32).toString('base64url');
    const text = challengeText({ hubId: await hubId(this.pool), nonce, issuedAt: issuedAt.toISOString() });
    const challengeId = await insertChallenge(this.pool, { nonce, issuedAt, expiresAt });
    return { challengeId, text, expiresAt: expiresAt.toISOString() };
  }

  async withCertificate(input: { challengeId: string; certificate: string; signature: string }, origin: RequestOrigin): Promise<SignedIn> {
    const der = decodeCertificate(input.certificate);
    const certificate = der ? describeCertificate(der) : null;
    // Counted per certificate: the account is not known before the certificate is checked.
    const account = certificate ? `certificate:${certificate.sha256}` : 'certificate:unreadable';
    await this.holdOffIfTooMany(account, origin);
    const challenge = await takeChallenge(this.pool, input.challengeId);
    let reason: string | null = !certificate ? 'not_a_certificate' : !challenge ? 'unknown_or_used_challenge' : null;
    let owner: Awaited<ReturnType<typeof certificateOwner>> = null;
    if (!reason) {
      const text = challengeText({ hubId: await hubId(this.pool), nonce: challenge!.nonce, issuedAt: challenge!.issuedAt.toISOString() });
      reason = signatureMatches(certificate!.der, text, Buffer.from(input.signature, 'base64')) ? await certificateRefusal(certificate!.der, this.anchors(), new Date()) : 'bad_signature';
    }
    if (!reason) {
      owner = await certificateOwner(this.pool, certificate!.sha256);
      reason = !owner ? 'not_registered' : owner.disabled ? 'user_disabled' : null;
    }
    if (reason) {
      await this.recordFailure(account, origin, { method: 'certificate', reason, certificate: certificate?.sha256 ?? null, subject: certificate?.subject ?? null });
      throw new HubError('sign_in_failed', FAILED_CERTIFICATE);
    }
    return this.openSession(owner!.id, owner!.username, 'certificate', certificate!.sha256, origin, account);
  }

  async signOut(sessionId: string, username: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await revokeSession(client, sessionId, username);
      await appendAudit(client, { actor: username, action: 'sign_out', subject: `session:${sessionId}` });
    });
  }

  private async holdOffIfTooMany(account: string, origin: RequestOrigin): Promise<void> {
    const failures = await recentSignInFailures(this.pool, account, origin.address, this.policy.failureWindowSeconds);
    const blockedBy =
      failures.account >= this.policy.maxFailuresPerAccount ? failures.oldestAccount : failures.address >= this.policy.maxFailuresPerAddress ? failures.oldestAddress : null;
    if (!blockedBy) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((blockedBy.getTime() + this.policy.failureWindowSeconds * 1000 - Date.now()) / 1000));
    await recordAudit(this.pool, { actor: 'anonymous', action: 'sign_in_held_off', subject: `account:${account}`, details: { address: origin.address, failures } });
    throw new HubError('too_many_attempts', 'Too many failed sign-ins; try again later.', { retryAfterSeconds });
  }

  private async recordFailure(account: string, origin: RequestOrigin, details: Record<string, unknown>): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await insertSignInFailure(client, account, origin.address);
      await appendAudit(client, { actor: 'anonymous', action: 'sign_in_failed', subject: `account:${account}`, details: { ...details, address: origin.address, userAgent: origin.userAgent } });
    });
  }

  private async openSession(userId: number, username: string, method: 'password' | 'certificate', certificateSha256: string | null, origin: RequestOrigin, failureKey = username): Promise<SignedIn> {
    const { token, hash } = newSessionToken();
    const expiresAt = new Date(Date.now() + this.policy.sessionLifetimeSeconds * 1000);
    await inTransaction(this.pool, async (client) => {
      const id = await insertSession(client, { tokenHash: hash, userId, method, certificateSha256, expiresAt, address: origin.address, userAgent: origin.userAgent });
      await clearSignInFailures(client, failureKey, this.policy.failureWindowSeconds);
      await appendAudit(client, { actor: username, action: 'sign_in', subject: `session:${id}`, details: { method, certificate: certificateSha256, address: origin.address, userAgent: origin.userAgent } });
    });
    const user = await userById(this.pool, userId);
    return { token, expiresAt: expiresAt.toISOString(), user: user! };
  }
}

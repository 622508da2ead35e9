/**
 * Who may call what, decided here on every request: each route declares its access ('public',
 * 'signed_in' or a role), a route that declares none is refused at start-up, and the session is
 * looked up in the database each time, so a revoke or a removed role counts from the next call.
 * Each refusal is logged and written to the audit log (without the token).
 */
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type pg from 'pg';
import type { Role } from '../../shared/hub/accounts.js';
import { bearerToken, hashSessionToken } from '../accounts/session-tokens.js';
import { HubError } from '../errors.js';
import { deskNameOf } from '../../shared/hub/audit-log.js';
import { recordAudit, withAuditDesk } from '../store/audit.js';
import { sessionByTokenHash, type SessionHolder } from '../store/sessions.js';

export type Access = 'public' | 'signed_in' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    account: SessionHolder | null;
  }
}

export function signedInAccount(request: FastifyRequest): SessionHolder {
  if (!request.account) throw new HubError('unauthenticated', 'Sign in first.');
  return request.account;
}

/** Call after @fastify/rate-limit is registered: its per-address limit then runs before the session lookup. */
export function useAccessControl(app: FastifyInstance, pool: pg.Pool, idleSeconds: number): void {
  app.decorateRequest('account', null);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) throw new Error(`The route ${route.method} ${route.url} declares no access (config.access): every route must say who may call it.`);
    if (access === 'public') return;
    const check: onRequestHookHandler = async (request) => {
      await authorise(pool, idleSeconds, access, request);
    };
    route.onRequest = [...(Array.isArray(route.onRequest) ? route.onRequest : route.onRequest ? [route.onRequest] : []), check];
  });
  // The handler of a signed-in request runs inside its desk, so every audit row it appends names it.
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.account) withAuditDesk(deskOf(request, request.account.sessionId), done);
    else done();
  });
}

/** The desk a request comes from: its session, address and computer name (the desk's user agent). */
function deskOf(request: FastifyRequest, sessionId: string) {
  return { session: sessionId, name: deskNameOf(String(request.headers['user-agent'] ?? '')), address: request.ip };
}

async function authorise(pool: pg.Pool, idleSeconds: number, access: Exclude<Access, 'public'>, request: FastifyRequest): Promise<void> {
  const token = bearerToken(request.headers.authorization);
  const holder = token ? await sessionByTokenHash(pool, hashSessionToken(token), idleSeconds) : null;
  if (!holder || holder.refusal) {
    const reason = !token ? 'no_token' : !holder ? 'unknown_session' : holder.refusal!;
    await deny(pool, request, holder?.username ?? 'anonymous', reason, holder ? `session:${holder.sessionId}` : null, holder?.sessionId ?? null);
    throw new HubError('unauthenticated', reason === 'revoked' || reason === 'expired' || reason === 'idle' ? 'This session has ended: sign in again.' : 'Sign in first.');
  }
  if (access !== 'signed_in' && !holder.roles.includes(access)) {
    await deny(pool, request, holder.username, `needs_role_${access}`, `session:${holder.sessionId}`, holder.sessionId);
    throw new HubError('forbidden', 'Your account may not do this.');
  }
  request.account = holder;
}

/** A refusal, logged and written to the audit log: by the access check here, and by a route that found no document this user may see. */
export async function deny(pool: pg.Pool, request: FastifyRequest, actor: string, reason: string, subject: string | null, sessionId = request.account?.sessionId ?? null): Promise<void> {
  const details = { reason, method: request.method, route: request.routeOptions.url ?? request.url, address: request.ip };
  request.log.warn({ event: 'access_denied', actor, ...details }, 'access denied');
  // Refused before its handler (no desk around it yet): the session, when known, is named here.
  await recordAudit(pool, { actor, action: 'access_denied', subject, details: sessionId ? { ...details, desk: deskOf(request, sessionId) } : details });
}

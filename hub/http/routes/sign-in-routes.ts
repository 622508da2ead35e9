/** Signing in and out, and who is signed in. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { certificateSignIn, passwordSignIn } from '../../../shared/hub/accounts.js';
import type { RequestOrigin, SignInService } from '../../accounts/sign-in.js';
import type { Administration } from '../../accounts/administration.js';
import { signedInAccount } from '../access.js';

/** Stricter than the hub-wide limit: each try costs a password hash. */
const SIGN_IN_RATE = { max: 20, timeWindow: '1 minute' };

export function origin(request: FastifyRequest): RequestOrigin {
  return { address: request.ip, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 255) };
}

export function signInRoutes(app: FastifyInstance, signIn: SignInService, administration: Administration): void {
  app.post<{ Body: z.output<typeof passwordSignIn> }>(
    '/api/sign-in/password',
    { schema: { body: passwordSignIn }, config: { access: 'public', rateLimit: SIGN_IN_RATE } },
    (request) => signIn.withPassword(request.body, origin(request)),
  );

  app.post('/api/sign-in/challenge', { config: { access: 'public', rateLimit: SIGN_IN_RATE } }, () => signIn.challenge());

  app.post<{ Body: z.output<typeof certificateSignIn> }>(
    '/api/sign-in/certificate',
    { schema: { body: certificateSignIn }, config: { access: 'public', rateLimit: SIGN_IN_RATE } },
    (request) => signIn.withCertificate(request.body, origin(request)),
  );

  app.post('/api/sign-out', { config: { access: 'signed_in' } }, async (request, reply) => {
    const account = signedInAccount(request);
    await signIn.signOut(account.sessionId, account.username);
    return reply.code(204).send();
  });

  app.get('/api/session', { config: { access: 'signed_in' } }, async (request) => {
    const account = signedInAccount(request);
    return { sessionId: account.sessionId, user: await administration.user(account.userId) };
  });
}

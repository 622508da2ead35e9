/**
 * The hub's HTTP API on Fastify: zod validation of every input, a per-address rate limit on every
 * route (stricter on sign-in), access decided per route from the session in the database, errors
 * as HubErrorBody, and a log that never holds a password or a token.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type pg from 'pg';
import type { HubErrorBody } from '../../shared/hub/accounts.js';
import type { Administration } from '../accounts/administration.js';
import type { SignInService } from '../accounts/sign-in.js';
import type { HubBlobStore } from '../blobs/blob-store.js';
import { HubError } from '../errors.js';
import { ChangeFeed, type ChangeFeedOptions } from '../feed/change-feed.js';
import type { ExchangeRole } from '../exchange/leadership.js';
import { LATEST_HUB_SCHEMA } from '../store/migrations/index.js';
import { useAccessControl } from './access.js';
import { closeGracefully } from './graceful-close.js';
import { CommandApplier } from '../commands/apply-command.js';
import type { CommandServices } from '../commands/command-handler.js';
import { adminRoutes } from './routes/admin-routes.js';
import { agencyRoutes } from './routes/agency-routes.js';
import { documentRoutes } from './routes/document-routes.js';
import { commandRoutes } from './routes/command-routes.js';
import { feedRoutes } from './routes/feed-routes.js';
import { searchRoutes } from './routes/search-routes.js';
import { workRoutes } from './routes/work-routes.js';
import { signInRoutes } from './routes/sign-in-routes.js';
import { useZodValidation } from './zod-validation.js';

export interface HubAppOptions {
  pool: pg.Pool;
  /** Where attachments' bytes are (the exchange writes them; desks download them). */
  blobs: HubBlobStore;
  signIn: SignInService;
  administration: Administration;
  sessionIdleSeconds: number;
  /** Fastify's logger options (pino); the redaction below is always added. */
  logger: Exclude<FastifyServerOptions['logger'], boolean | undefined> | false;
  /** Fastify's trustProxy: set when a reverse proxy (nginx, IIS) passes X-Forwarded-For. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Requests per address per minute on every route. */
  requestsPerMinute?: number;
  https?: { key: Buffer; cert: Buffer } | null;
  feed?: Omit<ChangeFeedOptions, 'log'>;
  /** Whether this instance runs the exchange with the axis now (leadership.ts). */
  exchangeRole?: () => ExchangeRole;
  /** What the desks' commands work with (the blob store, the agency's axis code, the trust anchors); without it the hub takes no commands (a bench of the feed alone). */
  commands?: CommandServices;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's change feed: its LISTEN connection and the desks waiting on it. */
    changeFeed: ChangeFeed;
  }
}

/** Paths pino replaces, should a secret ever be passed to a log call. */
export const REDACTED_LOG_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'password', 'token', 'signature', '*.password', '*.token', 'body', '*.body'];

export async function buildHubApp(options: HubAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { ...options.logger, redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } },
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 256 * 1024,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;
  closeGracefully(app, { tls: Boolean(options.https) });
  useZodValidation(app);
  app.setErrorHandler((error, request, reply) => {
    const hubError = asHubError(error);
    if (hubError.code === 'internal') request.log.error({ err: error }, 'request failed');
    if (hubError.extra.retryAfterSeconds) void reply.header('retry-after', String(hubError.extra.retryAfterSeconds));
    return reply.code(hubError.status).send(hubError.body());
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found', message: 'No such address on this hub.' } satisfies HubErrorBody));
  await app.register(rateLimit, {
    global: true,
    max: options.requestsPerMinute ?? 600,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) => new HubError('too_many_attempts', 'Too many requests from this address; slow down.', { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });
  useAccessControl(app, options.pool, options.sessionIdleSeconds);

  app.get('/api/health', { config: { access: 'public' } }, () => ({ status: 'ok', schema: LATEST_HUB_SCHEMA, ...(options.exchangeRole && { exchange: options.exchangeRole() }) }));
  signInRoutes(app, options.signIn, options.administration);
  adminRoutes(app, options.administration);
  documentRoutes(app, options.pool, options.blobs);
  searchRoutes(app, options.pool);
  agencyRoutes(app, options.pool);
  workRoutes(app, options.pool);

  const feed = await ChangeFeed.start(options.pool, {
    ...options.feed,
    log: (level, message, error) => app.log[level]({ err: error }, message),
  });
  app.decorate('changeFeed', feed);
  // Before the server waits for open requests to finish: open streams would hold it forever.
  app.addHook('preClose', async () => feed.close());
  feedRoutes(app, feed);
  if (options.commands) commandRoutes(app, new CommandApplier(options.pool, options.commands), options.commands.blobs);
  return app;
}

function asHubError(error: unknown): HubError {
  if (error instanceof HubError) return error;
  const status = (error as { statusCode?: number }).statusCode;
  // Fastify's own refusals (a body that is not JSON, too large, a wrong content type).
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HubError(status === 413 ? 'invalid_input' : status === 404 ? 'not_found' : 'invalid_input', (error as Error).message);
  }
  return new HubError('internal', 'The hub could not complete this request; its log has the details.');
}

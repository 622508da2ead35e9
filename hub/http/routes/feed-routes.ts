/**
 * The change feed for a signed-in desk: `GET /api/feed?after=N` (a long-poll: answers at once when
 * there is something newer, else waits up to `wait` seconds) and `GET /api/feed/stream` (Server-Sent
 * Events, resumed from Last-Event-ID). What a desk may see is decided by the feed's query, never here.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { feedQuery, feedStreamQuery, lastEventId, type FeedAnswer, type FeedPage } from '../../../shared/hub/feed.js';
import { HubError } from '../../errors.js';
import type { ChangeFeed, FeedEnd } from '../../feed/change-feed.js';
import { signedInAccount } from '../access.js';
import { invalidInput } from '../zod-validation.js';

const signedIn = { access: 'signed_in' } as const;
const STREAM_PAGE = 200;
/**
 * Bytes a stream may have waiting to be sent: a desk that reads slower than changes come is cut
 * off rather than held in the hub's memory; it reconnects from its Last-Event-ID and loses nothing.
 */
const STREAM_BACKLOG_BYTES = 4 * 1024 * 1024;

const sessionEnded = () => new HubError('unauthenticated', 'This session has ended: sign in again.');

export function feedRoutes(app: FastifyInstance, feed: ChangeFeed): void {
  app.get<{ Querystring: z.output<typeof feedQuery> }>('/api/feed', { schema: { querystring: feedQuery }, config: signedIn }, (request, reply) => {
    const { sessionId } = signedInAccount(request);
    const { after, limit, wait } = request.query;
    return new Promise<FeedAnswer>((resolve, reject) => {
      let timer: NodeJS.Timeout | null = null;
      const done = (settle: () => void) => {
        if (timer) clearTimeout(timer);
        reply.raw.off('close', gone);
        unsubscribe();
        settle();
      };
      const gone = () => done(() => resolve({ changes: [], next: after }));
      const unsubscribe = feed.subscribe({
        sessionId,
        cursor: after,
        limit,
        answer(answer) {
          if ('reset' in answer || answer.changes.length > 0 || wait === 0) done(() => resolve(answer));
          else if (!timer) timer = setTimeout(() => done(() => resolve(answer)), wait * 1000);
        },
        ended: (why) => done(() => reject(why === 'session_ended' ? sessionEnded() : new HubError('internal', 'The hub is stopping; ask again.'))),
      });
      reply.raw.on('close', gone);
    }).then((answer) => ('reset' in answer ? reply.code(410).send(answer) : answer));
  });

  app.get<{ Querystring: z.output<typeof feedStreamQuery> }>('/api/feed/stream', { schema: { querystring: feedStreamQuery }, config: signedIn }, (request, reply) => {
    const { sessionId } = signedInAccount(request);
    const start = startingNumber(request.headers['last-event-id'], request.query.after);
    stream(reply, feed, sessionId, start);
  });
}

/** A reconnection's Last-Event-ID wins over the first connection's `after`, which the browser repeats. */
function startingNumber(header: string | string[] | undefined, after: number | undefined): number {
  if (typeof header === 'string' && header !== '') {
    const parsed = lastEventId.safeParse(header);
    if (!parsed.success) throw invalidInput(parsed.error);
    return parsed.data;
  }
  if (after === undefined) throw new HubError('invalid_input', 'Say where to start: ?after=<the last number this desk has> (0 for none), or Last-Event-ID.');
  return after;
}

function stream(reply: FastifyReply, feed: ChangeFeed, sessionId: string, start: number): void {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    // nginx and IIS's ARR would otherwise hold events back in their buffers.
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  out.write('retry: 2000\n\n');
  let sent = start;
  const send = (event: string, data: unknown, id?: number) => {
    out.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (id !== undefined) sent = id;
  };
  const close = () => {
    unsubscribe();
    out.end();
  };
  const subscriber = {
    sessionId,
    cursor: start,
    limit: STREAM_PAGE,
    answer(answer: FeedAnswer) {
      if ('reset' in answer) {
        send('reset', answer);
        return close();
      }
      for (const change of (answer as FeedPage).changes) send('change', change, change.seq);
      if (out.writableLength > STREAM_BACKLOG_BYTES) {
        unsubscribe();
        out.destroy();
      }
    },
    ended(why: FeedEnd) {
      send('ended', { reason: why });
      close();
    },
    /** Carries the desk past changes it does not see, so a reconnection does not read them again. */
    heartbeat() {
      if (subscriber.cursor > sent) send('checkpoint', { next: subscriber.cursor }, subscriber.cursor);
      else out.write(': keepalive\n\n');
    },
  };
  const unsubscribe = feed.subscribe(subscriber);
  out.on('close', unsubscribe);
}

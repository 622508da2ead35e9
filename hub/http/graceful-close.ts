/**
 * How the hub's HTTP server stops: at once for sockets that carry no request, after a drain for
 * requests in flight.
 *
 * Node's server.close() ends idle keep-alive sockets, but a socket accepted before its first
 * request (HTTP clients open them ahead of use, and a desk that quits leaves them) does not count
 * as idle: close() waited for it until the headers timeout, a minute and more, so a restart or a
 * takeover left desks without a hub for that long. Requests in flight get `drainMs` to finish;
 * then every socket is cut. Desks ask again, and their commands are applied once whatever happens
 * to a reply.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

export const DRAIN_MS = 10_000;

export function closeGracefully(app: FastifyInstance, options: { tls: boolean; drainMs?: number }): void {
  const sockets = new Map<Socket, { requests: number }>();
  // Under TLS the request's socket is the TLS one; the TCP socket below it is not the one to count.
  app.server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.set(socket, { requests: 0 });
    socket.once('close', () => sockets.delete(socket));
  });
  /** Set once the hub is stopping: the time requests in flight have left. */
  let drain: NodeJS.Timeout | null = null;
  app.server.on('request', (request, response) => {
    const state = sockets.get(request.socket);
    if (!state) return;
    state.requests += 1;
    response.once('close', () => {
      state.requests -= 1;
      // A reply finished during the drain: its socket would otherwise idle until the drain ends.
      if (drain && state.requests === 0) request.socket.end();
    });
  });

  app.addHook('preClose', async () => {
    drain = setTimeout(() => app.server.closeAllConnections(), options.drainMs ?? DRAIN_MS);
    drain.unref();
    for (const [socket, state] of sockets) if (state.requests === 0) socket.destroy();
  });
  app.addHook('onClose', async () => {
    if (drain) clearTimeout(drain);
  });
}

/**
 * The hub's HTTP server stops at once when nothing is asked of it, lets a request in flight
 * finish, and cuts what is still running when the drain ends — over real sockets.
 */
import { connect, type Socket } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestHub } from '../../test/hub.js';
import { closeGracefully } from './graceful-close.js';

const hub = useTestHub();
const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

/** Resolves to 'closed', or to 'still open' when `ms` pass first. */
const closedWithin = (app: FastifyInstance, ms: number) =>
  Promise.race([app.close().then(() => 'closed'), new Promise((resolve) => setTimeout(resolve, ms, 'still open').unref())]);

async function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  sockets.push(socket);
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

/** Everything the socket receives until it closes, as text. */
function answerOf(socket: Socket): Promise<string> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => socket.once('close', () => resolve(Buffer.concat(chunks).toString('latin1'))));
}

async function plainApp(drainMs: number): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  closeGracefully(app, { tls: false, drainMs });
  app.get('/slow', () => new Promise((resolve) => setTimeout(() => resolve({ done: true }), 300)));
  app.get('/never', () => new Promise(() => undefined));
  return { app, url: await app.listen({ host: '127.0.0.1', port: 0 }) };
}

/** `path` asked of a plain app with `drainMs` of drain, which is then closed while it runs. */
async function closedDuring(path: string, drainMs: number): Promise<{ closed: unknown; answer: string }> {
  const { app, url } = await plainApp(drainMs);
  const socket = await openSocket(url);
  const answer = answerOf(socket);
  socket.write(`GET ${path} HTTP/1.1\r\nhost: hub\r\nconnection: keep-alive\r\n\r\n`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const closed = await closedWithin(app, 5000);
  return { closed, answer: await answer };
}

describe('the hub stopping its HTTP server', () => {
  it('stops at once with a socket a client opened and never used, and with an idle keep-alive one', async () => {
    const test = await hub();
    const url = await test.app.listen({ host: '127.0.0.1', port: 0 });
    const used = await openSocket(url);
    const usedAnswer = answerOf(used);
    used.write('GET /api/health HTTP/1.1\r\nhost: hub\r\nconnection: keep-alive\r\n\r\n');
    await new Promise((resolve) => used.once('data', resolve));
    const unused = await openSocket(url);
    const bothEnded = Promise.all([usedAnswer, answerOf(unused)]);
    expect(await closedWithin(test.app, 5000)).toBe('closed');
    await bothEnded;
  });

  it('lets a request in flight finish with its answer, then ends its socket', async () => {
    const { closed, answer } = await closedDuring('/slow', 10_000);
    expect(closed).toBe('closed');
    expect(answer).toMatch(/^HTTP\/1\.1 200 [\s\S]*\{"done":true\}$/);
  });

  it('cuts a request still running when the drain ends', async () => {
    const { closed, answer } = await closedDuring('/never', 200);
    expect(closed).toBe('closed');
    expect(answer).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import type { FeedPage } from '../../shared/hub/feed.js';
import { TEST_PASSWORD, useTestHub } from '../../test/hub.js';
import { SseClient } from '../../test/sse.js';
import { recordChange } from '../store/changes.js';

const hub = useTestHub({ ownPostgres: true });

describe('the change feed when PostgreSQL restarts', () => {
  it('keeps streams open through a brief stop, listens again by itself, and delivers every change committed meanwhile, in order', async () => {
    // Heartbeats a minute apart: they cannot be what delivers the changes below.
    const test = await hub({ feed: { heartbeatMs: 60_000 } });
    const a = await test.app.listen({ host: '127.0.0.1', port: 0 });
    const b = await (await test.anotherInstance()).listen({ host: '127.0.0.1', port: 0 });
    await test.addUser('vanthu', ['clerk']);
    const clerk = await test.signIn('vanthu', TEST_PASSWORD);
    const first = (await (await fetch(`${a}/api/feed?after=0&wait=0`, { headers: { authorization: `Bearer ${clerk}` } })).json()) as FeedPage;
    const stream = await SseClient.open(`${b}/api/feed/stream?after=${first.next}`, clerk);
    const note = (n: number) => recordChange(test.pool, { kind: 'test.note', subject: `note:${n}`, payload: { n }, audience: { roles: ['clerk'] } });
    await note(1);
    await stream.waitFor('change', 1);

    const cluster = test.ownServer!;
    const port = cluster.port!;
    const waiting = fetch(`${a}/api/feed?after=${stream.changes()[0]!.seq}`, { headers: { authorization: `Bearer ${clerk}` } });
    // Let the long-poll be signed in and waiting before the server goes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await cluster.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await cluster.start({ port });
    // Written the moment the server is back, before the listeners have had time to reconnect:
    // their NOTIFYs go to nobody, so only catching up by number can deliver them.
    for (let n = 2; n <= 4; n++) {
      for (let attempt = 0; ; attempt++) {
        try {
          await note(n);
          break;
        } catch (error) {
          // An idle connection of the pool that has not noticed the restart yet.
          if (attempt > 5) throw error;
        }
      }
    }
    await stream.waitFor('change', 4, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stream.changes().map((c) => c.subject)).toEqual(['note:1', 'note:2', 'note:3', 'note:4']);
    const seqs = stream.changes().map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    // The long-poll answers with what has committed when it wakes (note:2 at least); the desk then
    // asks again from the `next` it was given, and nothing is skipped or repeated.
    const polled = (await (await waiting).json()) as FeedPage;
    const received = polled.changes.map((c) => c.subject);
    for (let after = polled.next, asked = 0; received.length < 3 && asked < 5; asked++) {
      const page = (await (await fetch(`${a}/api/feed?after=${after}&wait=0`, { headers: { authorization: `Bearer ${clerk}` } })).json()) as FeedPage;
      received.push(...page.changes.map((c) => c.subject));
      after = page.next;
    }
    expect(received).toEqual(['note:2', 'note:3', 'note:4']);

    // And live again: a new change arrives through the restored LISTEN connections.
    await note(5);
    await stream.waitFor('change', 5);
    expect(test.logs.some((line) => line.includes('the LISTEN connection to PostgreSQL is down'))).toBe(true);
    expect(test.logs.filter((line) => line.includes('listening for changes again')).length).toBeGreaterThanOrEqual(2);
    stream.close();
  });
});

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/temp-dir.js';
import { forkNodeChild } from './node-child.js';
import { Supervisor, type SupervisedState } from './supervisor.js';

const tempDir = useTempDirs();

// A real child process: echoes every message back, and exits with code 3 on {type:'crash'}.
const CHILD = `
process.on('message', (m) => {
  if (m.type === 'crash') process.exit(3);
  if (m.type === 'shutdown') process.exit(0);
  process.send({ echo: m, pid: process.pid });
});
process.on('disconnect', () => process.exit(0));
`;

async function childScript(): Promise<string> {
  const file = path.join(await tempDir(), 'child.cjs');
  await writeFile(file, CHILD);
  return file;
}

function waitFor<T>(predicate: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const value = predicate();
      if (value !== undefined) {
        clearInterval(poll);
        resolve(value);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error('timed out'));
      }
    }, 20);
  });
}

describe('supervisor', () => {
  it('restarts a crashed child and replays its configuration', async () => {
    const script = await childScript();
    const messages: { echo: { type: string }; pid: number }[] = [];
    const states: SupervisedState[] = [];
    const supervisor = new Supervisor({
      name: 'test child',
      spawn: () => forkNodeChild(script, []),
      onMessage: (m) => messages.push(m as never),
      onStateChange: (s) => states.push(s),
      restartDelayMs: 10,
    });
    supervisor.sendSticky({ type: 'configure' });
    supervisor.start();
    const firstPid = await waitFor(() => messages.find((m) => m.echo.type === 'configure')?.pid);

    supervisor.send({ type: 'crash' });
    const secondPid = await waitFor(() => messages.filter((m) => m.echo.type === 'configure')[1]?.pid);
    expect(secondPid).not.toBe(firstPid);
    expect(states.map((s) => s.phase)).toEqual(['running', 'restarting', 'running']);
    expect(states[1]).toEqual({ phase: 'restarting', reason: 'test child exited with code 3' });
    await supervisor.stop();
    expect(supervisor.running).toBe(false);
  });

  it('stops after 5 exits within the window and stays stopped until started again', async () => {
    const script = await childScript();
    const states: SupervisedState[] = [];
    let spawned = 0;
    const supervisor = new Supervisor({
      name: 'sync',
      spawn: () => {
        spawned++;
        const child = forkNodeChild(script, []);
        child.send({ type: 'crash' });
        return child;
      },
      onMessage: () => {},
      onStateChange: (s) => states.push(s),
      restartDelayMs: 10,
    });
    supervisor.start();
    const stopped = await waitFor(() => states.find((s) => s.phase === 'stopped'));
    expect(stopped).toEqual({ phase: 'stopped', reason: 'sync exited with code 3' });
    expect(spawned).toBe(5);
    await new Promise((r) => setTimeout(r, 200));
    expect(spawned).toBe(5);
    expect(supervisor.running).toBe(false);
  });
});

/**
 * Demo mode without RunAsNode: the packaged app's RunAsNode fuse is off, so the embedded axis must
 * run as an Electron utilityProcess, whose only channel to main is `process.parentPort`. Here the
 * built axis runs under a stand-in for that global (no process.send for it), started and stopped
 * the way main does it.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/app-harness.js';
import { startDemoAxisChild } from '../electron/core/host/demo-axis-child.js';
import { forkNodeChild } from '../electron/core/process/node-child.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

/** What a utility process sees: `process.parentPort` (postMessage, 'message' events with `data`), no `process.send`. */
const UTILITY_PROCESS_STAND_IN = `
const { EventEmitter } = require('node:events');
const send = process.send.bind(process);
const port = new EventEmitter();
port.postMessage = (message) => send(message);
process.on('message', (message) => port.emit('message', { data: message }));
process.parentPort = port;
process.send = undefined;
const bundle = process.argv.splice(2, 1)[0];
require(bundle);
`;

describe('the demo axis as a utility process', () => {
  it('starts, answers and stops through process.parentPort alone', async () => {
    const dir = await tempDir();
    const standIn = path.join(dir, 'utility-process.cjs');
    await writeFile(standIn, UTILITY_PROCESS_STAND_IN);
    let exited: string | null = null;
    const axis = await startDemoAxisChild(path.join(ROOT, 'dist', 'axis', 'server.cjs'), path.join(dir, 'demo-axis'), (bundle, args) => {
      const child = forkNodeChild(standIn, [bundle, ...args]);
      child.onExit((reason) => (exited = reason));
      return child;
    });
    expect(axis.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const credentials = JSON.parse(await readFile(path.join(dir, 'demo-axis', 'demo-credentials.json'), 'utf8')) as unknown[];
    expect(credentials).toHaveLength(3);
    await axis.stop();
    expect(exited).toBe('exited with code 0');
  });

  it('nothing in the desktop app runs Electron as Node', async () => {
    const sources = [
      ...(await readdir(path.join(ROOT, 'electron', 'main'))).map((name) => path.join(ROOT, 'electron', 'main', name)),
      ...(await readdir(path.join(ROOT, 'electron', 'core', 'host'))).map((name) => path.join(ROOT, 'electron', 'core', 'host', name)),
    ].filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    for (const file of sources) expect(await readFile(file, 'utf8'), file).not.toMatch(/ELECTRON_RUN_AS_NODE/);
  });
});

/**
 * The channel between a process and a worker thread of its own, from either end, as RpcPeer
 * takes it (the package reading thread, electron/core/exchange/edxml/package-reading-thread.ts).
 */
import { parentPort, type Worker } from 'node:worker_threads';
import type { RpcChannel } from '../../../shared/rpc/rpc-peer.js';

/** The process's end: the thread it started. */
export function workerChannel(worker: Worker): RpcChannel {
  return { send: (message) => worker.postMessage(message), onMessage: (handler) => worker.on('message', handler) };
}

/** The thread's end: the process that started it. */
export function threadParentChannel(): RpcChannel {
  if (!parentPort) throw new Error('not running on a worker thread');
  const port = parentPort;
  return { send: (message) => port.postMessage(message), onMessage: (handler) => port.on('message', handler) };
}

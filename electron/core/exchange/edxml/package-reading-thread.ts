/**
 * Reads received packages (package-reader.ts) on a worker thread, so that the parse, the base64
 * decoding and the hashing of attachments use a second core while the receiving process's own
 * thread downloads, stores and acknowledges other packages (docs/architecture.md, "Receiving many
 * packages: the pipeline"). The thread runs a bundle of its own, built beside the process's
 * (dist/core/package-reader.cjs, electron/processes/package-reader-thread.ts), which loads only
 * the reading code: a thread running the whole sync process's bundle took twice the memory.
 *
 * What the thread answers is what readPackageFile would have: the same package read, or an error
 * with the same name, message, reason and code (so a refusal still goes to quarantine and a full
 * disk still pauses receiving). Several packages are read at once on the one thread, as the
 * receive loop's workers ask. A thread that dies fails the reads it had (a failure of the round,
 * retried as any other; their temporary files are cleared at the next start, docs/reliability.md)
 * and the next read starts a new one.
 */
import { Worker } from 'node:worker_threads';
import { RpcPeer, type NoRpcMethods } from '../../../../shared/rpc/rpc-peer.js';
import { threadParentChannel, workerChannel } from '../../process/worker-channel.js';
import { BlobStore } from '../../store/blob-store.js';
import { readPackageFile, type ReadPackage } from './package-reader.js';

/** readPackageFile's signature, whichever thread runs it. */
export type PackageReader = (packagePath: string, blobs: BlobStore, keepFreeBytes?: number) => Promise<ReadPackage>;

type ReadingMethods = {
  read: { input: { packagePath: string; blobsRoot: string; keepFreeBytes: number | undefined }; output: ReadPackage };
};

/** An error as it crosses the thread: its own fields (reason, code, path) with name and message. */
type SentError = Record<string, unknown> & { name: string; message: string; stack?: string };

function sendable(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  return { ...(error as unknown as Record<string, unknown>), name: error.name, message: error.message, stack: error.stack };
}

function received(encoded: unknown): Error {
  const { name, message, stack, ...fields } = encoded as SentError;
  return Object.assign(new Error(message), fields, { name, stack });
}

/** The thread's side: answers each read as it ends, several at once. */
export function servePackageReading(): void {
  const stores = new Map<string, BlobStore>();
  new RpcPeer<ReadingMethods, NoRpcMethods>(threadParentChannel(), {
    handlers: {
      read: ({ packagePath, blobsRoot, keepFreeBytes }) => {
        let blobs = stores.get(blobsRoot);
        if (!blobs) stores.set(blobsRoot, (blobs = new BlobStore(blobsRoot)));
        return readPackageFile(packagePath, blobs, keepFreeBytes);
      },
    },
    encodeError: sendable,
  });
}

export interface PackageReadingThread {
  read: PackageReader;
  /** Ends the thread; reads still running fail. */
  close(): Promise<void>;
}

/**
 * The receiving process's side. `entry`: the thread's bundle (package-reader.cjs), started on the
 * first read. The thread does not keep the process alive.
 */
export function packageReadingThread(entry: string): PackageReadingThread {
  let current: { worker: Worker; peer: RpcPeer<NoRpcMethods, ReadingMethods> } | null = null;

  const started = () => {
    if (current) return current;
    const worker = new Worker(entry);
    const peer = new RpcPeer<NoRpcMethods, ReadingMethods>(workerChannel(worker), { decodeError: received });
    // Each thread fails only its own reads when it ends.
    const ended = (reason: string) => {
      if (current?.worker === worker) current = null;
      peer.close(reason);
    };
    worker.unref();
    worker.on('error', (error) => ended(`the package reading thread failed: ${error.message}`));
    worker.on('exit', (code) => ended(`the package reading thread stopped (exit code ${code})`));
    return (current = { worker, peer });
  };

  return {
    read: (packagePath, blobs, keepFreeBytes) => started().peer.request('read', { packagePath, blobsRoot: blobs.root, keepFreeBytes }),
    async close() {
      const worker = current?.worker;
      current = null;
      if (worker) await worker.terminate();
    },
  };
}

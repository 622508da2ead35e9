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
import { parentPort, Worker } from 'node:worker_threads';
import { BlobStore } from '../../store/blob-store.js';
import { readPackageFile, type ReadPackage } from './package-reader.js';

/** readPackageFile's signature, whichever thread runs it. */
export type PackageReader = (packagePath: string, blobs: BlobStore, keepFreeBytes?: number) => Promise<ReadPackage>;

interface ReadRequest {
  id: number;
  packagePath: string;
  blobsRoot: string;
  keepFreeBytes: number | undefined;
}

/** An error as it crosses the thread: its own fields (reason, code, path) with name and message. */
type SentError = Record<string, unknown> & { name: string; message: string; stack?: string };

type ReadAnswer = { id: number; read: ReadPackage } | { id: number; error: SentError };

interface Waiting {
  resolve: (read: ReadPackage) => void;
  reject: (error: unknown) => void;
}

/** The thread's side: answers each request as its read ends. */
export function servePackageReading(): void {
  const port = parentPort!;
  const stores = new Map<string, BlobStore>();
  port.on('message', (request: ReadRequest) => {
    let blobs = stores.get(request.blobsRoot);
    if (!blobs) stores.set(request.blobsRoot, (blobs = new BlobStore(request.blobsRoot)));
    readPackageFile(request.packagePath, blobs, request.keepFreeBytes).then(
      (read) => port.postMessage({ id: request.id, read } satisfies ReadAnswer),
      (error: unknown) => port.postMessage({ id: request.id, error: sendable(error) } satisfies ReadAnswer),
    );
  });
}

function sendable(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  return { ...(error as unknown as Record<string, unknown>), name: error.name, message: error.message, stack: error.stack };
}

function received({ name, message, stack, ...fields }: SentError): Error {
  return Object.assign(new Error(message), fields, { name, stack });
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
  let current: { worker: Worker; waiting: Map<number, Waiting> } | null = null;
  let nextId = 0;

  const started = () => {
    if (current) return current;
    const worker = new Worker(entry);
    // Each thread fails only its own reads when it ends.
    const waiting = new Map<number, Waiting>();
    const ended = (error: unknown) => {
      if (current?.worker === worker) current = null;
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
    };
    worker.unref();
    worker.on('message', (answer: ReadAnswer) => {
      const pending = waiting.get(answer.id);
      waiting.delete(answer.id);
      if ('read' in answer) pending?.resolve(answer.read);
      else pending?.reject(received(answer.error));
    });
    worker.on('error', ended);
    worker.on('exit', (code) => ended(new Error(`the package reading thread stopped (exit code ${code})`)));
    return (current = { worker, waiting });
  };

  return {
    read: (packagePath, blobs, keepFreeBytes) =>
      new Promise<ReadPackage>((resolve, reject) => {
        const id = nextId++;
        const { worker, waiting } = started();
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, packagePath, blobsRoot: blobs.root, keepFreeBytes } satisfies ReadRequest);
      }),
    async close() {
      const worker = current?.worker;
      current = null;
      if (worker) await worker.terminate();
    },
  };
}

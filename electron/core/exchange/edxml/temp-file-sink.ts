/**
 * The parser's sink on the Node side: each attachment's decoded bytes go to a file of their own
 * (named by `newPath`), hashed on the way and fsynced when it closes, so that a file which needs
 * no unzipping can enter the blob store as it is (a rename, no second read or write). The parser
 * is synchronous and the disk is not, so the reader calls `settle()` after each chunk it parses:
 * memory stays bounded by one chunk's worth of bytes.
 */
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { EdxmlSink } from '../../../../shared/edxml/parser.js';
import type { WriteBudget } from './receive-limits.js';

interface OpenFile {
  stream: WriteStream;
  closed: Promise<void>;
  hash: Hash;
  size: number;
}

/** How many first bytes are kept: enough to recognise a file type (shared/edxml/content-type.ts). */
export const HEAD_BYTES = 16;

export interface SunkFile {
  path: string;
  /** These three are complete once the attachment has ended. */
  sha256: string;
  size: number;
  head: Uint8Array;
}

export class TempFileSink implements EdxmlSink {
  /** One file per attachment, in package order. */
  readonly files: SunkFile[] = [];
  private current: OpenFile | undefined;
  private readonly ended: Promise<void>[] = [];

  /** `budget` counts every decoded byte before it is written, and stops the package at its cap. */
  constructor(
    private readonly newPath: () => string,
    private readonly budget: WriteBudget,
  ) {}

  beginAttachment(): void {
    const file = this.newPath();
    this.files.push({ path: file, sha256: '', size: 0, head: new Uint8Array(0) });
    // flush: the descriptor is fsynced before it closes, as the blob store's own writes are.
    const stream = createWriteStream(file, { flags: 'wx', mode: 0o600, flush: true });
    const closed = finished(stream);
    // Observed in settle(); left unobserved until then, a write error would crash the process.
    closed.catch(() => undefined);
    this.current = { stream, closed, hash: createHash('sha256'), size: 0 };
  }

  attachmentBytes(bytes: Uint8Array): void {
    const current = this.current!;
    const file = this.files.at(-1)!;
    this.budget.take(bytes.length);
    if (file.head.length < HEAD_BYTES) file.head = Buffer.concat([file.head, bytes.subarray(0, HEAD_BYTES - file.head.length)]);
    current.hash.update(bytes);
    current.size += bytes.length;
    current.stream.write(bytes);
  }

  endAttachment(): void {
    const current = this.current!;
    current.stream.end();
    Object.assign(this.files.at(-1)!, { sha256: current.hash.digest('hex'), size: current.size });
    this.ended.push(current.closed);
    this.current = undefined;
  }

  /** Waits until the open file has drained and the ended ones are complete; throws their errors. */
  async settle(): Promise<void> {
    if (this.current?.stream.writableNeedDrain) await once(this.current.stream, 'drain');
    await Promise.all(this.ended);
  }

  /** Closes whatever is still open, so the folder can be removed after a failure. */
  async dispose(): Promise<void> {
    this.current?.stream.destroy();
    await Promise.allSettled([...this.ended, this.current?.closed]);
  }
}

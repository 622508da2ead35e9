/**
 * The parser's sink on the Node side: each attachment's decoded bytes go to a file of their own
 * in a temporary folder. The parser is synchronous and the disk is not, so the reader calls
 * `settle()` after each chunk it parses: memory stays bounded by one chunk's worth of bytes.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { EdxmlSink } from '../../../../shared/edxml/parser.js';

interface OpenFile {
  stream: WriteStream;
  closed: Promise<void>;
}

export class TempFileSink implements EdxmlSink {
  /** One file per attachment, in package order. */
  readonly files: string[] = [];
  private current: OpenFile | undefined;
  private readonly ended: Promise<void>[] = [];

  constructor(private readonly dir: string) {}

  beginAttachment(): void {
    const file = path.join(this.dir, `attachment-${this.files.length + 1}`);
    this.files.push(file);
    const stream = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    const closed = finished(stream);
    // Observed in settle(); left unobserved until then, a write error would crash the process.
    closed.catch(() => undefined);
    this.current = { stream, closed };
  }

  attachmentBytes(bytes: Uint8Array): void {
    this.current!.stream.write(bytes);
  }

  endAttachment(): void {
    this.current!.stream.end();
    this.ended.push(this.current!.closed);
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

/**
 * Reads the PIN as bytes: from the terminal without echo, or the first line of stdin when it is
 * not a terminal (batch use). Never from argv, never printed; the caller wipes the bytes.
 */
import type { ReadStream } from 'node:tty';

const ENTER = new Set([0x0a, 0x0d]);
const BACKSPACE = new Set([0x08, 0x7f]);
const CTRL_C = 0x03;
const CTRL_D = 0x04;
const MAX_PIN_BYTES = 256;

export class PinEntryCancelled extends Error {
  constructor() {
    super('PIN entry cancelled.');
    this.name = 'PinEntryCancelled';
  }
}

export function readPin(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<Uint8Array> {
  return input.isTTY ? readFromTerminal(prompt, input as ReadStream & NodeJS.ReadStream, output) : readFirstLine(input);
}

/** Raw mode: keystrokes arrive one by one and nothing is echoed. */
function readFromTerminal(prompt: string, input: ReadStream & NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<Uint8Array> {
  const pin = Buffer.alloc(MAX_PIN_BYTES);
  let length = 0;
  output.write(prompt);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      const result = new Uint8Array(pin.subarray(0, length));
      pin.fill(0);
      if (error) {
        result.fill(0);
        reject(error);
      } else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      for (const byte of chunk) {
        if (ENTER.has(byte)) return finish(null);
        if (byte === CTRL_C || byte === CTRL_D) return finish(new PinEntryCancelled());
        if (BACKSPACE.has(byte)) length = Math.max(0, length - 1);
        else if (byte >= 0x20 && length < MAX_PIN_BYTES) pin[length++] = byte;
      }
      chunk.fill(0);
    };
    input.on('data', onData);
  });
}

/** Up to the first newline (a trailing CR dropped) or the end of input. */
async function readFirstLine(input: NodeJS.ReadStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    total += chunk.length;
    if (chunk.includes(0x0a) || total > MAX_PIN_BYTES) break;
  }
  const all = Buffer.concat(chunks);
  chunks.forEach((chunk) => chunk.fill(0));
  let end = all.indexOf(0x0a);
  if (end === -1) end = all.length;
  if (end > 0 && all[end - 1] === 0x0d) end--;
  const pin = new Uint8Array(all.subarray(0, Math.min(end, MAX_PIN_BYTES)));
  all.fill(0);
  return pin;
}

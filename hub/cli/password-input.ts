/** A password for the set-up commands: from standard input (scripts), or typed twice unseen (a terminal). */
import type { Readable, Writable } from 'node:stream';
import { text } from 'node:stream/consumers';

export interface CommandIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
}

/** The whole of standard input, without the line end a shell or a file adds. */
export async function passwordFromStdin(io: CommandIo): Promise<string> {
  return (await text(io.stdin)).replace(/\r?\n$/, '');
}

/** Typed on a terminal without echo, twice; null when stdin is not a terminal. */
export async function promptPassword(io: CommandIo): Promise<string | null> {
  if (!io.stdin.isTTY || !io.stdin.setRawMode) return null;
  const first = await readHidden(io, 'Mật khẩu / Password: ');
  const second = await readHidden(io, 'Nhập lại / Again: ');
  if (first !== second) throw new Error('The two passwords differ.');
  return first;
}

function readHidden(io: CommandIo, question: string): Promise<string> {
  io.stdout.write(question);
  io.stdin.setRawMode!(true);
  io.stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done(() => resolve(typed));
        if (char === '\u0003') return done(() => reject(new Error('Cancelled.')));
        typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
      }
    };
    const done = (settle: () => void) => {
      io.stdin.off('data', onData);
      io.stdin.setRawMode!(false);
      io.stdin.pause();
      io.stdout.write('\n');
      settle();
    };
    io.stdin.on('data', onData);
  });
}

/**
 * A valid PDF of any size, written as a stream (never whole in memory): one A4 page with a blue
 * rectangle, then an unreferenced filler stream up to the size asked. A reader that reads by range
 * needs only the end (xref, trailer) and the first objects to draw page 1.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const CHUNK = 1024 * 1024;

export async function writeBigPdf(file: string, totalBytes: number): Promise<number> {
  const out = createWriteStream(file, { mode: 0o600 });
  let offset = 0;
  const offsets: number[] = [];
  const write = async (data: string | Buffer) => {
    const buffer = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    offset += buffer.length;
    if (!out.write(buffer)) await once(out, 'drain');
  };
  const object = async (body: string) => {
    offsets.push(offset);
    await write(`${offsets.length} 0 obj\n${body}\nendobj\n`);
  };
  await write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  await object('<< /Type /Catalog /Pages 2 0 R >>');
  await object('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  await object('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>');
  const content = '0 0 1 rg 60 60 475 722 re f\n';
  await object(`<< /Length ${content.length} >>\nstream\n${content}endstream`);
  // The filler: what makes the file large; nothing refers to it.
  const fillerLength = Math.max(0, totalBytes - offset - 400);
  offsets.push(offset);
  await write(`${offsets.length} 0 obj\n<< /Length ${fillerLength} >>\nstream\n`);
  const block = Buffer.alloc(CHUNK);
  for (let i = 0; i < CHUNK; i++) block[i] = (i * 2654435761) >>> 24;
  for (let left = fillerLength; left > 0; left -= CHUNK) await write(left >= CHUNK ? block : block.subarray(0, left));
  await write('\nendstream\nendobj\n');
  const xref = offset;
  await write(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('')}`);
  await write(`trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  out.end();
  await once(out, 'finish');
  return offset;
}

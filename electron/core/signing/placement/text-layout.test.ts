import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDecree30Pdf } from '../../../../test/decree30-pdf.js';
import { useTempDirs } from '../../../../test/temp-dir.js';
import { openTextLayout } from './text-layout.js';

const tempDir = useTempDirs();

describe('the text layer in view space', () => {
  it('reads a page turned by /Rotate 270 as shown: upright runs, from the top-left corner', async () => {
    const file = path.join(await tempDir(), 'turned.pdf');
    const parts = await buildDecree30Pdf(file, { rotate: 270, size: [841.89, 595.28] });
    const layout = await openTextLayout(file);
    try {
      const page = await layout.page(1);
      expect(page.geometry).toMatchObject({ rotate: 270, width: expect.closeTo(841.89, 1), height: expect.closeTo(595.28, 1) });
      const label = page.runs.find((run) => run.text.startsWith('Số:'))!;
      expect(label.x).toBeCloseTo(parts.numberLine.x, 0);
      expect(label.baseline).toBeCloseTo(parts.numberLine.y + 0.8 * 13, 0);
      expect(label.size).toBeCloseTo(13, 1);
    } finally {
      await layout.close();
    }
  }, 30_000);

  it('refuses a PDF it cannot read with the reason (a user password)', async () => {
    const dir = await tempDir();
    const plain = path.join(dir, 'plain.pdf');
    const locked = path.join(dir, 'locked.pdf');
    await buildDecree30Pdf(plain, {});
    execFileSync('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', plain, locked]);
    await expect(openTextLayout(locked)).rejects.toThrow(/password/i);
  }, 30_000);
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classicPdf } from '../../../../test/pdf-corpus/classic-pdf.js';
import { geometryOf, normaliseRotation, pageGeometry, rectToViewBox, toUser, toView, uprightMatrix, uprightSize, viewBoxToRect, type PageRotation } from './page-geometry.js';

const ROTATIONS: PageRotation[] = [0, 90, 180, 270];
/** A CropBox away from the origin, as scanners and imposition tools write. */
const BOX: [number, number, number, number] = [20, 30, 615, 872];

describe('page geometry (view space ↔ user space)', () => {
  it('turns width and height at 90 and 270, and reads /Rotate as viewers do', () => {
    expect(geometryOf(BOX, 90)).toMatchObject({ width: 842, height: 595 });
    expect(geometryOf(BOX, 180)).toMatchObject({ width: 595, height: 842 });
    expect([-90, 450, 45, '90', null].map(normaliseRotation)).toEqual([270, 90, 0, 0, 0]);
  });

  it('maps the corners of the page as shown onto the corners of the page box, for every rotation', () => {
    for (const rotate of ROTATIONS) {
      const geometry = geometryOf(BOX, rotate);
      // The view's top-left corner is user space's (llx, ury) turned by the rotation.
      const topLeft = { 0: [20, 872], 90: [20, 30], 180: [615, 30], 270: [615, 872] }[rotate];
      expect(toUser(geometry, 0, 0), `rotate ${rotate}`).toEqual(topLeft);
      for (const [u, v] of [[0, 0], [10, 20], [geometry.width, geometry.height]] as const) {
        const [x, y] = toUser(geometry, u, v);
        expect(toView(geometry, x, y)).toEqual([u, v]);
      }
      const box = { x: 40, y: 50, width: 120, height: 30 };
      expect(rectToViewBox(geometry, viewBoxToRect(geometry, box))).toEqual(box);
    }
  });

  it('gives appearances the /Matrix that shows them upright on a turned page', () => {
    for (const rotate of ROTATIONS) {
      const geometry = geometryOf(BOX, rotate);
      const [a, b, c, d] = uprightMatrix(rotate, 100, 40) ?? [1, 0, 0, 1];
      const origin = toView(geometry, 300, 400);
      const along = (dx: number, dy: number) => {
        const [u, v] = toView(geometry, 300 + dx, 400 + dy);
        return [Math.round(u - origin[0]), Math.round(v - origin[1])];
      };
      // The form's x axis reads left to right on the screen, its y axis upwards.
      expect(along(a!, b!), `rotate ${rotate}: x`).toEqual([1, 0]);
      expect(along(c!, d!), `rotate ${rotate}: y`).toEqual([0, -1]);
      // And the widget's /Rect is the upright box turned: width and height swap at 90 and 270.
      const rect = viewBoxToRect(geometry, { x: 10, y: 10, width: 100, height: 40 });
      expect(uprightSize(rotate, rect)).toEqual({ width: 100, height: 40 });
    }
  });

  it('reads /MediaBox, /CropBox and /Rotate inherited through the page tree', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-geometry-'));
    try {
      const file = path.join(dir, 'inherited.pdf');
      await writeFile(
        file,
        classicPdf([
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 842 595] /Rotate -90 >>',
          '<< /Type /Pages /Parent 2 0 R /Kids [4 0 R] /Count 1 /CropBox [10 10 800 580] >>',
          '<< /Type /Page /Parent 3 0 R >>',
        ]),
      );
      expect(await pageGeometry(file, 1)).toEqual({ box: [10, 10, 800, 580], rotate: 270, width: 570, height: 790 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

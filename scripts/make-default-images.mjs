// Draws the default signature images once (committed in assets/): a blue handwriting-like curve
// (the leader's signature) and a red double circle with a star (the agency's seal), both on a
// transparent background. Run: node scripts/make-default-images.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets');

/** Paints a disc of radius r with colour rgb, keeping the strongest alpha where strokes overlap. */
function stamp(png, cx, cy, r, [red, green, blue]) {
  for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++) {
    for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++) {
      if (x < 0 || y < 0 || x >= png.width || y >= png.height) continue;
      const coverage = Math.max(0, Math.min(1, r + 0.5 - Math.hypot(x - cx, y - cy)));
      const i = (y * png.width + x) * 4;
      const alpha = Math.round(coverage * 255);
      if (alpha <= png.data[i + 3]) continue;
      png.data[i] = red;
      png.data[i + 1] = green;
      png.data[i + 2] = blue;
      png.data[i + 3] = alpha;
    }
  }
}

function stroke(png, points, width, rgb) {
  for (let k = 1; k < points.length; k++) {
    const [x0, y0] = points[k - 1];
    const [x1, y1] = points[k];
    const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2);
    for (let s = 0; s <= steps; s++) stamp(png, x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, width / 2, rgb);
  }
}

// The signature: a looping flourish and an underline, 600 × 200.
const signature = new PNG({ width: 600, height: 200 });
const blue = [20, 50, 170];
const curve = [];
for (let t = 0; t <= 1; t += 0.002) {
  const x = 40 + 500 * t;
  const y = 100 - 45 * Math.sin(t * Math.PI * 6) * (1 - 0.4 * t) + 25 * Math.cos(t * Math.PI * 13);
  curve.push([x + 18 * Math.sin(t * Math.PI * 12), y]);
}
stroke(signature, curve, 5, blue);
stroke(signature, [[60, 165], [300, 155], [560, 170]], 4, blue);
writeFileSync(path.join(assets, 'signature-default.png'), PNG.sync.write(signature));

// The seal: double circle and a five-pointed star, 400 × 400.
const seal = new PNG({ width: 400, height: 400 });
const red = [210, 20, 30];
const circle = (r) => Array.from({ length: 721 }, (_, k) => [200 + r * Math.cos((k * Math.PI) / 360), 200 + r * Math.sin((k * Math.PI) / 360)]);
stroke(seal, circle(192), 8, red);
stroke(seal, circle(160), 4, red);
const star = Array.from({ length: 11 }, (_, k) => {
  const angle = -Math.PI / 2 + (k * Math.PI) / 5;
  const r = k % 2 === 0 ? 90 : 36;
  return [200 + r * Math.cos(angle), 200 + r * Math.sin(angle)];
});
for (let y = 100; y < 300; y++) {
  for (let x = 100; x < 300; x++) {
    // Even-odd fill of the star polygon.
    let inside = false;
    for (let k = 0, j = star.length - 2; k < star.length - 1; j = k++) {
      const [xi, yi] = star[k];
      const [xj, yj] = star[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    if (inside) stamp(seal, x, y, 0.5, red);
  }
}
writeFileSync(path.join(assets, 'seal-default.png'), PNG.sync.write(seal));

// The tray icon, 32 × 32 (shown at 16 px logical, scale factor 2): a white document with a
// folded corner and three lines on the app's blue rounded square. tray-badge.ts draws the count on it.
const tray = new PNG({ width: 32, height: 32 });
const paint = (x, y, [r, g, b]) => {
  const i = (y * 32 + x) * 4;
  tray.data[i] = r;
  tray.data[i + 1] = g;
  tray.data[i + 2] = b;
  tray.data[i + 3] = 255;
};
const appBlue = [31, 78, 140];
const white = [255, 255, 255];
for (let y = 0; y < 32; y++) {
  for (let x = 0; x < 32; x++) {
    // Rounded corners of radius 6.
    const cx = Math.min(Math.max(x + 0.5, 6), 26);
    const cy = Math.min(Math.max(y + 0.5, 6), 26);
    if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= 6) paint(x, y, appBlue);
  }
}
for (let y = 5; y < 27; y++) {
  for (let x = 8; x < 24; x++) {
    // The top right corner folded down: a diagonal cut of 6 px.
    if (x - 18 > y - 5) continue;
    paint(x, y, white);
  }
}
for (const y of [13, 17, 21]) for (let x = 11; x < 21; x++) for (const dy of [0, 1]) paint(x, y + dy, appBlue);
writeFileSync(path.join(assets, 'tray-icon.png'), PNG.sync.write(tray));

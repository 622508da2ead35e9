import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const renderer = path.join(import.meta.dirname, '../renderer');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(full);
    return entry.name.endsWith('.css') ? [path.relative(renderer, full).split(path.sep).join('/')] : [];
  });
}

describe('renderer/styles.css', () => {
  it('imports every style file of the renderer, each once, so none is left out of the bundle', () => {
    const imports = [...readFileSync(path.join(renderer, 'styles.css'), 'utf8').matchAll(/@import '\.\/([^']+)';/g)].map((match) => match[1]!);
    expect(new Set(imports).size).toBe(imports.length);
    expect([...imports].sort()).toEqual(cssFiles(renderer).filter((file) => file !== 'styles.css').sort());
  });
});

/**
 * The renderer runs under a CSP without 'unsafe-eval' (shared/api/transport.ts). zod probes
 * `new Function` when its object schemas are made, and Chromium reports that probe as a CSP
 * violation even though zod catches it: so nothing the renderer loads may import zod, directly
 * or through shared/ (zod schemas live in modules of their own, e.g. shared/hub/workflow-commands.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RENDERER = fileURLToPath(new URL('../renderer', import.meta.url));
/** Packages that must never reach the renderer's bundle. */
const EVAL_PROBING = ['zod'];

/** Value imports and re-exports of a module (`import type` and `export type` load nothing). */
function specifiersOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?\bfrom\s+'([^']+)'/gm)) if (!match[2]) found.push(match[3]!);
  for (const match of source.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push(match[1]!);
  for (const match of source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) found.push(match[1]!);
  return found;
}

function resolveSource(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  return ['.ts', '.tsx', '/index.ts'].map((ending) => base + ending).find((file) => existsSync(file)) ?? null;
}

/** Every package the renderer's entry loads, with the first module that imports it. */
function packagesLoaded(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        const next = resolveSource(file, specifier);
        if (next) queue.push(next);
      } else {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (!packages.has(name)) packages.set(name, path.relative(path.dirname(RENDERER), file));
      }
    }
  }
  return packages;
}

describe('the renderer under its CSP', () => {
  const loaded = packagesLoaded(path.join(RENDERER, 'main.tsx'));

  it('walks the real module graph (React and react-query are found)', () => {
    expect(loaded.has('react')).toBe(true);
    expect(loaded.has('@tanstack/react-query')).toBe(true);
  });

  it('loads no package that probes eval', () => {
    const offending = EVAL_PROBING.filter((name) => loaded.has(name)).map((name) => `${name} (imported by ${loaded.get(name)})`);
    expect(offending).toEqual([]);
  });
});

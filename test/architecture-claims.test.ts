/**
 * docs/architecture.md lists its claims with the lint rule or test that keeps each true: every
 * claim names at least one check, and every file it names exists (a renamed test would leave a
 * claim with nothing behind it).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the claims of docs/architecture.md', () => {
  it('names for every claim a check, and every file it names exists', () => {
    const doc = readFileSync(path.join(root, 'docs', 'architecture.md'), 'utf8');
    const table = /^## Claims this document makes[^\n]*\n\n\| claim \| kept true by \|\n\|---\|---\|\n((?:\|[^\n]*\n)+)/m.exec(doc)?.[1];
    expect(table, 'the claims table').toBeDefined();
    const rows = table!.trim().split('\n');
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      const checks = row.split(' | ').at(-1)!;
      const files = [...checks.matchAll(/`([\w./-]+\.(?:ts|js|mjs|json))`/g)].map(([, file]) => file!);
      // A check is a lint rule (`vanthu/…`) or a file; a bare name is resolved beside the rule files.
      const rules = [...checks.matchAll(/`vanthu\/[\w-]+`/g)];
      expect(files.length + rules.length, row).toBeGreaterThan(0);
      for (const file of files) expect(existsSync(path.join(root, file)) || existsSync(path.join(root, 'scripts', 'eslint', file)), `${file} (${row})`).toBe(true);
    }
  });
});

/**
 * docs/architecture.md says every process and CLI starts from one file of electron/processes/ and
 * names each in its process table: the build's entries, that folder and the table must agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const PROCESSES = 'electron/processes';

/** The esbuild entries of scripts/build.mjs (the script builds when imported, so it is read). */
function buildEntries(): string[] {
  const script = readFileSync(path.join(root, 'scripts', 'build.mjs'), 'utf8');
  const block = /const nodeEntries = \{([^}]*)\}/.exec(script)?.[1];
  if (!block) throw new Error('scripts/build.mjs has no nodeEntries');
  return [...block.matchAll(/'[^']+':\s*'([^']+)'/g)].map(([, file]) => file!);
}

const entryFiles = () =>
  readdirSync(path.join(root, PROCESSES))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => `${PROCESSES}/${name}`)
    .sort();

describe('process entries', () => {
  it('builds every file of electron/processes/ as an entry, and no other file of electron/ but the preload', () => {
    const entries = buildEntries();
    expect(entries.filter((file) => file.startsWith(`${PROCESSES}/`)).sort()).toEqual(entryFiles());
    expect(entries.filter((file) => file.startsWith('electron/') && !file.startsWith(`${PROCESSES}/`))).toEqual(['electron/preload/preload.ts']);
  });

  it('names every entry in the process table of docs/architecture.md', () => {
    const doc = readFileSync(path.join(root, 'docs', 'architecture.md'), 'utf8');
    const table = /^\| process \| entry \(`electron\/processes\/`\) \|[^\n]*\n(?:\|[^\n]*\n)+/m.exec(doc)?.[0];
    expect(table, 'the process table').toBeDefined();
    const named = [...table!.matchAll(/`([\w-]+\.ts)`/g)].map(([, name]) => name);
    for (const file of entryFiles()) expect(named, file).toContain(path.basename(file));
  });
});

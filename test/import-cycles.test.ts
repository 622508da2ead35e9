/**
 * No module imports itself back at run time, however far round: a cycle makes the load order
 * decide which side sees the other half-initialised. Between the core's folders the tiers already
 * forbid one (docs/architecture.md, "Inside the core"); this also covers the files of one folder
 * and the other layers. Type-only imports are left out: they vanish from the built code, and
 * declaring a type beside its user (a migration's `Migration`) is how TypeScript is written.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const DIRS = ['shared', 'renderer', 'electron', 'axis', 'hub'];

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.parentPath.includes('node_modules'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The files a module loads when it loads: static imports and re-exports that are not type-only. */
function runtimeImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const onlyTypes = clause?.isTypeOnly || (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((element) => element.isTypeOnly));
      if (!onlyTypes) specifier = statement.moduleSpecifier;
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      const onlyTypes = statement.isTypeOnly || (statement.exportClause && ts.isNamedExports(statement.exportClause) && statement.exportClause.elements.every((element) => element.isTypeOnly));
      if (!onlyTypes) specifier = statement.moduleSpecifier;
    }
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), specifier.text).replace(/\.js$/, '');
    const resolved = ['.ts', '.tsx', '/index.ts'].map((ending) => target + ending).find((candidate) => existsSync(candidate));
    if (resolved) found.push(resolved);
  }
  return found;
}

/** Every cycle's files, each cycle once (Tarjan's strongly connected components of more than one file, or a self-import). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.includes(node)) components.push(component.map((file) => path.relative(root, file)).sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
}

describe('import cycles', () => {
  it('finds none at run time in the sources', () => {
    const graph = new Map(DIRS.flatMap(sources).map((file) => [file, runtimeImports(file, readFileSync(file, 'utf8'))] as const));
    expect(cycles(graph)).toEqual([]);
  });

  it('sees a cycle through a value import and not through a type-only one', () => {
    const a = path.join(root, 'electron/core/store/database.ts');
    const b = path.join(root, 'electron/core/store/migrations/index.ts');
    const withValue = new Map([
      [a, runtimeImports(a, "import { migrate } from './migrations/index.js';")],
      [b, runtimeImports(b, "import { openDatabase } from '../database.js';")],
    ]);
    expect(cycles(withValue)).toEqual([['electron/core/store/database.ts', 'electron/core/store/migrations/index.ts']]);
    const withType = new Map([
      [a, runtimeImports(a, "import { migrate } from './migrations/index.js';")],
      [b, runtimeImports(b, "import type { Db } from '../database.js';\nimport { type Db as Other } from '../database.js';")],
    ]);
    expect(cycles(withType)).toEqual([]);
  });
});

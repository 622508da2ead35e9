/**
 * The "comments cite the repository" rule (source-refs.js): a comment naming an outside
 * specification section or an issue number is reported; one citing docs/formats.md is not.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function refErrors(source: string, file = 'electron/core/exchange/probe.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'vanthu/source-refs').map((m) => m.message);
}

describe('source-refs lint rule', () => {
  it.each([
    ['a section of the outside specification', '// The header order of SPEC §3.2.\nexport const x = 1;\n'],
    ['an issue number in a block comment', '/** Document search (issue 6). */\nexport const x = 1;\n'],
    ['an issue number with a hash', '// Fixed in issue #12.\nexport const x = 1;\n'],
    ['a path to the outside design notes', '// See ../shared/DESIGN.md.\nexport const x = 1;\n'],
  ])('reports %s', async (_, source) => {
    expect(await refErrors(source)).toHaveLength(1);
  });

  it.each([
    ['a citation of the project docs', '// The header order of docs/formats.md#edxml.\nexport const x = 1;\n'],
    ['the word issue without a number', '// Issue the number inside the write transaction.\nexport const x = 1;\n'],
    ['a string that names an issue (not a comment)', "export const x = 'issue 6';\n"],
  ])('accepts %s', async (_, source) => {
    expect(await refErrors(source)).toEqual([]);
  });
});

/**
 * The layering rule itself: each forbidden arrow is reported by ESLint, each allowed one is not.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layeringErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'vanthu/layers').map((m) => m.message);
}

describe('layering lint rule', () => {
  it.each([
    ['renderer/features/x.ts', "import fs from 'node:fs';"],
    ['renderer/features/x.ts', "import { openDatabase } from '../../electron/core/store/database.js';"],
    ['renderer/features/x.ts', "import Database from 'better-sqlite3';"],
    ['renderer/features/x.ts', "import { ipcRenderer } from 'electron';"],
    ['shared/api/x.ts', "import path from 'path';"],
    ['shared/api/x.ts', "import { x } from '../../renderer/router.js';"],
    ['shared/api/x.ts', "import { x } from '../../electron/core/store/database.js';"],
    ['electron/core/store/x.ts', "import { app } from 'electron';"],
    ['electron/core/store/x.ts', "import { x } from '../../../renderer/router.js';"],
    ['electron/core/store/x.ts', "import { createAxisServer } from '../../../axis/app.js';"],
    ['electron/core/store/x.ts', "import { x } from '../../main/window.js';"],
    ['axis/x.ts', "import { openDatabase } from '../electron/core/store/database.js';"],
    ['axis/x.ts', "import { app } from 'electron';"],
    ['electron/main/x.ts', "import { x } from '../../renderer/router.js';"],
  ])('%s may not: %s', async (file, source) => {
    expect(await layeringErrors(file, source)).not.toEqual([]);
  });

  it.each([
    ['renderer/features/x.ts', "import { apiInputs } from '../../shared/api/contract.js';"],
    ['electron/core/store/x.ts', "import { foldText } from '../../../shared/text/fold.js';"],
    ['electron/core/store/x.ts', "import { vxpSignRequest } from '../../../shared/axis/vxp.js';"],
    ['electron/core/store/x.ts', "import fs from 'node:fs';"],
    ['axis/x.ts', "import { vxpSignRequest } from '../shared/axis/vxp.js';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/main/x.ts', "import { Supervisor } from '../core/process/supervisor.js';"],
  ])('%s may: %s', async (file, source) => {
    expect(await layeringErrors(file, source)).toEqual([]);
  });
});

describe('layering lint rule on tests', () => {
  it('lets a test of the core use the real reference axis, but not the shell', async () => {
    expect(await layeringErrors('electron/core/exchange/x.test.ts', "import { createAxisServer } from '../../../axis/app.js';")).toEqual([]);
    expect(await layeringErrors('electron/core/exchange/x.test.ts', "import { x } from '../../main/window.js';")).not.toEqual([]);
  });
});

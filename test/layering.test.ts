/**
 * The layering rule itself: each forbidden arrow is reported by ESLint, each allowed one is not.
 */
import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORE_TIERS, LAYERS } from '../scripts/eslint/layers.js';

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
    ['electron/core/store/x.ts', "import { startHub } from '../../../hub/server.js';"],
    ['renderer/features/x.ts', "import { ROLES } from '../../hub/errors.js';"],
    ['shared/hub/x.ts', "import { HubError } from '../../hub/errors.js';"],
    ['axis/x.ts', "import { startHub } from '../hub/server.js';"],
    ['electron/main/x.ts', "import { startHub } from '../../hub/server.js';"],
    ['hub/x.ts', "import { openDatabase } from '../electron/core/store/database.js';"],
    ['hub/x.ts', "import { exchangeHandlers } from '../electron/core/exchange/exchange-handlers.js';"],
    ['hub/x.ts', "import { TokenService } from '../electron/core/signing/pkcs11/token-service.js';"],
    ['hub/x.ts', "import { x } from '../renderer/router.js';"],
    ['hub/x.ts', "import { x } from '../electron/main/window.js';"],
    ['hub/x.ts', "import Database from 'better-sqlite3';"],
    ['hub/x.ts', "import { Module } from 'graphene-pk11';"],
    ['electron/core/backup/x.ts', "import { x } from '../../processes/restore-cli.js';"],
    ['electron/main/x.ts', "import { x } from '../processes/core-process.js';"],
    ['shared/api/x.ts', "import { x } from '../../electron/processes/sync-process.js';"],
    ['electron/processes/x.ts', "import { x } from '../../renderer/router.js';"],
    ['electron/processes/x.ts', "import React from 'react';"],
    // Between the tiers of the core; the first two are the cycles that were cut.
    ['electron/core/verification/x.ts', "import { x } from '../signing/pdf/sign-pdf.js';"],
    ['electron/core/records/x.ts', "import type { CoreContext } from '../service/handlers.js';"],
    ['electron/core/store/x.ts', "import { x } from '../exchange/outbox-pusher.js';"],
    ['electron/core/fs/x.ts', "import { log } from '../logging/log.js';"],
    ['electron/core/pdf/x.ts', "import { x } from '../pki/oids.js';"],
    ['electron/core/pdf/x.ts', "import { x } from '../verification/verify-pdf.js';"],
    ['electron/core/exchange/x.ts', "import { x } from '../backup/backup.js';"],
    ['electron/core/service/x.ts', "import { x } from '../host/http-host.js';"],
    ['electron/core/signing/x.ts', "const m = await import('../records/handover.js');"],
    ['electron/core/newfolder/x.ts', "import { x } from '../store/database.js';"],
    ['electron/core/store/x.ts', "import { x } from '../newfolder/x.js';"],
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
    ['electron/processes/x.ts', "import { CoreRuntime } from '../core/service/core-runtime.js';"],
    ['electron/processes/x.ts', "import { DesktopTray } from '../main/tray.js';"],
    ['electron/processes/x.ts', "import { app } from 'electron';"],
    ['hub/store/x.ts', "import { ROLES } from '../../shared/hub/accounts.js';"],
    ['hub/x.ts', "import { buildChain } from '../electron/core/verification/chain.js';"],
    ['hub/blobs/x.ts', "import { BlobStore } from '../../electron/core/store/blob-store.js';"],
    ['hub/x.ts', "import pg from 'pg';"],
    // Between the tiers of the core: down, or within one folder.
    ['electron/core/signing/x.ts', "import { verifyPdf } from '../verification/verify-pdf.js';"],
    ['electron/core/verification/x.ts', "import { PdfReader } from '../pdf/pdf-reader.js';"],
    ['electron/core/records/x.ts', "import type { RecordsContext } from './records-context.js';"],
    ['electron/core/service/x.ts', "import { exportHandover } from '../records/handover.js';"],
    ['electron/core/host/x.ts', "import { x } from '../service/handlers.js';"],
    ['electron/core/store/migrations/x.ts', "import { x } from '../../fs/replace-file.js';"],
    ['electron/core/signing/pdf/x.ts', "import { x } from './appearance.js';"],
  ])('%s may: %s', async (file, source) => {
    expect(await layeringErrors(file, source)).toEqual([]);
  });
});

describe('layering lint rule on tests', () => {
  it('lets a test of the hub sign on a token through the core, which the hub itself may not', async () => {
    expect(await layeringErrors('hub/http/x.test.ts', "import { TokenService } from '../../electron/core/signing/pkcs11/token-service.js';")).toEqual([]);
    expect(await layeringErrors('hub/http/x.ts', "import { TokenService } from '../../electron/core/signing/pkcs11/token-service.js';")).not.toEqual([]);
  });

  it('lets a test of the core use the real reference axis, but not the shell', async () => {
    expect(await layeringErrors('electron/core/exchange/x.test.ts', "import { createAxisServer } from '../../../axis/app.js';")).toEqual([]);
    expect(await layeringErrors('electron/core/exchange/x.test.ts', "import { x } from '../../main/window.js';")).not.toEqual([]);
  });
});

describe('the tiers inside the core', () => {
  it('lets a test of a lower tier build its fixtures with a higher one', async () => {
    expect(await layeringErrors('electron/core/verification/x.test.ts', "import { signPdf } from '../signing/pdf/sign-pdf.js';")).toEqual([]);
    expect(await layeringErrors('electron/core/verification/x.ts', "import { signPdf } from '../signing/pdf/sign-pdf.js';")).not.toEqual([]);
  });

  it('places every folder of the core in one tier', () => {
    const folders = readdirSync(path.join(root, 'electron', 'core'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    const placed = CORE_TIERS.flatMap((tier) => tier.folders);
    expect([...placed].sort()).toEqual(folders);
    expect(new Set(placed).size).toBe(placed.length);
  });
});

describe('the diagram of docs/architecture.md', () => {
  it('draws exactly the arrows the rule allows', () => {
    const doc = readFileSync(path.join(root, 'docs', 'architecture.md'), 'utf8');
    const diagram = /```mermaid\n[^`]*?%% layers[^`]*?```/.exec(doc)?.[0];
    expect(diagram, 'the layer diagram (a mermaid block marked %% layers)').toBeDefined();
    const drawn = [...diagram!.matchAll(/^\s*(\w+) (?:-->|-\. [^.]+ \.->) (\w+)\s*$/gm)].map(([, from, to]) => `${from} → ${to}`).sort();
    const allowed = LAYERS.flatMap((layer) => [...layer.may.filter((to) => to !== layer.name), ...(layer.corePaths ? ['core'] : [])].map((to) => `${layer.name} → ${to}`)).sort();
    expect(drawn).toEqual(allowed);
  });

  it('draws the tiers of the core as the rule orders them', () => {
    const doc = readFileSync(path.join(root, 'docs', 'architecture.md'), 'utf8');
    const diagram = /```mermaid\n[^`]*?%% core tiers[^`]*?```/.exec(doc)?.[0];
    expect(diagram, 'the core tier diagram (a mermaid block marked %% core tiers)').toBeDefined();
    const tiers = [...diagram!.matchAll(/^\s*(\w+)\["\w+: ([^"]+)"\]\s*$/gm)].map(([, name, folders]) => ({ name: name!, folders: folders!.split(', ') }));
    expect(tiers).toEqual(CORE_TIERS);
    // Each tier stands on the one drawn below it, so the arrows are the rule's order, bottom to top.
    const arrows = [...diagram!.matchAll(/^\s*(\w+) --> (\w+)\s*$/gm)].map(([, from, to]) => `${from} → ${to}`);
    expect(arrows).toEqual(CORE_TIERS.slice(1).map((tier, index) => `${tier.name} → ${CORE_TIERS[index]!.name}`));
  });
});

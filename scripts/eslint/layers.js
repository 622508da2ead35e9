// The layering rule, in the manner of VS Code's local `code-import-patterns`: every import is
// resolved against the importing file, placed in a layer by folder, and checked against that
// layer's allowed arrows; bare package names are checked against what each runtime may load.
// ESLint's own no-restricted-imports matches the literal text, so `../../main/x.js` from the
// core would slip through it.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Longest folder first, so electron/core wins over electron. */
export const LAYERS = [
  { name: 'shared', dir: 'shared', may: ['shared'], packages: { deny: ['electron', 'better-sqlite3', 'react', 'react-dom'], node: false } },
  { name: 'renderer', dir: 'renderer', may: ['shared', 'renderer'], packages: { deny: ['electron', 'better-sqlite3'], node: false } },
  { name: 'core', dir: 'electron/core', may: ['shared', 'core'], packages: { deny: ['electron', 'react', 'react-dom'], node: true } },
  { name: 'main', dir: 'electron/main', may: ['shared', 'core', 'main'], packages: { deny: ['react', 'react-dom'], node: true } },
  // Process entry points and CLIs: thin files that wire modules. Nothing imports them (no layer lists
  // 'processes'), so a module never depends on how it is started.
  { name: 'processes', dir: 'electron/processes', may: ['shared', 'core', 'main', 'processes'], packages: { deny: ['react', 'react-dom'], node: true } },
  { name: 'preload', dir: 'electron/preload', may: ['shared', 'preload'], packages: { deny: ['react', 'react-dom', 'better-sqlite3'], node: false } },
  { name: 'axis', dir: 'axis', may: ['shared', 'axis'], packages: { deny: ['electron', 'react', 'react-dom'], node: true } },
  // The agency hub reuses a few Electron-free core modules until the domain moves to a place both
  // import (docs/architecture.md, "Agency hub"): each one is named, never the whole core.
  {
    name: 'hub',
    dir: 'hub',
    may: ['shared', 'hub'],
    corePaths: [
      'electron/core/verification/',
      'electron/core/store/blob-store.ts',
      'electron/core/store/audit-chain.ts',
      'electron/core/fs/pid-lock.ts',
      // The exchange: the store interface the hub implements, the axis client and the sync engine that runs on them.
      'electron/core/store/exchange-store.ts',
      // What the PostgreSQL store keeps as the SQLite one does: received content, a revision's header, the directory's search text.
      'electron/core/store/received-content.ts',
      'electron/core/store/document-metadata.ts',
      'electron/core/store/agency-search-text.ts',
      'electron/core/exchange/axis-client/types.ts',
      'electron/core/exchange/axis-client/vxp-adapter.ts',
      'electron/core/exchange/sync-engine.ts',
      'electron/core/exchange/sync-protocol.ts',
      // Promotion (`npm run hub -- import`) reads a standalone data folder as the desktop lays it out, under its lock.
      'electron/core/config/data-dir.ts',
      'electron/core/host/instance-lock.ts',
      'electron/core/store/referenced-blobs.ts',
      'electron/core/store/migrations/index.ts',
      // Content search reads a PDF's words, and OCRs its scans, as the desk's reader does.
      'electron/core/intake/pdf-pages.ts',
      'electron/core/intake/ocr-engines.ts',
      // Desk commands: the clerk's acceptance of an arrival and the status package it queues, as the desktop records them.
      'electron/core/exchange/handling-response.ts',
      'electron/core/exchange/package-contents.ts',
      'electron/core/exchange/outgoing-packages.ts',
    ],
    testCorePaths: ['electron/core/signing/pdf/sign-pdf.ts', 'electron/core/signing/pkcs11/token-service.ts', 'electron/core/signing/pkcs11/module-location.ts', 'electron/core/store/exchange-store-contract.ts'],
    packages: { deny: ['electron', 'react', 'react-dom', 'better-sqlite3', 'graphene-pk11', 'pkcs11js'], node: true },
    // The one module that reads a standalone agency's SQLite for the import; tests read it to compare.
    packageFiles: { 'better-sqlite3': ['hub/store/standalone-source.ts'] },
    testPackages: ['better-sqlite3'],
  },
];

/**
 * Inside the core, tiers from the bottom up, as VS Code's base → platform → editor → workbench: a
 * folder of electron/core may import its own folder and the folders of every tier below its own,
 * never a sibling of its tier nor anything above. A new folder must be placed here before it lints.
 * Tests may build their fixtures with any module of the core (a verifier's test signs a PDF).
 */
export const CORE_TIERS = [
  { name: 'base', folders: ['fs', 'logging', 'process'] },
  { name: 'platform', folders: ['config', 'store', 'blobs', 'policy'] },
  { name: 'formats', folders: ['pdf', 'pki'] },
  { name: 'verification', folders: ['verification'] },
  { name: 'signing', folders: ['signing'] },
  { name: 'domain', folders: ['exchange', 'backup', 'update', 'trust', 'export', 'hub-link'] },
  { name: 'filing', folders: ['intake', 'records'] },
  { name: 'service', folders: ['service'] },
  { name: 'host', folders: ['host'] },
];

const CORE_DIR = 'electron/core';

/** The core folder a file is in (`store` for electron/core/store/x.ts), or null outside the core. */
function coreFolderOf(root, file) {
  const relative = path.relative(root, file).split(path.sep).join('/');
  if (!relative.startsWith(`${CORE_DIR}/`)) return null;
  const parts = relative.slice(CORE_DIR.length + 1).split('/');
  return parts.length > 1 ? parts[0] : '';
}

function tierOf(folder) {
  const index = CORE_TIERS.findIndex((tier) => tier.folders.includes(folder));
  return index < 0 ? null : { index, name: CORE_TIERS[index].name };
}

/** Tests of a layer may also use the reference axis and the test helpers (real parts, not mocks). */
const TEST_EXTRA = ['axis', 'test'];

function layerOf(root, file) {
  const relative = path.relative(root, file).split(path.sep).join('/');
  return LAYERS.filter((layer) => relative === layer.dir || relative.startsWith(`${layer.dir}/`)).sort((a, b) => b.dir.length - a.dir.length)[0] ?? null;
}

function targetLayerName(root, file) {
  const layer = layerOf(root, file);
  if (layer) return layer.name;
  const top = path.relative(root, file).split(path.sep)[0];
  return top === 'test' || top === 'e2e' || top === 'scripts' ? top : 'other';
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the layers of docs/architecture.md' },
    schema: [],
    messages: {
      layer: "{{from}} may not import {{to}} ('{{spec}}'): see docs/architecture.md",
      pkg: "{{from}} may not import the package '{{spec}}': see docs/architecture.md",
      tier: "core/{{from}} ({{fromTier}}) may not import core/{{to}} ({{toTier}}) ('{{spec}}'): a folder imports only tiers below its own, see docs/architecture.md",
      unplaced: "core/{{folder}} is in no tier of CORE_TIERS (scripts/eslint/layers.js): place it, and draw it in docs/architecture.md",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const layer = layerOf(root, file);
    if (!layer) return {};
    const isTest = /\.test\.tsx?$/.test(file);
    const allowed = new Set([...layer.may, ...(isTest ? TEST_EXTRA : [])]);
    const corePaths = [...(layer.corePaths ?? []), ...(isTest ? (layer.testCorePaths ?? []) : [])];
    const namedCoreFile = (target) => {
      const relative = path.relative(root, target).split(path.sep).join('/').replace(/\.js$/, '.ts');
      return corePaths.some((allowedPath) => (allowedPath.endsWith('/') ? relative.startsWith(allowedPath) : relative === allowedPath));
    };

    function checkTier(node, spec, resolved) {
      const from = coreFolderOf(root, file);
      const to = coreFolderOf(root, resolved);
      if (from === to) return;
      const fromTier = tierOf(from);
      const toTier = tierOf(to);
      if (!fromTier || !toTier) {
        context.report({ node, messageId: 'unplaced', data: { folder: !fromTier ? from || '(top)' : to || '(top)' } });
      } else if (toTier.index >= fromTier.index) {
        context.report({ node, messageId: 'tier', data: { from, fromTier: fromTier.name, to, toTier: toTier.name, spec } });
      }
    }

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || path.isAbsolute(spec)) {
        const resolved = path.resolve(path.dirname(file), spec);
        const target = targetLayerName(root, resolved);
        if (!allowed.has(target) && !(target === 'core' && namedCoreFile(resolved))) context.report({ node, messageId: 'layer', data: { from: layer.name, to: target, spec } });
        else if (layer.name === 'core' && target === 'core' && !isTest) checkTier(node, spec, resolved);
        return;
      }
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      const relativeFile = path.relative(root, file).split(path.sep).join('/');
      const excepted = (layer.packageFiles?.[name] ?? []).includes(relativeFile) || (isTest && (layer.testPackages ?? []).includes(name));
      if ((layer.packages.deny.includes(name) && !excepted) || (!layer.packages.node && NODE.has(spec))) {
        context.report({ node, messageId: 'pkg', data: { from: layer.name, spec } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node, node.arguments[0].value);
      },
    };
  },
};

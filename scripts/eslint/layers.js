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
      // The exchange: the store interface the hub implements, the axis client and the round pieces that stand on it.
      'electron/core/store/exchange-store.ts',
      'electron/core/exchange/axis-client/types.ts',
      'electron/core/exchange/axis-client/vxp-adapter.ts',
      'electron/core/exchange/outbox-pusher.ts',
      'electron/core/exchange/backoff.ts',
    ],
    testCorePaths: ['electron/core/signing/pkcs11/token-service.ts', 'electron/core/signing/pkcs11/module-location.ts', 'electron/core/store/exchange-store-contract.ts'],
    packages: { deny: ['electron', 'react', 'react-dom', 'better-sqlite3', 'graphene-pk11', 'pkcs11js'], node: true },
  },
];

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

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || path.isAbsolute(spec)) {
        const resolved = path.resolve(path.dirname(file), spec);
        const target = targetLayerName(root, resolved);
        if (!allowed.has(target) && !(target === 'core' && namedCoreFile(resolved))) context.report({ node, messageId: 'layer', data: { from: layer.name, to: target, spec } });
        return;
      }
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (layer.packages.deny.includes(name) || (!layer.packages.node && NODE.has(spec))) {
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

// Builds every runtime: the Node bundles (browser-mode host, sync process, reference axis, the
// agency hub, the Electron main/preload and the core's utility-process entry) with esbuild, and the renderer
// with Vite. Native and Electron modules stay external: they are loaded from node_modules.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const quiet = process.argv.includes('--quiet');

const nodeEntries = {
  'core/host': 'electron/processes/browser-host.ts',
  'core/sync': 'electron/processes/sync-process.ts',
  // The thread the sync process reads received packages on (package-reading-thread.ts).
  'core/package-reader': 'electron/processes/package-reader-thread.ts',
  'core/signer': 'electron/processes/signer-process.ts',
  'core/sign-cli': 'electron/processes/sign-cli.ts',
  'core/verify-cli': 'electron/processes/verify-cli.ts',
  'core/restore-cli': 'electron/processes/restore-cli.ts',
  'tools/seed': 'scripts/seed/seed-cli.ts',
  'core/core-process': 'electron/processes/core-process.ts',
  'axis/server': 'axis/server.ts',
  'hub/hub': 'hub/main.ts',
  'electron/main': 'electron/processes/electron-main.ts',
  'electron/preload': 'electron/preload/preload.ts',
};

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints: nodeEntries,
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: 'linked',
  // pg-native: node-postgres's optional libpq binding, which the hub does not use. pdf.js (the core reads
  // PDFs' text with it) loads its worker module next to itself: it stays a package.
  external: ['electron', 'electron-updater', 'better-sqlite3', 'graphene-pk11', 'pkcs11js', 'tesseract.js', 'pdfjs-dist', 'pg-native'],
  define: { VANTHU_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
await viteBuild({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
// When this build started: a source saved after it makes dist/ stale (scripts/fresh-build.mjs).
writeFileSync(path.join(root, 'dist', '.build-stamp'), String(started));
if (!quiet) console.log(`built dist/ in ${Date.now() - started} ms`);

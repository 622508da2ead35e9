// Launcher of the benchmarks (`npm run bench -- <name> [options]`): bundles the TypeScript
// entries in bench/ with esbuild, the way scripts/build.mjs bundles the Node runtimes (native and
// Electron modules stay external), then runs dist/bench/run.cjs with the same arguments.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  absWorkingDir: root,
  entryPoints: {
    'bench/run': 'bench/run.ts',
    'bench/naive-ingest-child': 'bench/naive-ingest-child.ts',
    'bench/sign-child': 'bench/sign-child.ts',
    'bench/verify-child': 'bench/verify-child.ts',
    'bench/open-json-peer': 'bench/open-json-peer.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: 'linked',
  external: ['electron', 'pg-native', 'better-sqlite3', 'graphene-pk11', 'pkcs11js', 'tesseract.js', 'pdfjs-dist', '@playwright/test', 'playwright', 'playwright-core'],
  logLevel: 'warning',
});
// The `open` bench's peer page runs in Chromium: pdf.js and the shared wire decoding, as the renderer had them.
await build({
  absWorkingDir: root,
  entryPoints: { 'bench/open-peer-page': 'bench/open-peer-page.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  logLevel: 'warning',
});

await import(pathToFileURL(path.join(root, 'dist', 'bench', 'run.cjs')).href);

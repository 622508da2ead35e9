import { build } from 'esbuild';
const r = await build({ absWorkingDir: process.cwd(), entryPoints: { 'verify-cli': 'electron/core/verification/cli/verify-cli.ts' }, outdir: '/tmp/perf2/metaout', outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', target: 'node22', format: 'cjs', metafile: true, external: ['electron', 'electron-updater', 'better-sqlite3', 'graphene-pk11', 'pkcs11js', 'tesseract.js', 'pdfjs-dist', 'pg-native'], define: { VANTHU_VERSION: '"x"' }, logLevel: 'warning' });
const out = Object.values(r.metafile.outputs)[0];
const byPkg = {};
for (const [file, info] of Object.entries(out.inputs)) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  const key = m ? m[1] : file.split('/').slice(0, 3).join('/');
  byPkg[key] = (byPkg[key] ?? 0) + info.bytesInOutput;
}
console.log(Object.entries(byPkg).sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(v / 1024).toFixed(0).padStart(6)} KB ${k}`).join('\n'));
console.log('inputs', Object.keys(out.inputs).length, 'bytes', out.bytes);

// `npm run test:chaos [-- DOCUMENTS KILLS [SEED]]`: the chaos test at full size (default 300
// documents, 30 kills), on the build; `npm test` runs the same test with a small exchange.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [documents = '300', kills = '30', seed] = process.argv.slice(2);
const run = (command, args, env = {}) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const built = run(process.execPath, ['scripts/build.mjs', '--quiet']);
if (built !== 0) process.exit(built);
const env = { VANTHU_CHAOS_DOCUMENTS: documents, VANTHU_CHAOS_KILLS: kills, ...(seed ? { VANTHU_CHAOS_SEED: seed } : {}) };
process.exit(run(path.join(root, 'node_modules', '.bin', 'vitest'), ['run', 'test/chaos/'], env));

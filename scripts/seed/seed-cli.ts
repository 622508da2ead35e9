/**
 * `npm run seed -- --docs 100000 --data-dir DIR [--seed N] [--agencies N]`: fills a new or empty
 * data dir with generated documents (see seed-data-dir.ts). Start the app on it with
 * `npm start -- --data-dir DIR` and choose the demo setup.
 */
import path from 'node:path';
import { seedDataDir } from './seed-data-dir.js';

const USAGE = 'usage: npm run seed -- --docs N --data-dir DIR [--seed N] [--agencies N]';

function parse(argv: readonly string[]): { dataDir: string; docs: number; seed: number; agencies: number } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    if (!['--docs', '--data-dir', '--seed', '--agencies'].includes(flag)) throw new Error(`unknown option ${flag}\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    values.set(flag, value);
  }
  const integer = (flag: string, fallback?: number) => {
    const raw = values.get(flag);
    if (raw === undefined && fallback !== undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} needs a positive integer, got ${raw ?? 'nothing'}\n${USAGE}`);
    return value;
  };
  const dataDir = values.get('--data-dir');
  if (!dataDir) throw new Error(`--data-dir is required\n${USAGE}`);
  return { dataDir: path.resolve(dataDir), docs: integer('--docs'), seed: integer('--seed', 1), agencies: integer('--agencies', 3000) };
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const started = performance.now();
  const result = await seedDataDir(options.dataDir, {
    ...options,
    onProgress: (done) => {
      if (done % 100_000 === 0 || done === options.docs) console.log(`${done} documents (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    },
  });
  console.log(`seeded ${options.dataDir}: ${result.documents} documents from ${result.agencies} agencies in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${options.seed})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

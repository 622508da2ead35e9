import { existsSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../electron/core/config/data-dir.js';
import { seedDataDir } from '../scripts/seed/seed-data-dir.js';
import { log, nowMs, withTempDir, type BenchOptions } from './lib.js';

/**
 * A data dir holding `size` generated documents (npm run seed's generator): seeded in a temp dir
 * removed afterwards, or with --keep DIR seeded once into DIR/<bench>-<size>-seed<seed> and reused
 * by later runs of that benchmark (the same size and seed).
 */
export async function inSeededDataDir<T>(options: BenchOptions, size: number, bench: string, work: (dir: string) => Promise<T>): Promise<T> {
  const seed = async (dir: string) => {
    const seeding = nowMs();
    await seedDataDir(dir, { docs: size, seed: options.seed });
    log();
    log(`setup: ${size} documents seeded in ${(Math.round(nowMs() - seeding) / 1000).toFixed(1)} s (not measured below)`);
  };
  if (options.keepDir === null) {
    return withTempDir(`vanthu-bench-${bench}-`, async (dir) => {
      await seed(dir);
      return work(dir);
    });
  }
  const dir = path.join(options.keepDir, `${bench}-${size}-seed${options.seed}`);
  if (existsSync(path.join(dir, DATABASE_FILE))) {
    log();
    log(`setup: reusing the ${size} documents seeded in ${dir} (--keep)`);
  } else {
    await seed(dir);
  }
  return work(dir);
}

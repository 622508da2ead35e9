/**
 * Small helpers shared by the benchmarks: options, timing statistics, tables and goal lines.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BenchOptions {
  /** Directory size (the demo agencies included). */
  agencies: number;
  /** Packages for the ingest bench. */
  docs: number;
  /** Documents in the hub's database for the `hub` bench's desk side: 1M unless `--docs` says (it sets both). */
  hubDocs: number;
  /** Attachment size in bytes for the ingest bench. */
  pdfBytes: number;
  /** Runs of each search query. */
  repeat: number;
  /** Rounds of the ingest bench's small-package pair: its goal takes the median round. */
  rounds: number;
  seed: number;
  /** Document counts for the search bench. */
  sizes: number[];
  /** Where the search bench keeps its generated data dirs, and the hub benches their seeded cluster, to reuse them (seeding a million takes minutes); null: a temp dir per run. */
  keepDir: string | null;
}

export const DEFAULT_OPTIONS: BenchOptions = { agencies: 111_000, docs: 2000, hubDocs: 1_000_000, pdfBytes: 200 * 1024, repeat: 20, rounds: 3, seed: 20260312, sizes: [100_000, 1_000_000], keepDir: null };

const OPTION_NAMES: Record<string, Exclude<keyof BenchOptions, 'sizes' | 'keepDir'>> = {
  '--agencies': 'agencies',
  '--docs': 'docs',
  '--pdf-kb': 'pdfBytes',
  '--repeat': 'repeat',
  '--rounds': 'rounds',
  '--seed': 'seed',
};

export function parseArgs(argv: readonly string[]): { names: string[]; options: BenchOptions } {
  const options = { ...DEFAULT_OPTIONS };
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const key = OPTION_NAMES[flag];
    if (flag === '--sizes') {
      const raw = inline ?? argv[++i] ?? '';
      options.sizes = raw.split(',').map(Number);
      if (!options.sizes.every((size) => Number.isInteger(size) && size > 0)) throw new Error(`--sizes needs positive integers separated by commas, got ${raw}`);
    } else if (flag === '--keep') {
      const raw = inline ?? argv[++i];
      if (!raw) throw new Error('--keep needs a directory');
      options.keepDir = path.resolve(raw);
    } else if (key) {
      const raw = inline ?? argv[++i];
      const value = Number(raw);
      if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} needs a positive integer, got ${raw}`);
      options[key] = key === 'pdfBytes' ? value * 1024 : value;
      if (key === 'docs') options.hubDocs = value;
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      names.push(arg);
    }
  }
  return { names, options };
}

export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** `runs` timings of `work` in ms, after one untimed warm-up run. */
export function timed(runs: number, work: () => void): number[] {
  work();
  return Array.from({ length: runs }, () => {
    const started = nowMs();
    work();
    return nowMs() - started;
  });
}

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { count: sorted.length, p50: rank(50), p95: rank(95), max: sorted[sorted.length - 1] ?? NaN, mean };
}

export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, rightAligned: ReadonlySet<number> = new Set()): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
export const ratio = (value: number): string => `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×`;
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** `GOAL <name>: <value> (<target>) PASS|MISS` */
export function goal(name: string, value: string, target: string, pass: boolean): string {
  return `GOAL ${name}: ${value} (${target}) ${pass ? 'PASS' : 'MISS'}`;
}

/** The peak resident set of a live process (Linux: VmHWM), in bytes; null elsewhere. */
export function peakRss(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * The CPU time (user + system) a live process has used so far (Linux: /proc/<pid>/stat, in the
 * kernel's fixed 100 ticks a second), in seconds; null elsewhere. On a shared machine it moves
 * far less with the others' load than wall time does.
 */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * The whole machine's CPU time so far, busy and in all (Linux: the first line of /proc/stat, in
 * 100 ticks a second, summed over the cores), in seconds; null elsewhere. Busy is all but idle
 * and I/O wait: the receiver's own threads, the other processes and the kernel's work for them.
 */
export function machineCpuSeconds(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = ticks.reduce((sum, value) => sum + value, 0);
    const waiting = ticks[3]! + ticks[4]!;
    return { busy: (total - waiting) / 100, total: total / 100 };
  } catch {
    return null;
  }
}

export function log(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/**
 * `ingest`: agency B pulls packages from the reference axis with the real sync process
 * (dist/core/sync.cjs, forked as the app forks it, with its Node flags: program-flags.ts),
 * against the naive peer (whole package in memory, DOM parse, one autocommit per row) pulling
 * the same packages as a second recipient C, also in its own process. Two runs: many small packages (one ~200 KB PDF each: throughput and
 * peak RSS) and a few 50 MB packages of many attachments (peak RSS: ours streams, so it stays
 * flat; the peer holds each package whole, so it grows). The small run is repeated (`--rounds`,
 * 3 by default), the two sides taking turns to go first: on a shared machine one pair's ratio
 * moves by a quarter from run to run, so the goal takes the median round.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SyncStatus } from '../shared/api/sync-status.js';
import type { AgencyCredential } from '../axis/directory.js';
import { createVxpClient } from '../electron/core/exchange/axis-client/vxp-adapter.js';
import { PROGRAM_EXEC_ARGV } from '../electron/core/process/program-flags.js';
import type { AxisCredentials, SyncCommand, SyncMessage } from '../electron/core/exchange/sync-protocol.js';
import { BlobStore } from '../electron/core/store/blob-store.js';
import { openDatabase } from '../electron/core/store/database.js';
import { startAxisProcess } from './axis-process.js';
import { cpuSeconds, goal, log, machineCpuSeconds, mib, ms, nowMs, peakRss, ratio, table, withTempDir, type BenchOptions } from './lib.js';
import type { NaiveCommand, NaiveMessage } from './naive-protocol.js';
import { uploadPackages, type PackageShape } from './packages.js';

/** Ours against the naive peer on the same packages, same machine, same run. */
const GOAL_THROUGHPUT_RATIO = 2;
/** "Flat": the 50 MB run may add at most this much peak RSS over the small-package run. */
const FLAT_RSS_GROWTH_BYTES = 32 * 1024 * 1024;
const LARGE_PACKAGES: PackageShape = { count: 8, attachmentsPerPackage: 25, attachmentBytes: 2 * 1024 * 1024 };
const POLL_MS = 50;
/** A run whose inbox does not grow for this long has stalled. */
const STALL_MS = 60_000;

/** dist/, where this bundle (dist/bench/run.cjs) and the app's bundles live. */
const DIST = path.resolve(__dirname, '..');
const SYNC_BUNDLE = path.join(DIST, 'core', 'sync.cjs');
/** The thread the sync process reads packages on, loaded from beside sync.cjs. */
const PACKAGE_READER_BUNDLE = path.join(DIST, 'core', 'package-reader.cjs');
const NAIVE_BUNDLE = path.join(DIST, 'bench', 'naive-ingest-child.cjs');

interface RunResult {
  docs: number;
  attachments: number;
  seconds: number;
  /** CPU time the process used in the timed window (user + system); null off Linux. */
  cpuSeconds: number | null;
  /** The reference axis's CPU time in the same window, serving this side. */
  axisCpuSeconds: number | null;
  /** The whole machine's busy CPU time in that window, and the most it had (every core, the whole window). */
  machine: { busy: number; total: number } | null;
  peakRssBytes: number | null;
}

interface PairResult {
  ours: RunResult;
  naive: RunResult;
  same: boolean;
}

export async function ingestBench(options: BenchOptions): Promise<boolean> {
  for (const bundle of [SYNC_BUNDLE, PACKAGE_READER_BUNDLE, NAIVE_BUNDLE]) {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`node scripts/build.mjs --quiet\` first (npm run bench does)`);
  }
  const small: PackageShape = { count: options.docs, attachmentsPerPackage: 1, attachmentBytes: options.pdfBytes };
  return withTempDir('vanthu-bench-ingest-', async (dir) => {
    // Private copies: a concurrent build empties dist/ and would pull the bundles away mid-run.
    const bin = path.join(dir, 'bin');
    await mkdir(bin);
    const bundles = { sync: await copyBundle(SYNC_BUNDLE, bin), naive: await copyBundle(NAIVE_BUNDLE, bin) };
    await copyBundle(PACKAGE_READER_BUNDLE, bin);

    log(`== ingest, small packages: ${small.count} packages (one ${Math.round(small.attachmentBytes / 1024)} KB PDF each) pulled from the reference axis`);
    const rounds: PairResult[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const naiveFirst = round % 2 === 0;
      log(`-- round ${round} of ${options.rounds}${naiveFirst ? ', the naive peer first' : ''}`);
      rounds.push(await runPair(path.join(dir, `small-${round}`), bundles, small, naiveFirst));
    }
    const byRatio = [...rounds].sort((x, y) => pairRatio(x) - pairRatio(y));
    const smallRun = byRatio[Math.floor((byRatio.length - 1) / 2)]!;
    log(`rounds, ours' docs/s over the naive peer's: ${rounds.map((pair) => ratio(pairRatio(pair))).join(', ')}; the table shows the median round`);
    const shape = `${LARGE_PACKAGES.attachmentsPerPackage} attachments of ${mib(LARGE_PACKAGES.attachmentBytes)}`;
    log();
    log(`== ingest, large packages: ${LARGE_PACKAGES.count} packages of ${shape}`);
    const largeRun = await runPair(path.join(dir, 'large'), bundles, LARGE_PACKAGES, false);

    const rate = (run: RunResult) => run.docs / run.seconds;
    const rss = (run: RunResult) => (run.peakRssBytes === null ? 'n/a' : mib(run.peakRssBytes));
    const perDoc = (seconds: number | null, run: RunResult) => (seconds === null ? 'n/a' : ((seconds * 1000) / run.docs).toFixed(1));
    const busy = (run: RunResult) => (run.machine === null ? 'n/a' : `${Math.round((100 * run.machine.busy) / run.machine.total)}%`);
    const row = (label: string, run: RunResult) => [label, String(run.docs), String(run.attachments), ms(run.seconds), rate(run).toFixed(1), perDoc(run.cpuSeconds, run), perDoc(run.axisCpuSeconds, run), busy(run), rss(run)];
    log();
    log(
      table(
        ['ingest (each process forked, advanced serialization)', 'docs', 'attachments', 'time s', 'docs/s', 'CPU ms/doc', 'axis CPU ms/doc', 'machine busy', 'peak RSS (VmHWM)'],
        [
          row('small, ours: sync process dist/core/sync.cjs, recipient B', smallRun.ours),
          row('small, naive: whole package + DOM + autocommit per row, C', smallRun.naive),
          row(`large (${shape}), ours`, largeRun.ours),
          row('large, naive', largeRun.naive),
        ],
        new Set([1, 2, 3, 4, 5, 6, 7, 8]),
      ),
    );
    log("time: from the process's first message (database open) until its store holds every package whole: document, attachments");
    log('and the record of the axis package (polled on a read-only connection); the reference axis serves both from a process of its own.');
    log('ours per package also keeps the package file, queues a status 01 (built as a package file) and writes the audit log;');
    log('the naive peer does none of these; both use WAL + synchronous=FULL and the same durable blob write.');
    log('CPU ms/doc: the process\'s user + system CPU time in that window (/proc/<pid>/stat), per document: on a shared machine');
    log('it moves far less with the others\' load than the time does, so it says whether a change made receiving cheaper.');
    log('axis CPU ms/doc: the same for the reference axis serving that side. machine busy: the share of all the machine\'s cores in use');
    log('in that window (/proc/stat: everything but idle and I/O wait, so the kernel\'s work for the disk too); near 100% the run waits on the machine.');
    const goalRate = GOAL_THROUGHPUT_RATIO * rate(smallRun.naive);
    const demand = machineDemandAt(goalRate, smallRun.ours);
    if (demand !== null) {
      log(
        `at ${GOAL_THROUGHPUT_RATIO}× the naive peer (${goalRate.toFixed(1)} docs/s), receiving at this run's machine CPU per document ` +
          `(${demand.perDocMs.toFixed(1)} ms: ours, the axis and the kernel) would keep ${demand.cores.toFixed(2)} of the machine's ${demand.available} cores busy.`,
      );
    }
    const allSame = rounds.every((pair) => pair.same);
    log(`both stores hold the same documents (DocumentId, sender, subject) and attachment hashes: small ${allSame ? 'yes' : 'NO'}, large ${largeRun.same ? 'yes' : 'NO'}`);

    const complete = (pair: PairResult, shapeOf: PackageShape) => pair.same && pair.ours.docs === shapeOf.count && pair.naive.docs === shapeOf.count;
    const throughput = pairRatio(smallRun);
    const peak = (run: RunResult) => run.peakRssBytes ?? Number.POSITIVE_INFINITY;
    // Every round's peak, not the median round's: memory must stay below in all of them.
    const mostRss = (side: 'ours' | 'naive') => Math.max(...rounds.map((pair) => peak(pair[side])));
    const oursGrowth = peak(largeRun.ours) - peak(smallRun.ours);
    const naiveGrowth = peak(largeRun.naive) - peak(smallRun.naive);
    const goals = [
      {
        name: 'ingest-throughput',
        value: `${ratio(throughput)} the naive peer's docs/s, median of ${rounds.length} rounds (${rate(smallRun.ours).toFixed(1)} vs ${rate(smallRun.naive).toFixed(1)})`,
        target: `≥ ${GOAL_THROUGHPUT_RATIO}×`,
        pass: rounds.every((pair) => complete(pair, small)) && throughput >= GOAL_THROUGHPUT_RATIO,
      },
      { name: 'ingest-rss', value: `${mib(mostRss('ours'))} vs naive ${mib(mostRss('naive'))}, the most of any round`, target: 'ours ≤ naive', pass: mostRss('ours') <= mostRss('naive') },
      {
        name: 'ingest-large-rss',
        value: `ours +${mib(oursGrowth)} (${rss(largeRun.ours)}), naive +${mib(naiveGrowth)} (${rss(largeRun.naive)})`,
        target: `ours grows ≤ ${mib(FLAT_RSS_GROWTH_BYTES)} and stays below naive`,
        pass: complete(largeRun, LARGE_PACKAGES) && oursGrowth <= FLAT_RSS_GROWTH_BYTES && peak(largeRun.ours) < peak(largeRun.naive),
      },
    ];
    log();
    for (const g of goals) log(goal(g.name, g.value, g.target, g.pass));
    return goals.every((g) => g.pass);
  });
}

/**
 * How many cores the machine would need busy for `docsPerSecond`, at the machine CPU time per
 * document `run` took (every process's and the kernel's): what a throughput goal asks of the
 * machine, whatever the receiver's own design.
 */
function machineDemandAt(docsPerSecond: number, run: RunResult): { perDocMs: number; cores: number; available: number } | null {
  if (run.machine === null) return null;
  const available = Math.round(run.machine.total / run.seconds);
  const perDocMs = (run.machine.busy * 1000) / run.docs;
  return { perDocMs, cores: (docsPerSecond * perDocMs) / 1000, available };
}

const pairRatio = (pair: PairResult) => pair.ours.docs / pair.ours.seconds / (pair.naive.docs / pair.naive.seconds);

/** One run: a fresh axis, the packages sent from A to B (ours) and C (naive), both pulled, one after the other. */
async function runPair(dir: string, bundles: { sync: string; naive: string }, shape: PackageShape, naiveFirst: boolean): Promise<PairResult> {
  const axis = await startAxisProcess(path.join(dir, 'axis'));
  try {
    const [a, b, c] = axis.agencies;
    if (!a || !b || !c) throw new Error('the reference axis has fewer than three demo agencies');
    const credentials = (agency: AgencyCredential): AxisCredentials => ({ url: axis.url, systemId: agency.code, secret: agency.secret });
    const uploadDir = path.join(dir, 'upload');
    await mkdir(uploadDir, { recursive: true });
    const uploading = nowMs();
    const sender = createVxpClient({ baseUrl: axis.url, systemId: a.code, secret: a.secret });
    const uploaded = await uploadPackages(sender, uploadDir, shape, a, [b, c], (done) => {
      if (done % 500 === 0) process.stderr.write(`  uploaded ${done}/${shape.count}\n`);
    });
    log(
      `setup: ${shape.count} packages of ${Math.round(uploaded.packageBytes / 1024)} KB from ${a.code} to ${b.code} (B, ours) and ${c.code} (C, naive), ` +
        `written with writePackageFile and sent with the VXP client in ${ms((nowMs() - uploading) / 1000)} s (not measured)`,
    );
    const oursData = await prepareDataDir(path.join(dir, 'ours'));
    const naiveData = await prepareDataDir(path.join(dir, 'naive'));
    const runOursSide = async () => progress('ours', await runOurs(bundles.sync, oursData, credentials(b), shape.count, axis.pid));
    const runNaiveSide = async () => progress('naive', await runNaive(bundles.naive, naiveData, credentials(c), shape.count, axis.pid));
    const naiveBefore = naiveFirst ? await runNaiveSide() : null;
    const ours = await runOursSide();
    const naive = naiveBefore ?? (await runNaiveSide());
    return { ours, naive, same: sameContent(oursData.databaseFile, naiveData.databaseFile) };
  } finally {
    await axis.stop();
  }
}

/** Each side's figures as soon as it is done, for a run watched or stopped early (the table comes at the end). */
function progress(side: string, run: RunResult): RunResult {
  process.stderr.write(`  ${side}: ${run.docs} docs in ${ms(run.seconds)} s, CPU ${run.cpuSeconds === null ? 'n/a' : ms(run.cpuSeconds)} s, peak RSS ${run.peakRssBytes === null ? 'n/a' : mib(run.peakRssBytes)}\n`);
  return run;
}

/** Whether both peers stored the same thing: the comparison is only fair if they did. */
function sameContent(oursFile: string, naiveFile: string): boolean {
  const digest = (file: string) => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return JSON.stringify(
        db
          .prepare(
            `SELECT d.edxml_document_id, d.sender_id, d.subject, group_concat(a.sha256) AS blobs
             FROM documents d LEFT JOIN attachments a ON a.document_id = d.id
             WHERE d.direction = 'incoming' GROUP BY d.id ORDER BY d.edxml_document_id`,
          )
          .raw()
          .all(),
      );
    } finally {
      db.close();
    }
  };
  return digest(oursFile) === digest(naiveFile);
}

/** A data dir as the core leaves it: database migrated, blob folder initialised. */
async function prepareDataDir(dir: string): Promise<{ databaseFile: string; blobsDir: string }> {
  await mkdir(dir, { recursive: true });
  const databaseFile = path.join(dir, 'vanthu.sqlite');
  openDatabase(databaseFile).close();
  const blobsDir = path.join(dir, 'blobs');
  await new BlobStore(blobsDir).init();
  return { databaseFile, blobsDir };
}

async function copyBundle(bundle: string, bin: string): Promise<string> {
  const copy = path.join(bin, path.basename(bundle));
  await copyFile(bundle, copy);
  return copy;
}

/**
 * The copies load their native modules from the project's node_modules; their temporary files
 * go under the bench's folder, so that a child ended mid-package leaves nothing behind.
 */
function forkChild(modulePath: string, execArgv: readonly string[] = []): ChildProcess {
  const bin = path.dirname(modulePath);
  const nodePath = [path.join(DIST, '..', 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
  // BENCH_CPU_PROF_DIR=<dir>: each child writes a V8 CPU profile there (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  return fork(modulePath, [], { serialization: 'advanced', execArgv: [...execArgv, ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_PATH: nodePath, TMPDIR: bin } });
}

async function runOurs(syncBundle: string, data: { databaseFile: string }, axis: AxisCredentials, expected: number, axisPid: number | undefined): Promise<RunResult> {
  const child = forkChild(syncBundle, PROGRAM_EXEC_ARGV.sync);
  let failure: string | null = null;
  let started: (() => void) | null = null;
  const firstMessage = new Promise<void>((resolve) => (started = resolve));
  let last: SyncStatus | null = null;
  child.on('message', (message: SyncMessage) => {
    started?.();
    if (message.type !== 'status') return;
    last = message.status;
    if (message.status.phase === 'error' || message.status.phase === 'offline') failure = `sync process reports ${message.status.phase}: ${message.status.message}`;
  });
  try {
    const configure: SyncCommand = { type: 'configure', databaseFile: data.databaseFile, axis };
    child.send(configure);
    return await measure(child, axisPid, data.databaseFile, expected, firstMessage, () => failure, () => `last status ${JSON.stringify(last)}`);
  } finally {
    await stopChild(child, () => child.send({ type: 'shutdown' } satisfies SyncCommand));
  }
}

async function runNaive(childBundle: string, data: { databaseFile: string; blobsDir: string }, axis: AxisCredentials, expected: number, axisPid: number | undefined): Promise<RunResult> {
  const child = forkChild(childBundle);
  let failure: string | null = null;
  let started: (() => void) | null = null;
  const firstMessage = new Promise<void>((resolve) => (started = resolve));
  child.on('message', (message: NaiveMessage) => {
    started?.();
    if (message.type === 'failed') failure = `naive peer failed: ${message.message}`;
  });
  try {
    child.send({ type: 'start', ...data, axis } satisfies NaiveCommand);
    return await measure(child, axisPid, data.databaseFile, expected, firstMessage, () => failure, () => '');
  } finally {
    await stopChild(child, () => child.send({ type: 'exit' } satisfies NaiveCommand));
  }
}

/**
 * Waits for the process's first message, then times it until `expected` packages are stored whole:
 * the record of the axis package is each peer's last row of a package (the naive peer writes the
 * document row before its attachments, so counting documents would stop the clock early).
 */
async function measure(
  child: ChildProcess,
  axisPid: number | undefined,
  databaseFile: string,
  expected: number,
  firstMessage: Promise<void>,
  failure: () => string | null,
  context: () => string,
): Promise<RunResult> {
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited (${signal ?? code})`));
  let begun = false;
  void firstMessage.then(() => (begun = true));
  while (!begun) {
    const problem = exited ?? failure();
    if (problem) throw new Error(`${problem} before starting. ${context()}`);
    await sleep(POLL_MS);
  }
  const reader = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const countDocuments = reader.prepare("SELECT count(*) FROM inbound_packages WHERE outcome = 'document'").pluck();
    const started = nowMs();
    const cpuOf = (pid: number | undefined) => (pid === undefined ? null : cpuSeconds(pid));
    const [cpuAtStart, axisAtStart, machineAtStart] = [cpuOf(child.pid), cpuOf(axisPid), machineCpuSeconds()];
    let count = 0;
    let grewAt = started;
    for (;;) {
      const now = countDocuments.get() as number;
      if (now > count) grewAt = nowMs();
      count = now;
      if (count >= expected) break;
      const problem = failure() ?? exited ?? (nowMs() - grewAt > STALL_MS ? `no new document for ${STALL_MS / 1000} s` : null);
      if (problem) throw new Error(`${problem} after ${count}/${expected} documents. ${context()}`);
      await sleep(POLL_MS);
    }
    const seconds = (nowMs() - started) / 1000;
    const [cpuAtEnd, axisAtEnd, machineAtEnd] = [cpuOf(child.pid), cpuOf(axisPid), machineCpuSeconds()];
    const spent = (start: number | null, end: number | null) => (start === null || end === null ? null : end - start);
    const peakRssBytes = child.pid === undefined ? null : peakRss(child.pid);
    const attachments = reader
      .prepare("SELECT count(*) FROM attachments JOIN documents ON documents.id = attachments.document_id WHERE documents.direction = 'incoming'")
      .pluck()
      .get() as number;
    const machine = machineAtStart && machineAtEnd && { busy: machineAtEnd.busy - machineAtStart.busy, total: machineAtEnd.total - machineAtStart.total };
    return { docs: count, attachments, seconds, cpuSeconds: spent(cpuAtStart, cpuAtEnd), axisCpuSeconds: spent(axisAtStart, axisAtEnd), machine, peakRssBytes };
  } finally {
    reader.close();
  }
}

/** Asks the child to stop, then ends it (ours may still be sending its status 01 packages). */
async function stopChild(child: ChildProcess, ask: () => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) ask();
  // A child writing its CPU profile (BENCH_CPU_PROF_DIR) needs longer than one merely exiting.
  const timer = setTimeout(() => child.kill('SIGKILL'), process.env.BENCH_CPU_PROF_DIR ? 60_000 : 3000);
  await exited;
  clearTimeout(timer);
}

const sleep = (delay: number) => new Promise<void>((resolve) => setTimeout(resolve, delay));

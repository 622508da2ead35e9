/**
 * `open`: a clerk opens a 60 MB and a 200 MB PDF attachment of incoming documents in browser mode
 * (the built host, Debian's Chromium through Playwright): the time from the click on "Mở" to page 1
 * drawn by the in-app viewer, and the host's resident memory meanwhile (sampled every 5 ms, and
 * VmHWM), with the bytes the viewer fetched. The peer, in the same run, is the JSON path VanThu had before files
 * went by link (open-json-peer.ts: the whole blob read, base64 in a JSON reply, decoded in the page
 * and handed to pdf.js), serving the same blob of the same data folder.
 */
import { spawn, fork, type ChildProcess } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { BLOBS_DIR, DATABASE_FILE } from '../electron/core/config/data-dir.js';
import { BlobStore } from '../electron/core/store/blob-store.js';
import { openDatabase, writeTransaction } from '../electron/core/store/database.js';
import { insertAttachments } from '../electron/core/store/documents.js';
import { insertDocument } from '../test/document-rows.js';
import { writeBigPdf } from '../test/big-pdf.js';
import { goal, log, mib, ratio, table, withTempDir, type BenchOptions } from './lib.js';

/** 60 MB took 3 GB through the JSON path, 200 MB crashed the host (the security review). */
const SIZES_MIB = [60, 200];
const GOAL_SIZE_MIB = 200;
const GOAL_RSS_BYTES = 200 * 1024 * 1024;
const GOAL_FIRST_PAGE_MS = 2_000;
/** After page 1: the background hash check of the link and any late range request still count. */
const SETTLE_MS = 3_000;
const nameOf = (mebibytes: number) => `Hồ sơ quy hoạch ${mebibytes} MB.pdf`;
const DIST = path.resolve(__dirname, '..');
const CHROMIUM = process.env.VANTHU_CHROMIUM ?? '/usr/bin/chromium';

interface Opened {
  firstPageMs: number | null;
  /** The highest VmRSS sampled from the click until SETTLE_MS after page 1. */
  peakRssBytes: number;
  /** VmHWM at the end: the process's peak since it started. */
  hwmBytes: number;
  fetchedBytes: number;
  failure: string | null;
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's resident set until stopped; the highest value. */
function sampleRss(pid: number): () => number {
  let peak = procStatus(pid, 'VmRSS');
  const timer = setInterval(() => (peak = Math.max(peak, procStatus(pid, 'VmRSS'))), 5);
  return () => {
    clearInterval(timer);
    return Math.max(peak, procStatus(pid, 'VmRSS'));
  };
}

interface Seeded {
  mebibytes: number;
  documentId: number;
  sha256: string;
  size: number;
}

/** A data folder with an incoming document per size, its attachment the big PDF (stored by the blob store itself). */
async function seed(dir: string): Promise<{ dataDir: string; documents: Seeded[] }> {
  const dataDir = path.join(dir, 'data');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const blobs = new BlobStore(path.join(dataDir, BLOBS_DIR));
  await blobs.init();
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  const documents: Seeded[] = [];
  for (const mebibytes of SIZES_MIB) {
    const pdf = path.join(dir, `${mebibytes}.pdf`);
    const size = await writeBigPdf(pdf, mebibytes * 1024 * 1024);
    const blob = await blobs.putStream(createReadStream(pdf));
    const documentId = writeTransaction(db, () => {
      const at = new Date().toISOString();
      const id = insertDocument(db, { direction: 'incoming', subject: `V/v thẩm định hồ sơ quy hoạch (bản vẽ ${mebibytes} MB)`, senderName: 'Sở Xây dựng', receivedAt: at });
      insertAttachments(db, [{ documentId: id, name: nameOf(mebibytes), contentType: 'application/pdf', ...blob }], at);
      return id;
    });
    documents.push({ mebibytes, documentId, sha256: blob.sha256, size });
  }
  db.close();
  return { dataDir, documents };
}

interface Host {
  child: ChildProcess;
  origin: string;
  call<T>(method: string, input: unknown): Promise<T>;
  launchUrl(): Promise<string>;
}

async function startHost(dataDir: string): Promise<Host> {
  const child = spawn(process.execPath, [path.join(DIST, 'core', 'host.cjs'), '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!/Open: (\S+)/.test(output)) {
    if (Date.now() - started > 30_000 || child.exitCode !== null) throw new Error(`the host did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const origin = new URL(/Open: (\S+)/.exec(output)![1]!).origin;
  const { launcherKey } = JSON.parse(await readFile(path.join(dataDir, 'host.json'), 'utf8')) as { launcherKey: string };
  const launchUrl = async () => {
    const response = await fetch(`${origin}/api/launch`, { method: 'POST', headers: { authorization: `Bearer ${launcherKey}` } });
    return `${origin}/#launch=${((await response.json()) as { code: string }).code}`;
  };
  const code = new URLSearchParams(new URL(await launchUrl()).hash.slice(1)).get('launch');
  const session = ((await (await fetch(`${origin}/api/session`, { method: 'POST', body: JSON.stringify({ code }) })).json()) as { session: string }).session;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const reply = (await (await fetch(`${origin}/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` }, body: JSON.stringify(input) })).json()) as { ok: boolean; result: T; error?: unknown };
    if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
    return reply.result;
  };
  return { child, origin, call, launchUrl };
}

async function openInApp(browser: Browser, host: Host, { documentId, mebibytes }: Seeded): Promise<Opened> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let fetchedBytes = 0;
  page.on('requestfinished', (request) => {
    if (request.url().includes('/api/blob/')) void request.sizes().then((sizes) => (fetchedBytes += sizes.responseBodySize));
  });
  try {
    await page.goto(await host.launchUrl());
    await page.goto(`${host.origin}/#/inbox/${documentId}`);
    const open = page.getByRole('button', { name: `Mở tệp ${nameOf(mebibytes)}` });
    await open.waitFor({ timeout: 30_000 });
    const stop = sampleRss(host.child.pid!);
    const started = performance.now();
    await open.click();
    await page.locator('.pdf-page[data-page="1"] canvas[data-drawn="true"]').waitFor({ timeout: 120_000 });
    const firstPageMs = performance.now() - started;
    await page.waitForTimeout(SETTLE_MS);
    return { firstPageMs, peakRssBytes: stop(), hwmBytes: procStatus(host.child.pid!, 'VmHWM'), fetchedBytes, failure: null };
  } finally {
    await context.close();
  }
}

async function openByJson(browser: Browser, dataDir: string, { sha256, mebibytes }: Seeded): Promise<Opened> {
  const peer = fork(path.join(DIST, 'bench', 'open-json-peer.cjs'), [path.join(dataDir, BLOBS_DIR), sha256, nameOf(mebibytes)], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let errors = '';
  peer.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<string>((resolve) => peer.once('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with code ${code}`)));
  const port = await new Promise<number>((resolve, reject) => {
    peer.once('message', (message) => resolve((message as { port: number }).port));
    peer.once('exit', () => reject(new Error(`the peer did not start: ${errors}`)));
  });
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  let fetchedBytes = 0;
  page.on('requestfinished', (request) => {
    if (request.url().endsWith('/api/call/attachments.read')) void request.sizes().then((sizes) => (fetchedBytes += sizes.responseBodySize));
  });
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'openPeer' in globalThis);
    const stop = sampleRss(peer.pid!);
    const started = performance.now();
    const outcome = await Promise.race([
      page.evaluate(() => (globalThis as unknown as { openPeer(): Promise<void> }).openPeer()).then(() => null),
      exited.then((reason) => `the peer ${reason}${errors ? `: ${errors.trim().split('\n').at(-1)}` : ''}`),
    ]).catch((error: unknown) => `the page failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    const firstPageMs = outcome === null ? performance.now() - started : null;
    const hwmBytes = procStatus(peer.pid!, 'VmHWM');
    const peakRssBytes = stop();
    return { firstPageMs, peakRssBytes, hwmBytes: Math.max(hwmBytes, peakRssBytes), fetchedBytes, failure: outcome };
  } finally {
    await context.close();
    peer.kill();
    await exited;
  }
}

const kib = (bytes: number) => (bytes >= 10 * 1024 * 1024 ? mib(bytes) : `${Math.round(bytes / 1024)} KiB`);
const seconds = (value: number | null) => (value === null ? '-' : `${(value / 1000).toFixed(2)} s`);

export async function openBench(_options: BenchOptions): Promise<boolean> {
  log(`== open: ${SIZES_MIB.map((size) => `${size} MiB`).join(' and ')} PDF attachments opened in the in-app viewer, browser mode, Chromium (${CHROMIUM})`);
  return withTempDir('vanthu-bench-open-', async (dir) => {
    const seeding = performance.now();
    const { dataDir, documents } = await seed(dir);
    log(`setup: an incoming document per size, each PDF one A4 page and an unreferenced filler stream, in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const ours = new Map<number, Opened>();
    const peers = new Map<number, Opened>();
    try {
      const host = await startHost(dataDir);
      try {
        await host.call('setup.useDemo', {});
        // The background signature check of the new documents reads the files too: let it finish first.
        for (const { documentId } of documents) {
          for (let i = 0; i < 600 && (await host.call<unknown>('documents.verification', { id: documentId })) === null; i++) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        log(`host: ${mib(procStatus(host.child.pid!, 'VmRSS'))} resident when idle, ${mib(procStatus(host.child.pid!, 'VmHWM'))} peak since its start`);
        for (const document of documents) ours.set(document.mebibytes, await openInApp(browser, host, document));
      } finally {
        host.child.kill('SIGTERM');
        await new Promise((resolve) => host.child.once('exit', resolve));
      }
      // One peer process per size: the first may die of the second's memory otherwise.
      for (const document of documents) peers.set(document.mebibytes, await openByJson(browser, dataDir, document));
    } finally {
      await browser.close();
    }

    log();
    const row = (label: string, size: number, opened: Opened) => [label, `${size} MiB`, seconds(opened.firstPageMs), mib(opened.peakRssBytes), mib(opened.hwmBytes), kib(opened.fetchedBytes), opened.failure ?? 'page 1 drawn'];
    log(
      table(
        ['path', 'file', 'first page', 'peak RSS (open)', 'VmHWM', 'fetched', 'outcome'],
        SIZES_MIB.flatMap((size) => [row('by link, Range (VanThu)', size, ours.get(size)!), row('base64 in JSON (peer)', size, peers.get(size)!)]),
        new Set([1, 2, 3, 4, 5]),
      ),
    );
    for (const size of SIZES_MIB) {
      const [a, b] = [ours.get(size)!, peers.get(size)!];
      if (a.firstPageMs !== null && b.firstPageMs !== null) log(`${size} MiB: page 1 ${ratio(b.firstPageMs / a.firstPageMs)} sooner, ${ratio(b.peakRssBytes / a.peakRssBytes)} less resident memory than the peer`);
    }
    log('peak RSS (open): the highest resident set sampled every 5 ms from the click until 3 s after page 1 (host, or the peer process); VmHWM: its peak since it started.');
    log();
    const measured = ours.get(GOAL_SIZE_MIB)!;
    const rss = Math.max(measured.peakRssBytes, measured.hwmBytes);
    const rssOk = rss < GOAL_RSS_BYTES;
    const timeOk = measured.firstPageMs !== null && measured.firstPageMs < GOAL_FIRST_PAGE_MS;
    log(goal(`open-${GOAL_SIZE_MIB}mb-host-rss`, `${mib(rss)} (VmHWM of the host since its start)`, `< ${mib(GOAL_RSS_BYTES)}`, rssOk));
    log(goal(`open-${GOAL_SIZE_MIB}mb-first-page`, seconds(measured.firstPageMs), `< ${GOAL_FIRST_PAGE_MS / 1000} s`, timeOk));
    return rssOk && timeOk;
  });
}

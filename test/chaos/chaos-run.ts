/**
 * One chaos run: three agencies exchange `documents` documents (each sent to the two others,
 * with a small PDF) through the real API, the recipients accept or return each one, while the
 * sync processes, the hosts (the core) and the axis are killed with SIGKILL at random moments
 * and the axis injects faults. Then it waits for convergence and reads every database.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../../axis/directory.js';
import { FAULT_KINDS, type FaultPlan } from '../../axis/faults.js';
import { ROOT } from '../../e2e/app-harness.js';
import { ApiRefusal, ChaosAgency, sleep, startChaosAxis, type ChaosAxis } from './cluster.js';
import { inspectAgency, inspectAxis, type AgencyView } from './inspect.js';

export interface ChaosOptions {
  documents: number;
  kills: number;
  seed: number;
  /** How long convergence may take once the kills are over. */
  convergeMs: number;
  log?: (line: string) => void;
}

export interface ChaosFigures {
  documents: number;
  /** Document × recipient pairs that must arrive. */
  deliveries: number;
  kills: Record<KillKind, number>;
  faults: Record<string, number>;
  lost: number;
  duplicated: number;
  divergent: number;
  badAttachments: number;
  quarantined: number;
  outboxLeft: number;
  integrity: string[];
  elapsedMs: number;
  /** From the last kill (the storm over; the axis still injects every fault at a fifth of the rate) to every database agreeing. */
  convergeMs: number;
}

type KillKind = 'sync' | 'core' | 'axis';

interface PlannedDocument {
  index: number;
  sender: number;
  subject: string;
  pdf: Uint8Array;
  sha256: string;
}

/** A recipient's answer, fixed by the document and the recipient so that convergence can be checked. */
const answerOf = (doc: PlannedDocument, recipient: string): { status: '02' | '03'; state: 'returned' | 'accepted' } =>
  (doc.index + recipient.length + Number(recipient.replace(/\D/g, '').slice(-2))) % 3 === 0 ? { status: '02', state: 'returned' } : { status: '03', state: 'accepted' };

/**
 * Faults at every start of the axis: on every call, often enough that each kind strikes many
 * times. `scale` lowers the rates for the convergence phase: at full rate about one package
 * receipt in four fails, and a round stops at its first failure.
 */
function faultPlan(seed: number, scale = 1): FaultPlan {
  const rules: FaultPlan['rules'] = [
    { kind: 'http503', rate: 0.02, burst: 3 },
    { kind: 'http500', rate: 0.02 },
    { kind: 'cutRequest', rate: 0.04, calls: ['sendEdoc'] },
    { kind: 'lostResponse', rate: 0.05, calls: ['sendEdoc', 'updateStatus'] },
    { kind: 'cutResponse', rate: 0.02 },
    { kind: 'truncateFile', rate: 0.05 },
    { kind: 'hang', rate: 0.005, delayMs: 1500 },
    { kind: 'slow', rate: 0.03, delayMs: 200 },
    { kind: 'duplicateList', rate: 0.15 },
    { kind: 'reorderList', rate: 0.15 },
  ];
  return { seed, rules: rules.map((rule) => ({ ...rule, rate: rule.rate * scale })) };
}

export async function runChaos(options: ChaosOptions): Promise<ChaosFigures> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const random = mulberry32(options.seed);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-chaos-'));
  const basePdf = await readFile(path.join(ROOT, 'assets', 'sample.pdf'));
  const chaosAxis = await startChaosAxis(workDir, () => faultPlan(Math.floor(random() * 2 ** 31)));
  const agencies: ChaosAgency[] = [];
  try {
    for (const credential of chaosAxis.axis.agencies) agencies.push(await ChaosAgency.start(credential, chaosAxis.axis.url));
    const planned: PlannedDocument[] = Array.from({ length: options.documents }, (_, index) => {
      // Trailing bytes after %%EOF keep it a PDF and make each attachment unique.
      const pdf = new Uint8Array(Buffer.concat([basePdf, Buffer.from(`% chaos document ${index}\n`)]));
      return { index, sender: index % agencies.length, subject: `Chaos ${index}`, pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
    });

    const kills: Record<KillKind, number> = { sync: 0, core: 0, axis: 0 };
    let sending = true;
    // Goes on until each kind has struck at least once: the test asks for all three.
    const goOn = () => sending || kills.sync + kills.core + kills.axis < options.kills || kills.sync * kills.core * kills.axis === 0;
    const monkey = runMonkey(agencies, chaosAxis, random, kills, goOn, log);
    const stopAnswering = new AbortController();
    const answering = answerArrivals(agencies, planned, stopAnswering.signal);
    // Handled below (raced with convergence); this only keeps an early failure from being reported as unhandled.
    answering.catch(() => {});
    await Promise.all(agencies.map((agency, sender) => sendAll(agency, agencies, planned.filter((doc) => doc.sender === sender))));
    sending = false;
    log(`all ${planned.length} documents sent through the API after ${seconds(started)}; kills so far ${JSON.stringify(kills)}`);
    await monkey;
    const lastKill = Date.now();
    // The storm passes but the axis stays flaky: every fault kind goes on, at a fifth of the rate.
    await chaosAxis.setFaults(faultPlan(Math.floor(random() * 2 ** 31), 0.2));
    log(`kills over after ${seconds(started)}: ${JSON.stringify(kills)}; waiting for convergence`);

    // The answering loop runs until stopped: if it fails meanwhile, say so now rather than
    // waiting out the convergence limit for answers that will never come.
    await Promise.race([converge(agencies, planned, options.convergeMs, log), answering]);
    const convergeMs = Date.now() - lastKill;
    log(`converged ${seconds(lastKill)} after the last kill`);
    stopAnswering.abort();
    await answering;
    await Promise.all(agencies.map((agency) => agency.stop()));
    await chaosAxis.axis.stop();
    const finalViews = await Promise.all(agencies.map((agency) => inspectAgency(agency.dataDir, agency.code)));
    const { badAttachmentNotes, ...figures } = judge(planned, agencies, finalViews);
    for (const note of badAttachmentNotes) log(`bad attachment: ${note}`);
    return {
      documents: planned.length,
      deliveries: planned.length * (agencies.length - 1),
      kills,
      faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, chaosAxis.faults.get(kind) ?? 0])),
      ...figures,
      quarantined: finalViews.reduce((sum, view) => sum + view.quarantined, 0),
      outboxLeft: finalViews.reduce((sum, view) => sum + view.outboxLeft, 0),
      integrity: [...finalViews.map((view) => `${view.code}: ${view.integrity}`), `axis: ${inspectAxis(chaosAxis.axis.dataDir)}`],
      elapsedMs: Date.now() - started,
      convergeMs,
    };
  } finally {
    await Promise.all(agencies.map((agency) => agency.stop().catch(() => {})));
    await chaosAxis.axis.stop();
    await Promise.all([workDir, chaosAxis.axis.dataDir, ...agencies.map((agency) => agency.dataDir)].map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Kills a random process every so often while `goOn()`, and starts it again after a moment. */
async function runMonkey(agencies: ChaosAgency[], chaosAxis: ChaosAxis, random: () => number, kills: Record<KillKind, number>, goOn: () => boolean, log: (line: string) => void): Promise<void> {
  while (goOn()) {
    await sleep(150 + random() * 600);
    const roll = random();
    const agency = agencies[Math.floor(random() * agencies.length)]!;
    const downMs = random() * 400;
    if (roll < 0.5) {
      // The supervisor in the host restarts it, as it would after a crash.
      const pid = agency.syncPid();
      if (pid === null) continue;
      process.kill(pid, 'SIGKILL');
      kills.sync++;
    } else if (roll < 0.8) {
      if (!agency.app) continue;
      await agency.killCore();
      kills.core++;
      await sleep(downMs);
      await agency.restart();
    } else {
      await chaosAxis.axis.kill();
      kills.axis++;
      await sleep(downMs);
      await chaosAxis.axis.restart();
    }
  }
  log(`monkey done: ${JSON.stringify(kills)}`);
}

/**
 * Creates and sends each document through the API. A host killed during a call may have done it
 * or not: each step first looks whether it is already done, so nothing is done twice.
 */
async function sendAll(agency: ChaosAgency, agencies: ChaosAgency[], documents: PlannedDocument[]): Promise<void> {
  const recipients = agencies.filter((other) => other !== agency).map((other) => other.code);
  for (const doc of documents) {
    const id = await settle(
      async () => (await agency.call<{ rows: { id: number; subject: string }[] }>('documents.list', { box: 'drafts', limit: 500, offset: 0 })).rows.find((row) => row.subject === doc.subject)?.id ?? null,
      async () => (await agency.callOnce<{ id: number }>('drafts.create', { subject: doc.subject, summary: `${doc.subject} (tóm tắt)` })).id,
    );
    await agency.call('drafts.update', {
      id,
      fields: { codeNumber: String(doc.index + 1), codeNotation: 'CHAOS', typeName: 'Công văn', signerFullName: 'Nguyễn Văn An', signerPosition: 'Chủ tịch', priority: 0 },
    });
    const detail = () => agency.call<{ direction: string; attachments: unknown[] }>('documents.get', { id });
    await settle(
      async () => ((await detail()).attachments.length > 0 ? true : null),
      async () => agency.callOnce('attachments.add', { documentId: id, name: `Công văn ${doc.index}.pdf`, contentType: 'application/pdf', bytes: doc.pdf }),
    );
    await settle(
      async () => ((await detail()).direction === 'outgoing' ? true : null),
      async () => agency.callOnce('documents.send', { id, recipients }),
    );
  }
}

/** Does `act` until `done` finds its effect: `act` may have worked even when its answer was lost. */
async function settle<T>(done: () => Promise<T | null>, act: () => Promise<unknown>): Promise<T> {
  for (;;) {
    const found = await done();
    if (found !== null) return found;
    try {
      await act();
    } catch (error) {
      if (error instanceof ApiRefusal) throw error;
    }
  }
}

/** Each recipient accepts or returns what arrived, as a clerk would, until told to stop. */
async function answerArrivals(agencies: ChaosAgency[], planned: PlannedDocument[], stop: AbortSignal): Promise<void> {
  const bySubject = new Map(planned.map((doc) => [doc.subject, doc]));
  while (!stop.aborted) {
    for (const agency of agencies) {
      if (!agency.app) continue;
      let arrived: { id: number; subject: string }[];
      try {
        arrived = (await inspectAgency(agency.dataDir, agency.code)).arrived;
      } catch {
        continue;
      }
      for (const row of arrived) {
        const doc = bySubject.get(row.subject);
        if (!doc || stop.aborted) continue;
        const { status, state } = answerOf(doc, agency.code);
        await settle(
          async () => ((await agency.call<{ state: string }>('documents.get', { id: row.id })).state === state ? true : null),
          () => agency.callOnce('documents.respond', { id: row.id, status, description: status === '02' ? 'Không thuộc thẩm quyền giải quyết' : '' }),
        );
      }
    }
    await sleep(300);
  }
}

/** Waits until every recipient answered and every sender sees the answers. */
async function converge(agencies: ChaosAgency[], planned: PlannedDocument[], limitMs: number, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  for (;;) {
    const views = await Promise.all(agencies.map((agency) => inspectAgency(agency.dataDir, agency.code)));
    const { lost, duplicated, divergent } = judge(planned, agencies, views);
    const outboxLeft = views.reduce((sum, view) => sum + view.outboxLeft, 0);
    if (lost + duplicated + divergent + outboxLeft === 0) return;
    if (Date.now() - started > limitMs) {
      log(`no convergence after ${seconds(started)}: lost ${lost}, duplicated ${duplicated}, divergent ${divergent}, outbox ${outboxLeft}`);
      // Where each sync stands, for whoever reads a failed run.
      for (const agency of agencies) log(`${agency.code} sync: ${JSON.stringify(await agency.call('sync.getStatus', {}).catch((error: unknown) => String(error)))}`);
      for (const view of views) for (const row of view.outboxPending) log(`${view.code} outbox ${row}`);
      return;
    }
    // The sync processes retry by themselves; only one the crash budget stopped needs the
    // clerk's "sync now", as the status bar tells them.
    await Promise.all(
      agencies.map(async (agency) => {
        const status = await agency.call<{ phase: string }>('sync.getStatus', {});
        if (status.phase === 'stopped') await agency.call('sync.now', {});
      }),
    );
    await sleep(1000);
  }
}

function judge(planned: PlannedDocument[], agencies: ChaosAgency[], views: AgencyView[]): { lost: number; duplicated: number; divergent: number; badAttachments: number; badAttachmentNotes: string[] } {
  let lost = 0;
  let duplicated = 0;
  let divergent = 0;
  let badAttachments = 0;
  // What was wrong with each bad copy, for whoever reads a failed run.
  const badAttachmentNotes: string[] = [];
  for (const doc of planned) {
    const senderView = views[doc.sender]!;
    const outgoing = senderView.outgoing.filter((row) => row.subject === doc.subject);
    if (outgoing.length > 1) duplicated += outgoing.length - 1;
    for (const [index, agency] of agencies.entries()) {
      if (index === doc.sender) continue;
      const copies = views[index]!.incoming.filter((row) => row.subject === doc.subject);
      if (copies.length === 0) {
        lost++;
        continue;
      }
      duplicated += copies.length - 1;
      const copy = copies[0]!;
      if (copy.attachmentSha256s.length !== 1 || copy.attachmentSha256s[0] !== doc.sha256 || !copy.blobsIntact) {
        badAttachments++;
        const sent = senderView.attachmentCounts[doc.subject];
        badAttachmentNotes.push(
          `${doc.subject} at ${agency.code}: ${copy.attachmentSha256s.length} attachment(s) (the sender's copy has ${sent ?? '?'}), the sender's SHA-256 ${copy.attachmentSha256s.includes(doc.sha256) ? 'among them' : 'absent'}, blob files ${copy.blobsIntact ? 'intact' : 'damaged or missing'}`,
        );
      }
      const expected = answerOf(doc, agency.code).state;
      const seenBySender = outgoing[0]?.recipients[agency.code];
      if (copy.state !== expected || seenBySender !== expected) divergent++;
    }
  }
  return { lost, duplicated, divergent, badAttachments, badAttachmentNotes };
}

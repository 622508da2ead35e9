/**
 * Fault injection for tests: the reference axis misbehaving the way a shared national service
 * over unreliable networks does (bursts of 5xx, calls that never answer, connections cut mid-body,
 * a call that commits while its answer is lost, packages listed twice or out of order, slow
 * answers, a package download cut short). Off unless a plan is given at start or set by the
 * operator; deterministic for a seed, so that a failing run can be replayed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { VXP_CALLS, type VxpCall } from '../shared/axis/vxp.js';
import { mulberry32 } from './directory.js';

export const FAULT_KINDS = ['http500', 'http503', 'hang', 'cutRequest', 'cutResponse', 'lostResponse', 'duplicateList', 'reorderList', 'slow', 'truncateFile'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Faults that only make sense on calls answering with a list, or with a package file. */
const LIST_FAULTS: ReadonlySet<FaultKind> = new Set(['duplicateList', 'reorderList']);
const LIST_CALLS: ReadonlySet<VxpCall> = new Set(['getReceivedEdocList']);
const FILE_CALLS: ReadonlySet<VxpCall> = new Set(['downloadEdoc']);
const DEFAULT_DELAY_MS = { hang: 3000, slow: 500 } as const;

const faultRuleSchema = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  /** Only these calls; all calls the fault applies to when absent. */
  calls: z.array(z.enum(Object.keys(VXP_CALLS) as [VxpCall, ...VxpCall[]])).min(1).optional(),
  /** Chance that a call starts the fault. */
  rate: z.number().min(0).max(1),
  /** How many calls in a row the fault hits once started (a burst); default 1. */
  burst: z.int().min(1).max(1000).optional(),
  /** For hang: how long the connection is held before being cut; for slow: the delay. */
  delayMs: z.int().min(0).max(600_000).optional(),
});

export const faultPlanSchema = z.strictObject({
  seed: z.int(),
  rules: z.array(faultRuleSchema).max(50),
});

export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultPlan = z.infer<typeof faultPlanSchema>;

export interface Fault {
  kind: FaultKind;
  delayMs: number;
}

export class FaultInjector {
  private readonly random: () => number;
  private readonly burstLeft: number[];
  readonly counts: Partial<Record<FaultKind, number>> = {};

  constructor(
    readonly plan: FaultPlan,
    private readonly onFault: (fault: Fault, call: VxpCall) => void = () => {},
  ) {
    this.random = mulberry32(plan.seed);
    this.burstLeft = plan.rules.map(() => 0);
  }

  /** The fault for this call, if any; the first rule that fires wins. */
  decide(call: VxpCall): Fault | null {
    for (const [index, rule] of this.plan.rules.entries()) {
      if (!applies(rule, call)) continue;
      // Draw for every applicable rule, fired or not, so that one rule's outcome does not shift
      // the others' sequence when a plan is edited.
      const draw = this.random();
      if (this.burstLeft[index]! > 0) this.burstLeft[index]!--;
      else if (draw < rule.rate) this.burstLeft[index] = (rule.burst ?? 1) - 1;
      else continue;
      const fault: Fault = { kind: rule.kind, delayMs: rule.delayMs ?? (rule.kind === 'hang' || rule.kind === 'slow' ? DEFAULT_DELAY_MS[rule.kind] : 0) };
      this.counts[rule.kind] = (this.counts[rule.kind] ?? 0) + 1;
      this.onFault(fault, call);
      return fault;
    }
    return null;
  }
}

/** A list answer as the fault makes it: every row twice, or the rows in reverse order. */
export function alterList<T>(fault: Fault, rows: readonly T[]): T[] {
  if (fault.kind === 'duplicateList') return rows.flatMap((row) => [row, row]);
  if (fault.kind === 'reorderList') return [...rows].reverse();
  return [...rows];
}

function applies(rule: FaultRule, call: VxpCall): boolean {
  if (rule.calls && !rule.calls.includes(call)) return false;
  if (LIST_FAULTS.has(rule.kind)) return LIST_CALLS.has(call);
  if (rule.kind === 'truncateFile') return FILE_CALLS.has(call);
  return true;
}

/**
 * The faults that strike before the call runs (nothing is committed). Returns what to log, or
 * null when the call should go on.
 */
export async function faultBeforeCall(fault: Fault, req: IncomingMessage, res: ServerResponse, drain: () => Promise<void>): Promise<string | null> {
  switch (fault.kind) {
    case 'http500':
    case 'http503': {
      await drain();
      const status = fault.kind === 'http500' ? 500 : 503;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(`injected fault: HTTP ${status}`);
      return `fault HTTP ${status}`;
    }
    case 'hang':
      // No answer at all; the connection is cut after a while so that the test does not leak it.
      await sleep(fault.delayMs);
      req.socket.destroy();
      return 'fault hang';
    case 'cutRequest':
      // The client is still sending its body (an upload) or waiting: the connection drops.
      req.socket.destroy();
      return 'fault cut request';
    case 'slow':
      await sleep(fault.delayMs);
      return null;
    default:
      return null;
  }
}

/** How many bytes of a `size`-byte body a cut answer delivers before the connection drops. */
export function cutLength(size: number): number {
  return Math.floor(size / 2);
}

/** Writes the head and half of `body`, announcing the full length, then drops the connection. */
export function sendCut(res: ServerResponse, body: Buffer, contentType: string): void {
  res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
  res.write(body.subarray(0, cutLength(body.length)), () => res.destroy());
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

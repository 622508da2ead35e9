/**
 * The processes of a chaos run as the app runs them: the reference axis (with a new fault plan
 * at each start), and per agency the browser-mode host (the core) with its sync child. Each can
 * be killed with SIGKILL and started again; API calls wait out a host that is down.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VXP_HASH_HEADER, vxpSignRequest, vxpTimestamp } from '../../shared/axis/vxp.js';
import { ADMIN_SYSTEM_ID, vxpHmac } from '../../axis/auth.js';
import type { FaultPlan } from '../../axis/faults.js';
import { FAULTS_PATH } from '../../axis/faults-endpoint.js';
import { makeDataDir, startApp, type RunningApp } from '../../e2e/app-harness.js';
import { startAxis, type AxisCredential, type RunningAxis } from '../../e2e/axis-harness.js';

/** The shortest poll the sync process accepts: rounds often, so that the run converges fast. */
const HOST_ENV = { VANTHU_SYNC_POLL_MS: '500' };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failure the API answered (a real refusal), as opposed to a host that was not there. */
export class ApiRefusal extends Error {}

export class ChaosAgency {
  app: RunningApp | null = null;
  private starting: Promise<void> | null = null;

  private constructor(
    readonly credential: AxisCredential,
    readonly dataDir: string,
  ) {}

  static async start(credential: AxisCredential, axisUrl: string): Promise<ChaosAgency> {
    const agency = new ChaosAgency(credential, await makeDataDir());
    await agency.restart();
    // The axis injects faults from its start: the clerk tries again, as the message says.
    for (let attempt = 1; ; attempt++) {
      try {
        await agency.call('setup.connectAxis', { axisUrl, agencyCode: credential.code, secret: credential.secret });
        return agency;
      } catch (error) {
        if (!(error instanceof ApiRefusal && error.message.includes('"code":"unavailable"')) || attempt === 20) throw error;
      }
    }
  }

  get code(): string {
    return this.credential.code;
  }

  restart(): Promise<void> {
    this.starting ??= startApp(this.dataDir, HOST_ENV)
      .then((app) => {
        this.app = app;
      })
      .finally(() => {
        this.starting = null;
      });
    return this.starting;
  }

  /** The sync child of the running host, if it is running now. */
  syncPid(): number | null {
    if (!this.app) return null;
    try {
      const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(this.app.pid)], { encoding: 'utf8' }).split('\n');
      const line = lines.find((text) => text.includes('sync.cjs'));
      return line ? Number.parseInt(line.trim(), 10) : null;
    } catch {
      // ps exits 1 when the host has no child.
      return null;
    }
  }

  /** Kills the host (the core) and waits until its sync child, left without a parent, is gone too. */
  async killCore(): Promise<void> {
    const app = this.app;
    if (!app) return;
    const orphan = this.syncPid();
    this.app = null;
    await app.kill();
    while (orphan !== null && isAlive(orphan)) await sleep(20);
  }

  /**
   * A call that is safe to repeat (a read, setting the same fields again): a host that is down or
   * dies during the call is waited for and asked again.
   */
  async call<T>(method: string, input: unknown, deadline = Date.now() + 120_000): Promise<T> {
    for (;;) {
      try {
        return await this.callOnce<T>(method, input);
      } catch (error) {
        if (error instanceof ApiRefusal) throw error;
      }
      if (Date.now() > deadline) throw new Error(`${this.code}: ${method} could not be called for 2 minutes`);
      await sleep(100);
    }
  }

  /**
   * One try, for a call that must not be repeated blindly (it creates or changes something): a
   * host killed during it may have committed it before dying, and the same call again would do
   * it twice (a second attachment) or be refused (a draft already sent, a status already given).
   * Throws ApiRefusal when the API answered with an error, another error when the host was not
   * there or did not answer; the caller checks whether it took effect before trying again.
   */
  async callOnce<T>(method: string, input: unknown): Promise<T> {
    const app = this.app;
    if (!app) throw new Error(`${this.code}: the host is down`);
    try {
      return await app.call<T>(method, input);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith(`${method}: `)) throw new ApiRefusal(error.message);
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.starting;
    await this.app?.stop();
    this.app = null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface ChaosAxis {
  axis: RunningAxis;
  /** Injected faults by kind, over every incarnation (read from the axis's log). */
  faults: Map<string, number>;
  /** Replaces the fault plan of the running axis (the operator's switch). */
  setFaults(plan: FaultPlan): Promise<void>;
}

/** The axis with a fault plan from `nextPlan` at each start. */
export async function startChaosAxis(workDir: string, nextPlan: () => FaultPlan): Promise<ChaosAxis> {
  const faults = new Map<string, number>();
  let starts = 0;
  let partial = '';
  const axis = await startAxis({
    args: async () => {
      const file = path.join(workDir, `faults-${++starts}.json`);
      await writeFile(file, JSON.stringify(nextPlan()));
      return ['--faults', file];
    },
    onStderr: (text) => {
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        const match = /^\[fault\] (\w+) /.exec(line);
        if (match) faults.set(match[1]!, (faults.get(match[1]!) ?? 0) + 1);
      }
    },
  });
  return {
    axis,
    faults,
    setFaults: async (plan) => {
      const signed = vxpSignRequest({ systemid: ADMIN_SYSTEM_ID, timestamp: vxpTimestamp() });
      const response = await fetch(`${axis.url}${FAULTS_PATH}`, {
        method: 'PUT',
        headers: { ...signed.headers, [VXP_HASH_HEADER]: vxpHmac(axis.adminSecret, signed.signingString) },
        body: JSON.stringify(plan),
      });
      const envelope = (await response.json()) as { status: string; ErrorDesc: string };
      if (envelope.status !== 'OK') throw new Error(`the axis refused the fault plan: ${envelope.ErrorDesc}`);
    },
  };
}

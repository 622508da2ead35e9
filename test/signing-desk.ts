/**
 * Desks that sign, for agency-mode tests: the real core (CoreService on an offline host) with the
 * built signer process over SoftHSM2 tokens (test/tokens.ts), called through its API; and pdfsig
 * (poppler) to read signatures on their own. Used by the signing tests across desks.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutputs } from '../shared/api/contract.js';
import type { ApiErrorBody } from '../shared/api/errors.js';
import { NO_POLICY } from '../electron/core/policy/load-policy.js';
import { forkNodeChild } from '../electron/core/process/node-child.js';
import type { CoreHost } from '../electron/core/service/core-host.js';
import { CoreService } from '../electron/core/service/core-service.js';
import { offlineCoreHost } from './offline-core-host.js';
import { testCertificate, type Manifest, type TestCertificate } from './tokens.js';

const SIGNER_BUNDLE = fileURLToPath(new URL('../dist/core/signer.cjs', import.meta.url));

export interface Desk {
  dataDir: string;
  core: CoreService;
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]>;
  fails(method: ApiMethod, input: unknown): Promise<ApiErrorBody>;
  /** Closes the core (its data folder stays, for a restart). */
  close(): Promise<void>;
}

/** Opens desks on data folders; every desk still open is closed after each test. */
export function useSigningDesks(): (dataDir: string, signerEnv: NodeJS.ProcessEnv) => Promise<Desk> {
  const open = new Set<CoreService>();
  afterEach(async () => {
    const cores = [...open];
    open.clear();
    await Promise.all(cores.map((core) => core.close()));
  });
  return async (dataDir, signerEnv) => {
    const host: CoreHost = {
      ...offlineCoreHost(dataDir),
      // The built bundle, as the app runs it (node scripts/build.mjs first; npm test does).
      spawnSigner: () => forkNodeChild(SIGNER_BUNDLE, ['--data-dir', dataDir], { ...process.env, ...signerEnv }),
    };
    const core = await CoreService.open({ dataDir, version: 'test', host, policy: NO_POLICY });
    open.add(core);
    return {
      dataDir,
      core,
      call: async (method, input) => {
        const reply = await core.call(method, input);
        if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message} ${JSON.stringify(reply.error.fields ?? {})}`);
        return reply.result as never;
      },
      fails: async (method, input) => {
        const reply = await core.call(method, input);
        if (reply.ok) throw new Error(`${method} succeeded`);
        return reply.error;
      },
      close: async () => {
        open.delete(core);
        await core.close();
      },
    };
  };
}

export async function until<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The desk's token driver set to SoftHSM2, and the slot, certificate and PIN of a test certificate on it. */
export async function tokenChoice(desk: Desk, manifest: Manifest, name: TestCertificate['name']) {
  await desk.call('signing.setModule', { module: manifest.module });
  const tokens = await desk.call('signing.listTokens', {});
  const certificate = testCertificate(manifest, name);
  const token = tokens.find((candidate) => candidate.label === certificate.token.label)!;
  return { slot: token.slot, certificateId: certificate.id, pin: certificate.token.userPin };
}

/** What pdfsig says of the PDF `bytes` (written to `dir`). */
export async function pdfsigReport(dir: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, 'signed.pdf');
  await writeFile(file, bytes);
  try {
    return execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    // pdfsig exits non-zero when the (test) CA is not trusted; the report is still on stdout.
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

/**
 * The network between a desk and the hub: a TCP gate that cuts every connection and refuses new
 * ones while it is down, and lets them through again when it is up.
 */
export class Gate {
  private server!: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private down = false;
  url = '';

  async start(target: number): Promise<void> {
    this.server = net.createServer((inbound) => {
      if (this.down) return void inbound.destroy();
      const outbound = net.connect(target, '127.0.0.1');
      for (const socket of [inbound, outbound]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  cut(): void {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
  }

  up(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/**
 * The core's side of the signer process. Every request has a deadline: a driver that hangs
 * (it happens with vendor DLLs) fails the call with 'module_failed', and the process is killed
 * so the next call starts a fresh one. A process that exits fails whatever it had in hand.
 */
import type { ChildHandle } from '../../process/child-handle.js';
import { isSignerResponse, type SignerRequest, type SignerResults, type SignerShutdown } from './signer-protocol.js';
import { TokenError } from './token-error.js';
import type { SignMechanism, TokenCertificate, TokenInfo } from './token-service.js';

export interface SignerClientOptions {
  spawn: () => ChildHandle;
  timeoutMs?: number;
}

type Op = keyof SignerResults;
type RequestBody<K extends Op> = Omit<Extract<SignerRequest, { op: K }>, 'id' | 'op'>;

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: TokenError) => void;
  timer: NodeJS.Timeout;
}

export class SignerClient {
  private child: ChildHandle | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: SignerClientOptions) {}

  listTokens(module: string): Promise<TokenInfo[]> {
    return this.request('listTokens', { module });
  }

  listCertificates(module: string, slot: string): Promise<TokenCertificate[]> {
    return this.request('listCertificates', { module, slot });
  }

  /** `pin` is wiped once it has been handed to the signer process. */
  sign(module: string, slot: string, certificateId: string, pin: Uint8Array, data: Uint8Array, mechanism: SignMechanism = 'SHA256_RSA_PKCS'): Promise<Uint8Array> {
    const sent = this.request('sign', { module, slot, certificateId, pin, data, mechanism });
    pin.fill(0);
    return sent;
  }

  /** Lets the process release the tokens; kills it if it does not exit within `graceMs`. */
  async close(graceMs = 2000): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
    child.send({ op: 'shutdown' } satisfies SignerShutdown);
    const timer = setTimeout(() => child.kill(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  private request<K extends Op>(op: K, body: RequestBody<K>): Promise<SignerResults[K]> {
    const child = this.ensureChild();
    const id = this.nextId++;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    return new Promise<SignerResults[K]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new TokenError({ code: 'module_failed', message: `The token driver did not answer in ${Math.round(timeoutMs / 1000)} s; it was stopped.` }));
        this.discard(child);
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject, timer });
      child.send({ id, op, ...body });
    });
  }

  private ensureChild(): ChildHandle {
    if (this.child) return this.child;
    const child = this.options.spawn();
    this.child = child;
    child.onMessage((message) => {
      if (!isSignerResponse(message)) return;
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.ok) pending.resolve(message.result);
      else pending.reject(new TokenError(message.error));
    });
    child.onExit((reason) => {
      if (this.child === child) this.child = null;
      this.failAll(`The token driver stopped (${reason}).`);
    });
    return child;
  }

  /** A hung process may hold the token: kill it, and fail what else it had in hand. */
  private discard(child: ChildHandle): void {
    if (this.child === child) this.child = null;
    child.kill();
    this.failAll('The token driver was stopped after it hung.');
  }

  private failAll(message: string): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new TokenError({ code: 'module_failed', message }));
      this.pending.delete(id);
    }
  }
}

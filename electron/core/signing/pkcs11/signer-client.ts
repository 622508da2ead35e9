/**
 * The core's side of the signer process. Every request has a deadline: a driver that hangs
 * (it happens with vendor DLLs) fails the call with 'module_failed', and the process is killed
 * so the next call starts a fresh one. A process that exits fails whatever it had in hand.
 */
import { RpcClosedError, RpcPeer, RpcTimeoutError, type NoRpcMethods } from '../../../../shared/rpc/rpc-peer.js';
import type { ChildHandle } from '../../process/child-handle.js';
import type { SignerEvent, SignerFailure, SignerMethods } from './signer-protocol.js';
import { TokenError } from './token-error.js';
import type { SignMechanism, TokenCertificate, TokenInfo } from './token-service.js';

export interface SignerClientOptions {
  spawn: () => ChildHandle;
  timeoutMs?: number;
}

interface Signer {
  child: ChildHandle;
  peer: RpcPeer<NoRpcMethods, SignerMethods, SignerEvent>;
}

export class SignerClient {
  private signer: Signer | null = null;

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
    const signer = this.signer;
    if (!signer) return;
    const exited = new Promise<void>((resolve) => signer.child.onExit(() => resolve()));
    signer.peer.emit({ op: 'shutdown' });
    const timer = setTimeout(() => signer.child.kill(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** Sends at once (before the first await), so that `sign` may wipe the PIN as soon as it returns. */
  private async request<K extends keyof SignerMethods>(op: K, input: SignerMethods[K]['input']): Promise<SignerMethods[K]['output']> {
    const signer = this.ensureSigner();
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    try {
      return await signer.peer.request(op, input, { timeoutMs });
    } catch (error) {
      if (error instanceof RpcTimeoutError) {
        // A hung process may hold the token: kill it, and fail what else it had in hand.
        this.discard(signer, 'The token driver was stopped after it hung');
        throw new TokenError({ code: 'module_failed', message: `The token driver did not answer in ${Math.round(timeoutMs / 1000)} s; it was stopped.` });
      }
      if (error instanceof RpcClosedError) throw new TokenError({ code: 'module_failed', message: `${error.reason}.` });
      throw error;
    }
  }

  private ensureSigner(): Signer {
    if (this.signer) return this.signer;
    const child = this.options.spawn();
    const peer = new RpcPeer<NoRpcMethods, SignerMethods, SignerEvent>(child, { decodeError: (failure) => new TokenError(failure as SignerFailure) });
    const signer: Signer = { child, peer };
    this.signer = signer;
    child.onExit((reason) => {
      if (this.signer === signer) this.signer = null;
      peer.close(`The token driver stopped (${reason})`);
    });
    return signer;
  }

  private discard(signer: Signer, reason: string): void {
    if (this.signer === signer) this.signer = null;
    signer.child.kill();
    signer.peer.close(reason);
  }
}

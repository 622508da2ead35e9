/**
 * The Electron transport: the preload exposes `window.vanthu` through contextBridge and carries
 * calls over ipcRenderer.invoke. Byte arrays cross as Uint8Array (structured clone), so no
 * wire encoding is needed here.
 */
import type { ApiEvent, ApiInput, ApiMethod, ApiOutputs } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import type { PreloadBridge } from '../../shared/api/transport.js';
import { isCallReply } from './errors.js';
import type { ClientApi } from './types.js';

declare global {
  interface Window {
    /** Present only inside the Electron shell. */
    readonly vanthu?: PreloadBridge;
  }
}

export function createIpcTransport(bridge: PreloadBridge): ClientApi {
  return {
    async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> {
      let reply: unknown;
      try {
        reply = await bridge.invoke(method, input);
      } catch (error) {
        throw new ApiError('unavailable', `IPC call ${method} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!isCallReply(reply)) throw new ApiError('internal', `Malformed IPC reply to ${method}`);
      if (!reply.ok) throw ApiError.fromBody(reply.error);
      return reply.result as ApiOutputs[M];
    },
    subscribe(listener: (event: ApiEvent) => void): () => void {
      return bridge.onEvent(listener);
    },
    // IPC does not drop events while the window lives: nothing to resynchronise.
    onResync(): () => void {
      return () => {};
    },
  };
}

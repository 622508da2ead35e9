import type { VanThuApi } from '../../shared/api/contract.js';

/** The contract's API plus what only the renderer needs from a transport. */
export interface ClientApi extends VanThuApi {
  /**
   * Called when events may have been missed (the event stream reconnected after a break), so
   * that cached server state is refetched rather than trusted.
   */
  onResync(listener: () => void): () => void;
}

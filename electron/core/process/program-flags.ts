import type { ForkableProgram } from './message-port.js';

/**
 * The Node flags each child program is started with, by both shells (browser mode's fork,
 * Electron's utilityProcess) and by the ingest bench, which forks the sync process as the app does.
 *
 * The sync process streams packages: nearly all it allocates (chunks of text, decoded bytes, the
 * buffers of downloads and file writes) is garbage within the package. Under a steady stream of
 * such allocations V8 grows its young generation to its default 16 MB semi-spaces, and the
 * buffers those objects hold outside the heap wait as long for a collection: tens of MB of peak
 * memory that held only garbage. Small semi-spaces collect it as it comes. 2 MB, not 1: at 1 MB
 * receiving ran slower in the ingest bench (`npm run bench -- ingest`, a loaded machine).
 */
export const PROGRAM_EXEC_ARGV: Record<ForkableProgram, readonly string[]> = {
  sync: ['--max-semi-space-size=2'],
  signer: [],
};

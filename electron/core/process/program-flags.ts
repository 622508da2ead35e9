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
 *
 * Garbage that does outlive a young collection (a chunk held across a package's awaited writes)
 * reaches the old generation, whose next collection V8 puts off until the heap has grown by a
 * factor of up to 4 over what survived the last one: peak memory that grew with every package of
 * a round though it held only garbage. --heap-growing-percent=20 makes that factor 1.2, so the old
 * generation is collected as the garbage comes. In the ingest bench (1200 packages, loaded
 * machine) the sync process's peak RSS went from 154 to 115 MiB.
 */
export const PROGRAM_EXEC_ARGV: Record<ForkableProgram, readonly string[]> = {
  sync: ['--max-semi-space-size=2', '--heap-growing-percent=20'],
  signer: [],
};

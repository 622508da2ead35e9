/**
 * A reference axis for tests: a fresh temp data dir, the demo agencies, a loopback port.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAxisServer, type AxisServer, type AxisServerOptions } from './app.js';
import { seedDemoAgencies, type AgencyCredential } from './directory.js';

export interface TemporaryAxis {
  server: AxisServer;
  dataDir: string;
  adminSecret: string;
  /** The three demo agencies: a province, a department under it, a ministry-level body. */
  agencies: AgencyCredential[];
  /** Closes the server (if still open) and deletes the data dir. */
  dispose(): Promise<void>;
}

export const TEST_ADMIN_SECRET = 'test-admin-secret-0123456789abcdef';

export async function startTemporaryAxis(options: Partial<Omit<AxisServerOptions, 'dataDir'>> = {}): Promise<TemporaryAxis> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-axis-'));
  const adminSecret = options.adminSecret ?? TEST_ADMIN_SECRET;
  const server = await createAxisServer({ ...options, dataDir, adminSecret });
  return {
    server,
    dataDir,
    adminSecret,
    agencies: seedDemoAgencies(server.store),
    dispose: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

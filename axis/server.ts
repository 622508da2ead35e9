/**
 * The reference axis from the command line (`npm run axis`), or as a forked child of VanThu's
 * demo mode, which waits for the `axis.listening` message and stops it with `shutdown`.
 * Stdout carries only the listening line; request logs go to stderr.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createAxisServer, type AxisServer } from './app.js';
import { AXIS_USAGE, parseAxisCliArgs, type AxisCliOptions } from './cli-options.js';
import { generateDirectory, seedDemoAgencies } from './directory.js';
import { faultPlanSchema, type FaultPlan } from './faults.js';
import { DEMO_CREDENTIALS_FILE } from './store/axis-store.js';

/** Fixed, so that every developer's generated directory is the same. */
const DIRECTORY_SEED = 102;

async function main(): Promise<void> {
  // Packages and the database hold agencies' documents and secrets: everything made is owner-only.
  process.umask(0o077);
  let options: AxisCliOptions;
  try {
    options = parseAxisCliArgs(process.argv.slice(2), process.cwd());
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${AXIS_USAGE}`);
    process.exit(2);
  }
  const server = await createAxisServer({
    dataDir: options.dataDir,
    host: options.host,
    port: options.port,
    log: options.quiet ? () => {} : (line) => console.error(line),
    faults: options.faultsFile === null ? undefined : await readFaultPlan(options.faultsFile),
    // Always logged, even with --quiet: a test counts them.
    onFault: (fault, call) => console.error(`[fault] ${fault.kind} /${call}`),
  });
  await prepareDirectory(server, options);
  console.log(`VanThu reference axis listening on ${server.url}`);
  const parent = parentChannel();
  parent?.send({ type: 'axis.listening', url: server.url, port: server.port });

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('the axis did not close cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  parent?.onMessage((message) => {
    if ((message as { type?: unknown } | null)?.type === 'shutdown') stop();
  });
  // A parent that dies closes the IPC channel: do not linger as an orphan holding the port.
  process.once('disconnect', stop);
}

/** The slice of Electron's utility-process global the axis uses (no electron import here). */
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * VanThu's demo mode forks the axis: an Electron utilityProcess talks through `process.parentPort`
 * (Electron ends it with the app), a Node child through its IPC channel. Null when run on its own.
 */
function parentChannel(): { send(message: unknown): void; onMessage(handler: (message: unknown) => void): void } | null {
  const port = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (port) return { send: (message) => port.postMessage(message), onMessage: (handler) => port.on('message', (event) => handler(event.data)) };
  if (!process.send) return null;
  return { send: (message) => process.send?.(message), onMessage: (handler) => process.on('message', handler) };
}

async function readFaultPlan(file: string): Promise<FaultPlan> {
  const parsed = faultPlanSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a fault plan: ${parsed.error.message}`);
  return parsed.data;
}

async function prepareDirectory(server: AxisServer, options: AxisCliOptions): Promise<void> {
  if (options.demo) {
    const credentials = seedDemoAgencies(server.store);
    const file = path.join(options.dataDir, DEMO_CREDENTIALS_FILE);
    await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    // writeFile's mode applies only when it creates the file.
    await chmod(file, 0o600);
  }
  if (options.directorySize !== null) {
    const missing = options.directorySize - server.store.countAgencies();
    if (missing > 0) generateDirectory(server.store, missing, DIRECTORY_SEED);
  }
}

main().catch((error: unknown) => {
  console.error('the reference axis failed to start:', error);
  process.exit(1);
});

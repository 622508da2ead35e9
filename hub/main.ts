/**
 * `npm run hub`: the agency hub (dist/hub/hub.cjs). With no command it serves; `unit …` and
 * `user …` are the set-up commands, `import` moves a standalone agency in. Stops cleanly on
 * SIGINT/SIGTERM (Ctrl+C, systemd, a Windows service wrapper), which also stops its private
 * PostgreSQL.
 */
import { parseArgs } from 'node:util';
import { COMMAND_USAGE, parseCommand, runCommand, UsageError } from './cli/commands.js';
import { resolveHubConfig, DEFAULT_HUB_PORT } from './config.js';
import { HubError } from './errors.js';
import { openHubRuntime } from './runtime.js';
import { startHub } from './server.js';

const USAGE = `VanThu hub: the agency's server for its desks (docs/architecture.md, "Agency hub").
  npm run hub [-- OPTIONS]        serve
Options (or environment variables):
  --data-dir DIR      VANTHU_HUB_DATA_DIR     blobs, trust anchors and, without DATABASE_URL, a private PostgreSQL
                      DATABASE_URL            the agency's PostgreSQL (postgresql://user:password@host:5432/vanthu)
  --host ADDR         VANTHU_HUB_HOST         default 127.0.0.1; 0.0.0.0 to serve the agency's network
  --port N            VANTHU_HUB_PORT         default ${DEFAULT_HUB_PORT}
  --tls-cert FILE --tls-key FILE   VANTHU_HUB_TLS_CERT / VANTHU_HUB_TLS_KEY   serve HTTPS (else put a TLS reverse proxy in front)
  --trust-proxy X     VANTHU_HUB_TRUST_PROXY  the reverse proxy's address(es), so limits apply per desk, not per proxy
  --trust-anchors DIR VANTHU_HUB_TRUST_ANCHORS  root certificates for token sign-in (default DATA_DIR/trust-anchors)
  --log-level LEVEL   VANTHU_HUB_LOG_LEVEL    info (default), warn, error, debug
  --axis-url URL --axis-system-id ID --axis-secret-file FILE
                      VANTHU_HUB_AXIS_URL / VANTHU_HUB_AXIS_SYSTEM_ID / VANTHU_HUB_AXIS_SECRET_FILE
                      the agency's account on the axis; one hub instance at a time exchanges with it
  --digest-time HH:MM VANTHU_HUB_DIGEST_TIME  the daily digest of open work, Vietnam time (default 07:30), on working days
  --ocr-concurrency N VANTHU_HUB_OCR_CONCURRENCY  scanned files OCRed at once (default 1; each takes a core)

${COMMAND_USAGE}`;

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'trust-anchors': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'log-level': { type: 'string' },
      'axis-url': { type: 'string' },
      'axis-system-id': { type: 'string' },
      'axis-secret-file': { type: 'string' },
      'digest-time': { type: 'string' },
      'ocr-concurrency': { type: 'string' },
    },
  });
  const config = resolveHubConfig(values);
  const hub = await startHub(config);
  console.log(`VanThu hub listening on ${hub.url} (data: ${config.dataDir}; database: ${hub.runtime.databaseDescription}; ${hub.anchors} trust anchor(s)).`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the hub.`);
    hub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('The hub did not stop cleanly:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function command(argv: string[]): Promise<void> {
  const { command: name, flags } = parseCommand(argv);
  const runtime = await openHubRuntime(resolveHubConfig({ 'data-dir': flags['data-dir'] }), 'command');
  try {
    await runCommand(runtime, name, flags, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
  } finally {
    await runtime.close();
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  if (['unit', 'user', 'register', 'import', 'holidays'].includes(argv[0] ?? '')) await command(argv);
  else await serve(argv[0] === 'serve' ? argv.slice(1) : argv);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  // Refusals and set-up problems are explained in their message; only the unexpected gets a stack.
  console.error(error instanceof HubError || (error instanceof Error && error.name !== 'Error') ? error.message : error);
  process.exit(1);
});

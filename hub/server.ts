/** The hub as a service: its runtime, the trust anchors for token sign-in, and the HTTP API. */
import { once } from 'node:events';
import { mkdir, readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { createTesseractJsEngine } from '../electron/core/intake/ocr-engines.js';
import { loadTrustAnchors } from '../electron/core/verification/anchor-certificates.js';
import { httpRevocationChecker } from '../electron/core/verification/revocation.js';
import { Administration } from './accounts/administration.js';
import { SIGN_IN_POLICY } from './accounts/policy.js';
import { SignInService } from './accounts/sign-in.js';
import { parseAnchors } from './accounts/sign-in-certificate.js';
import type { HubConfig } from './config.js';
import { reminderLoop } from './deadlines/reminders.js';
import { exchangeRunner } from './exchange/exchange-runner.js';
import { ExchangeLeadership, together, type LeaderLoop } from './exchange/leadership.js';
import { buildHubApp, type HubAppOptions } from './http/app.js';
import { openHubRuntime, type HubRuntime } from './runtime.js';
import { documentTextReader } from './texts/document-text-reader.js';
import { ocrWorker } from './texts/ocr-worker.js';

/** How soon a document the exchange recorded is looked at for its words, at most. */
const TEXT_READER_IDLE_MS = 2_000;

export interface RunningHub {
  url: string;
  app: FastifyInstance;
  runtime: HubRuntime;
  anchors: number;
  close(): Promise<void>;
}

export async function startHub(config: HubConfig, logger: HubAppOptions['logger'] = { level: config.logLevel }): Promise<RunningHub> {
  const runtime = await openHubRuntime(config, 'serve');
  let leadership: ExchangeLeadership | null = null;
  try {
    const anchorFiles = await readAnchors(config.trustAnchorsDir);
    const anchors = parseAnchors(anchorFiles);
    const loop = await exchangeLoop(config, runtime);
    const app = await buildHubApp({
      pool: runtime.pool,
      blobs: runtime.blobs,
      administration: new Administration(runtime.pool),
      signIn: new SignInService(runtime.pool, SIGN_IN_POLICY, () => anchors),
      sessionIdleSeconds: SIGN_IN_POLICY.sessionIdleSeconds,
      logger,
      // Fastify takes a hop count too; its types only list the other forms.
      trustProxy: config.trustProxy as HubAppOptions['trustProxy'],
      https: config.tls ? { cert: await readFile(config.tls.certFile), key: await readFile(config.tls.keyFile) } : null,
      exchangeRole: () => leadership?.role ?? 'standby',
      commands: { blobs: runtime.blobs, agencyCode: () => config.axis?.systemId ?? null, trustAnchors: () => anchorFiles, revocation: httpRevocationChecker() },
    });
    const address = await app.listen({ host: config.host, port: config.port });
    const log = (message: string, error?: unknown) => (error === undefined ? app.log.info(message) : app.log.warn({ err: error }, message));
    // The leader also reads the words of new documents' files for content search and OCRs their
    // scans (one reader per agency) and gives the deadline reminders (one reader of the open work;
    // hub/deadlines/reminders.ts). OCR uses the desk's engine (docs/architecture.md#ocr).
    const reader = documentTextReader({ pool: runtime.pool, blobs: runtime.blobs, idleMs: TEXT_READER_IDLE_MS, log });
    const ocr = ocrWorker({ pool: runtime.pool, blobs: runtime.blobs, createEngine: createTesseractJsEngine, idleMs: TEXT_READER_IDLE_MS, concurrency: config.ocrConcurrency, log });
    const reminders = reminderLoop({ pool: runtime.pool, digestTime: config.digestTime, log });
    leadership = new ExchangeLeadership({ pool: runtime.pool, loop: together(loop(log), reader, ocr, reminders), log });
    leadership.start();
    const started = leadership;
    let closed: Promise<void> | null = null;
    return {
      url: address,
      app,
      runtime,
      anchors: anchors.length,
      close: () =>
        (closed ??= (async () => {
          await started.stop();
          await app.close();
          await runtime.close();
        })()),
    };
  } catch (error) {
    await leadership?.stop();
    await runtime.close();
    throw error;
  }
}

/**
 * What the exchange leader runs: the exchange with the agency's axis account, or, with none set,
 * nothing but holding the leadership until it stops (so the role shown is still true).
 */
async function exchangeLoop(config: HubConfig, runtime: HubRuntime): Promise<(log: (message: string, error?: unknown) => void) => LeaderLoop> {
  if (!config.axis) {
    return (log) => async (signal) => {
      log('exchange: no axis account is set (--axis-url, --axis-system-id, --axis-secret-file); nothing to exchange');
      if (!signal.aborted) await once(signal, 'abort');
    };
  }
  const { url, systemId, secretFile } = config.axis;
  const secret = await readFile(secretFile, 'utf8').then(
    (text) => text.trim(),
    (error: NodeJS.ErrnoException) => {
      throw new AxisSecretError(`The axis secret file ${secretFile} cannot be read (${error.code ?? error.message}): check the path and that the hub's account may read it.`);
    },
  );
  if (!secret) throw new AxisSecretError(`The axis secret file ${secretFile} is empty: put the secret the axis operator gave the agency in it.`);
  return (log) => exchangeRunner({ pool: runtime.pool, blobs: runtime.blobs.files, axis: { url, systemId, secret }, pollMs: config.exchangePollMs, log });
}

/** Named, so the hub's start-up prints its message alone, without a stack. */
class AxisSecretError extends Error {
  override name = 'AxisSecretError';
}

/** The agency's roots for token sign-in and for the signatures desks upload: read at start (restart the hub after changing them). */
async function readAnchors(dir: string): Promise<Uint8Array[]> {
  await mkdir(dir, { recursive: true });
  return loadTrustAnchors(dir, (file, reason) => process.emitWarning(`trust anchor ${file} skipped: ${reason}`));
}

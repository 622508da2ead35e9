/** The hub as a service: its runtime, the trust anchors for token sign-in, and the HTTP API. */
import { mkdir, readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type * as pkijs from 'pkijs';
import { loadTrustAnchors } from '../electron/core/verification/anchor-certificates.js';
import { Administration } from './accounts/administration.js';
import { SIGN_IN_POLICY } from './accounts/policy.js';
import { SignInService } from './accounts/sign-in.js';
import { parseAnchors } from './accounts/sign-in-certificate.js';
import type { HubConfig } from './config.js';
import { buildHubApp, type HubAppOptions } from './http/app.js';
import { openHubRuntime, type HubRuntime } from './runtime.js';

export interface RunningHub {
  url: string;
  app: FastifyInstance;
  runtime: HubRuntime;
  anchors: number;
  close(): Promise<void>;
}

export async function startHub(config: HubConfig, logger: HubAppOptions['logger'] = { level: config.logLevel }): Promise<RunningHub> {
  const runtime = await openHubRuntime(config, 'serve');
  try {
    const anchors = await readAnchors(config.trustAnchorsDir);
    const app = await buildHubApp({
      pool: runtime.pool,
      administration: new Administration(runtime.pool),
      signIn: new SignInService(runtime.pool, SIGN_IN_POLICY, () => anchors),
      sessionIdleSeconds: SIGN_IN_POLICY.sessionIdleSeconds,
      logger,
      // Fastify takes a hop count too; its types only list the other forms.
      trustProxy: config.trustProxy as HubAppOptions['trustProxy'],
      https: config.tls ? { cert: await readFile(config.tls.certFile), key: await readFile(config.tls.keyFile) } : null,
    });
    const address = await app.listen({ host: config.host, port: config.port });
    let closed: Promise<void> | null = null;
    return {
      url: address,
      app,
      runtime,
      anchors: anchors.length,
      close: () =>
        (closed ??= (async () => {
          await app.close();
          await runtime.close();
        })()),
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** The agency's roots for token sign-in: read at start (restart the hub after changing them). */
async function readAnchors(dir: string): Promise<pkijs.Certificate[]> {
  await mkdir(dir, { recursive: true });
  return parseAnchors(await loadTrustAnchors(dir, (file, reason) => process.emitWarning(`trust anchor ${file} skipped: ${reason}`)));
}

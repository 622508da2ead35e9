/**
 * The reference axis: an HTTP server speaking the VNPT VXP binding (docs/formats.md#vxp) over node:http,
 * so that VanThu can be developed and tested against a real exchange without the national one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { open } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { finished, pipeline } from 'node:stream/promises';
import { VXP_CALLS, VXP_ERROR, type VxpCall } from '../shared/axis/vxp.js';
import { loadOrCreateAdminSecret } from './admin-secret.js';
import { authenticate, headerValue, type Caller } from './auth.js';
import { type CallContext, type CallHandler, FileReply } from './calls/context.js';
import { DIRECTORY_CALLS } from './calls/directory.js';
import { EXCHANGE_CALLS } from './calls/exchange.js';
import { AxisFailure, REQUEST_ERROR, failEnvelope, okEnvelope, sendEnvelope } from './envelope.js';
import { PackageStorage } from './package-storage.js';
import { ReplayGuard } from './replay-guard.js';
import { AxisStore } from './store/axis-store.js';
import { FaultInjector, alterList, cutLength, faultBeforeCall, sendCut, type Fault, type FaultPlan } from './faults.js';
import { FAULTS_PATH, handleFaultsRequest } from './faults-endpoint.js';

export const DEFAULT_CLOCK_SKEW_MS = 10 * 60_000;
export const DEFAULT_UPLOAD_LIMIT_BYTES = 200 * 1024 * 1024;
/** Long enough for the largest package on a slow line; the default (5 min) is not. */
const REQUEST_TIMEOUT_MS = 30 * 60_000;

export interface AxisServerOptions {
  dataDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  clockSkewMs?: number;
  /** The operator's secret (systemid `admin`); by default read from, or created in, `<dataDir>/admin-secret`. */
  adminSecret?: string;
  uploadLimitBytes?: number;
  log?: (line: string) => void;
  /** Faults to inject from the start (tests only); the operator can change them at /admin/faults. */
  faults?: FaultPlan;
  /** Told of every injected fault, e.g. to count them. */
  onFault?: (fault: Fault, call: VxpCall) => void;
}

export interface AxisServer {
  url: string;
  port: number;
  store: AxisStore;
  /** Stops accepting connections, lets running calls finish, closes the database. Idempotent. */
  close(): Promise<void>;
}

const CALL_HANDLERS: Record<VxpCall, CallHandler> = { ...EXCHANGE_CALLS, ...DIRECTORY_CALLS };

export async function createAxisServer(options: AxisServerOptions): Promise<AxisServer> {
  const host = options.host ?? '127.0.0.1';
  const store = AxisStore.open(options.dataDir);
  let server: Server;
  try {
    const files = await PackageStorage.open(options.dataDir);
    const adminSecret = options.adminSecret ?? (await loadOrCreateAdminSecret(options.dataDir));
    const clockSkewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
    const settings: RequestSettings = {
      store,
      files,
      adminSecret,
      clockSkewMs,
      replays: new ReplayGuard(clockSkewMs),
      uploadLimitBytes: options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES,
      log: options.log ?? (() => {}),
      faults: null,
      makeInjector: (plan) => new FaultInjector(plan, options.onFault),
    };
    if (options.faults) settings.faults = settings.makeInjector(options.faults);
    server = createServer((req, res) => {
      handleRequest(req, res, settings).catch((error: unknown) => {
        settings.log(`request handling failed: ${describeError(error)}`);
        res.destroy();
      });
    });
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))).finally(() => store.close())),
  };
}

interface RequestSettings {
  store: AxisStore;
  files: PackageStorage;
  adminSecret: string;
  clockSkewMs: number;
  replays: ReplayGuard;
  uploadLimitBytes: number;
  log: (line: string) => void;
  faults: FaultInjector | null;
  makeInjector: (plan: FaultPlan) => FaultInjector;
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, settings: RequestSettings): Promise<void> {
  const started = Date.now();
  const pathname = (req.url ?? '/').split('?')[0]!;
  let who = '-';
  let outcome: string;
  try {
    if (pathname === FAULTS_PATH) {
      who = 'admin';
      outcome = await handleFaultsRequest(req, res, settings);
    } else {
      const call = routeOf(pathname, req.method);
      const { caller, params } = authenticate((name) => headerValue(req, name), { ...settings, now: Date.now() });
      who = caller.kind === 'admin' ? 'admin' : caller.agency.code;
      const fault = settings.faults?.decide(call) ?? null;
      const context: CallContext = { params, req, store: settings.store, files: settings.files, uploadLimitBytes: settings.uploadLimitBytes };
      outcome = (fault && (await faultBeforeCall(fault, req, res, () => drain(req)))) ?? (await answerCall(res, await runCall(call, CALL_HANDLERS[call], context, caller), fault, settings));
    }
  } catch (error) {
    await drain(req);
    outcome = replyWithFailure(res, error, settings.log);
  }
  settings.log(`${req.method ?? '?'} ${pathname} ${who} → ${outcome} (${Date.now() - started} ms)`);
}

/** Sends the call's result, or what a fault after the call (its work committed) makes of it. */
async function answerCall(res: ServerResponse, result: unknown, fault: Fault | null, settings: RequestSettings): Promise<string> {
  if (fault?.kind === 'lostResponse') {
    res.destroy();
    return 'fault response lost';
  }
  const cut = fault?.kind === 'cutResponse' || fault?.kind === 'truncateFile';
  if (result instanceof FileReply) {
    await streamFile(res, settings.files.resolve(result.relativePath), cut);
  } else {
    const data = fault && Array.isArray(result) ? alterList(fault, result) : result;
    if (cut) sendCut(res, Buffer.from(JSON.stringify(okEnvelope(data ?? null))), 'application/json; charset=utf-8');
    else sendEnvelope(res, 200, okEnvelope(data ?? null));
  }
  return cut ? 'fault response cut' : VXP_ERROR.ok;
}

function routeOf(pathname: string, method: string | undefined): VxpCall {
  const name = pathname.slice(1);
  if (!Object.hasOwn(VXP_CALLS, name)) throw new AxisFailure(REQUEST_ERROR, `no call ${pathname} on this axis`, 404);
  const call = name as VxpCall;
  const expected = VXP_CALLS[call];
  if (method !== expected) throw new MethodNotAllowed(expected, `${pathname} takes ${expected}, not ${method ?? 'no method'}`);
  return call;
}

class MethodNotAllowed extends AxisFailure {
  readonly allow: string;
  constructor(allow: string, description: string) {
    super(REQUEST_ERROR, description, 405);
    this.allow = allow;
  }
}

function runCall(call: VxpCall, handler: CallHandler, context: CallContext, caller: Caller): unknown {
  if (handler.audience === 'agency') {
    if (caller.kind !== 'agency') throw new AxisFailure(VXP_ERROR.badCredentials, `the admin credential cannot call /${call}; use an agency's`);
    return handler.run(context, caller.agency);
  }
  if (handler.audience === 'admin' && caller.kind !== 'admin') {
    throw new AxisFailure(VXP_ERROR.badCredentials, `/${call} needs the axis admin credential`);
  }
  return handler.run(context);
}

/** `cut`: half the file under the full length, then the connection drops (a transfer cut short). */
async function streamFile(res: ServerResponse, file: string, cut = false): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new AxisFailure(VXP_ERROR.axisError, `the package file is missing on the axis (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let size: number;
  try {
    ({ size } = await handle.stat());
  } catch (error) {
    await handle.close();
    throw error;
  }
  res.writeHead(200, { 'content-type': 'application/xml', 'content-length': size });
  if (!cut) return pipeline(handle.createReadStream(), res);
  await pipeline(handle.createReadStream({ end: Math.max(cutLength(size), 1) - 1 }), res, { end: false }).finally(() => res.destroy());
}

/**
 * Reads what is left of a refused upload before answering: many clients (undici among them)
 * handle an answer that arrives while they are still sending badly, as a reset or a stall.
 */
async function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  req.resume();
  await finished(req).catch(() => {});
}

/** Answers with the failure's envelope; returns what to log. */
function replyWithFailure(res: ServerResponse, error: unknown, log: (line: string) => void): string {
  if (res.headersSent) {
    // The body was already streaming: all that can be done is to cut it, which the client sees.
    res.destroy();
    return `aborted: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (error instanceof AxisFailure) {
    sendEnvelope(res, error.httpStatus, failEnvelope(error.code, error.message), error instanceof MethodNotAllowed ? { allow: error.allow } : {});
    return error.httpStatus === 200 ? error.code : `HTTP ${error.httpStatus}`;
  }
  log(`internal error: ${describeError(error)}`);
  sendEnvelope(res, 500, failEnvelope(VXP_ERROR.axisError, 'internal error of the axis; try again later'));
  return 'HTTP 500';
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

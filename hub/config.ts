/**
 * The hub's settings, from the command line first, then the environment (how systemd units and
 * Windows services pass them), then defaults. docs/it-admin.md lists them for IT staff.
 */
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DIGEST_TIME, digestMinutes } from '../shared/hub/deadlines.js';

export interface HubConfig {
  dataDir: string;
  /** The agency's PostgreSQL; null: a private cluster in the data folder. */
  databaseUrl: string | null;
  host: string;
  port: number;
  trustAnchorsDir: string;
  /** Fastify's trustProxy: `true`, a hop count, or addresses/CIDRs of the reverse proxy. */
  trustProxy: boolean | number | string[];
  tls: { certFile: string; keyFile: string } | null;
  logLevel: string;
  /** The agency's account on the axis; null: no exchange (the leader holds the lock and waits). */
  axis: { url: string; systemId: string; secretFile: string } | null;
  /** Between two exchange rounds that went well. */
  exchangePollMs: number;
  /** The daily digest's time of day, HH:MM in Vietnam time (hub/deadlines/digest.ts). */
  digestTime: string;
  /** Scanned files OCRed at once (hub/texts/ocr-worker.ts): each takes a core while it reads. */
  ocrConcurrency: number;
}

export const DEFAULT_HUB_PORT = 5190;

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32') return path.join(env.ProgramData ?? 'C:\\ProgramData', 'VanThu Hub');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'VanThu Hub');
  if (process.getuid?.() === 0) return '/var/lib/vanthu-hub';
  return path.join(env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'vanthu-hub');
}

function trustProxy(value: string | undefined): HubConfig['trustProxy'] {
  if (!value) return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

export interface ServeFlags {
  'data-dir'?: string;
  host?: string;
  port?: string;
  'trust-anchors'?: string;
  'trust-proxy'?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
  'log-level'?: string;
  'axis-url'?: string;
  'axis-system-id'?: string;
  'axis-secret-file'?: string;
  'digest-time'?: string;
  'ocr-concurrency'?: string;
}

export function resolveHubConfig(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): HubConfig {
  const dataDir = path.resolve(flags['data-dir'] ?? env.VANTHU_HUB_DATA_DIR ?? defaultDataDir(env));
  const port = Number(flags.port ?? env.VANTHU_HUB_PORT ?? DEFAULT_HUB_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`The port must be a number from 0 to 65535, not ${flags.port ?? env.VANTHU_HUB_PORT}.`);
  const certFile = flags['tls-cert'] ?? env.VANTHU_HUB_TLS_CERT;
  const keyFile = flags['tls-key'] ?? env.VANTHU_HUB_TLS_KEY;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error('HTTPS needs both --tls-cert and --tls-key (or VANTHU_HUB_TLS_CERT and VANTHU_HUB_TLS_KEY).');
  return {
    axis: axisAccount(flags, env),
    exchangePollMs: exchangePollMs(env.VANTHU_HUB_EXCHANGE_POLL_MS),
    digestTime: digestTime(flags['digest-time'] ?? env.VANTHU_HUB_DIGEST_TIME),
    ocrConcurrency: ocrConcurrency(flags['ocr-concurrency'] ?? env.VANTHU_HUB_OCR_CONCURRENCY),
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    host: flags.host ?? env.VANTHU_HUB_HOST ?? '127.0.0.1',
    port,
    trustAnchorsDir: path.resolve(flags['trust-anchors'] ?? env.VANTHU_HUB_TRUST_ANCHORS ?? path.join(dataDir, 'trust-anchors')),
    trustProxy: trustProxy(flags['trust-proxy'] ?? env.VANTHU_HUB_TRUST_PROXY),
    tls: certFile && keyFile ? { certFile: path.resolve(certFile), keyFile: path.resolve(keyFile) } : null,
    logLevel: flags['log-level'] ?? env.VANTHU_HUB_LOG_LEVEL ?? 'info',
  };
}

/** The secret is read from a file (readable by the service's account only), never passed on a command line. */
function axisAccount(flags: ServeFlags, env: NodeJS.ProcessEnv): HubConfig['axis'] {
  const url = flags['axis-url'] ?? env.VANTHU_HUB_AXIS_URL;
  const systemId = flags['axis-system-id'] ?? env.VANTHU_HUB_AXIS_SYSTEM_ID;
  const secretFile = flags['axis-secret-file'] ?? env.VANTHU_HUB_AXIS_SECRET_FILE;
  if (!url && !systemId && !secretFile) return null;
  if (!url || !systemId || !secretFile) {
    throw new Error('The exchange with the axis needs all three of --axis-url, --axis-system-id and --axis-secret-file (or VANTHU_HUB_AXIS_URL, VANTHU_HUB_AXIS_SYSTEM_ID, VANTHU_HUB_AXIS_SECRET_FILE).');
  }
  return { url, systemId, secretFile: path.resolve(secretFile) };
}

/** VANTHU_HUB_EXCHANGE_POLL_MS shortens the pause for tests and demos; a minute otherwise. */
function exchangePollMs(value: string | undefined): number {
  const configured = Number(value);
  return Number.isInteger(configured) && configured >= 500 ? configured : 60_000;
}

/** One by default: the hub is the agency's server, and the desks' requests come first. */
function ocrConcurrency(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 1;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 16) throw new Error(`The scanned files read at once (--ocr-concurrency, VANTHU_HUB_OCR_CONCURRENCY) is a number from 1 to 16, not ${value}.`);
  return count;
}

/** The agency's time for the daily digest; a wrong one stops the hub at its start rather than never giving a digest. */
function digestTime(value: string | undefined): string {
  const time = value?.trim() || DEFAULT_DIGEST_TIME;
  if (digestMinutes(time) === null) throw new Error(`The daily digest's time (--digest-time, VANTHU_HUB_DIGEST_TIME) is written HH:MM, from 00:00 to 23:59, not ${time}.`);
  return time;
}

/**
 * The hub's settings, from the command line first, then the environment (how systemd units and
 * Windows services pass them), then defaults. docs/it-admin.md lists them for IT staff.
 */
import os from 'node:os';
import path from 'node:path';

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
}

export function resolveHubConfig(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): HubConfig {
  const dataDir = path.resolve(flags['data-dir'] ?? env.VANTHU_HUB_DATA_DIR ?? defaultDataDir(env));
  const port = Number(flags.port ?? env.VANTHU_HUB_PORT ?? DEFAULT_HUB_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`The port must be a number from 0 to 65535, not ${flags.port ?? env.VANTHU_HUB_PORT}.`);
  const certFile = flags['tls-cert'] ?? env.VANTHU_HUB_TLS_CERT;
  const keyFile = flags['tls-key'] ?? env.VANTHU_HUB_TLS_KEY;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new Error('HTTPS needs both --tls-cert and --tls-key (or VANTHU_HUB_TLS_CERT and VANTHU_HUB_TLS_KEY).');
  return {
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

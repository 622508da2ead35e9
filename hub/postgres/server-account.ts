/**
 * PostgreSQL refuses to run as root (a bug in the server must not own the machine). A hub started
 * as root therefore runs its private cluster as an unprivileged account: `VANTHU_PG_USER` if set,
 * else `postgres` (made by the Debian/Ubuntu package). Started as any other user, the cluster runs
 * as that user. Windows needs nothing: pg_ctl drops an administrator's rights by itself.
 */
import { execFileSync } from 'node:child_process';

export interface ServerAccount {
  name: string;
  uid: number;
  gid: number;
}

export class NoServerAccountError extends Error {
  constructor(name: string, explicit: boolean) {
    super(
      `The hub runs as root, and PostgreSQL refuses to run as root, so its private database must run as an unprivileged account; ` +
        `${explicit ? `VANTHU_PG_USER names "${name}", which` : `the usual one, "${name}",`} does not exist on this machine. ` +
        'Either run the hub as an ordinary service account (recommended: e.g. useradd --system vanthu-hub, then run the hub as it), ' +
        'or create the account (useradd --system postgres, or set VANTHU_PG_USER to an existing unprivileged account), ' +
        'or set DATABASE_URL to use the agency\'s PostgreSQL server.',
    );
    this.name = 'NoServerAccountError';
  }
}

function idOf(name: string, flag: '-u' | '-g'): number | null {
  try {
    return Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return null;
  }
}

/** null: run the server as this process's own user. */
export function serverAccount(env: NodeJS.ProcessEnv = process.env): ServerAccount | null {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return null;
  const name = env.VANTHU_PG_USER || 'postgres';
  const uid = idOf(name, '-u');
  const gid = idOf(name, '-g');
  if (uid === null || gid === null) throw new NoServerAccountError(name, Boolean(env.VANTHU_PG_USER));
  if (uid === 0) throw new NoServerAccountError(`${name} (uid 0 is root)`, true);
  return { name, uid, gid };
}

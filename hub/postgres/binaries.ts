/**
 * Where the system's PostgreSQL server programs are: `VANTHU_PG_BIN` if set, else the newest
 * Debian/Ubuntu `/usr/lib/postgresql/<major>/bin` or Windows `C:\Program Files\PostgreSQL\<major>\bin`,
 * else what `pg_config --bindir` says. Client-only installs (psql without initdb) do not count.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const MIN_POSTGRES_MAJOR = 15;

export class PostgresNotInstalledError extends Error {
  constructor(detail: string) {
    super(
      `The PostgreSQL server programs (initdb, pg_ctl) were not found: ${detail}. ` +
        'Install PostgreSQL 15 or newer (Debian/Ubuntu: apt-get install postgresql; Windows: the installer from the PostgreSQL project), ' +
        'or set VANTHU_PG_BIN to its bin folder, or set DATABASE_URL to use the agency\'s PostgreSQL server instead of a private one.',
    );
    this.name = 'PostgresNotInstalledError';
  }
}

const exe = (name: string) => (process.platform === 'win32' ? `${name}.exe` : name);

function isServerBin(dir: string): boolean {
  return ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(path.join(dir, exe(name))));
}

function versionedDirs(parent: string, bin: (major: string) => string): { major: number; dir: string }[] {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  return entries
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => ({ major: Number(entry), dir: bin(entry) }))
    .filter((candidate) => isServerBin(candidate.dir));
}

function fromPgConfig(): string | null {
  try {
    const dir = execFileSync(exe('pg_config'), ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return isServerBin(dir) ? dir : null;
  } catch {
    return null;
  }
}

export function findPostgresBinaries(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.VANTHU_PG_BIN;
  if (chosen) {
    if (!isServerBin(chosen)) throw new PostgresNotInstalledError(`VANTHU_PG_BIN=${chosen} holds no initdb, pg_ctl and postgres`);
    return chosen;
  }
  const candidates =
    process.platform === 'win32'
      ? versionedDirs(path.join(env.ProgramFiles ?? 'C:\\Program Files', 'PostgreSQL'), (major) => path.join(env.ProgramFiles ?? 'C:\\Program Files', 'PostgreSQL', major, 'bin'))
      : versionedDirs('/usr/lib/postgresql', (major) => path.join('/usr/lib/postgresql', major, 'bin'));
  const newest = candidates.sort((a, b) => b.major - a.major)[0];
  if (newest) {
    if (newest.major < MIN_POSTGRES_MAJOR) throw new PostgresNotInstalledError(`only PostgreSQL ${newest.major} is installed (${newest.dir})`);
    return newest.dir;
  }
  const configured = fromPgConfig();
  if (configured) return configured;
  throw new PostgresNotInstalledError('neither a versioned install folder nor pg_config on the PATH names them');
}

export function postgresProgram(binDir: string, name: 'initdb' | 'pg_ctl' | 'postgres'): string {
  return path.join(binDir, exe(name));
}

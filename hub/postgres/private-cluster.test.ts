import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../../test/temp-dir.js';
import { NoServerAccountError, serverAccount } from './server-account.js';
import { PrivateCluster } from './private-cluster.js';

const tempDir = useTempDirs();
// Each test makes and starts clusters: seconds each, more on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

async function clusterIn(dir: string): Promise<PrivateCluster> {
  return new PrivateCluster({ dir: path.join(dir, 'postgres'), passwordFile: path.join(dir, 'postgres-password') });
}

async function query<T extends pg.QueryResultRow>(cluster: PrivateCluster, sql: string, port?: number): Promise<T[]> {
  const client = new pg.Client(await cluster.connection('postgres', port ?? cluster.port));
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function postmasterPid(cluster: PrivateCluster): number {
  return Number(readFileSync(path.join(cluster.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** A process that exited but was not yet reaped by its parent (a zombie) counts as gone. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the private PostgreSQL cluster', () => {
  it('is made at the first start, answers on loopback with its password only, and stops cleanly', async () => {
    const dir = await tempDir();
    const cluster = await clusterIn(dir);
    await cluster.start();
    try {
      expect(existsSync(path.join(cluster.dir, 'PG_VERSION'))).toBe(true);
      expect(statSync(path.join(dir, 'postgres-password')).mode & 0o077).toBe(0);
      const [row] = await query<{ addresses: string; sockets: string; fsync: string }>(
        cluster,
        "SELECT current_setting('listen_addresses') AS addresses, current_setting('unix_socket_directories') AS sockets, current_setting('fsync') AS fsync",
      );
      expect(row).toEqual({ addresses: '127.0.0.1', sockets: '', fsync: 'on' });
      const wrong = new pg.Client({ ...(await cluster.connection('postgres')), password: 'not-the-password' });
      await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
    } finally {
      await cluster.stop();
    }
    expect(await cluster.isRunning()).toBe(false);
    expect(existsSync(path.join(cluster.dir, 'postmaster.pid'))).toBe(false);
  });

  it('runs the server as an unprivileged account when the hub runs as root', async () => {
    const dir = await tempDir();
    const cluster = await clusterIn(dir);
    await cluster.start();
    try {
      const status = readFileSync(`/proc/${postmasterPid(cluster)}/status`, 'utf8');
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)![1]);
      const expected = process.getuid!() === 0 ? serverAccount()!.uid : process.getuid!();
      expect(uid).toBe(expected);
      expect(uid === 0).toBe(false);
    } finally {
      await cluster.stop();
    }
  });

  it('keeps committed data across a stop and a start on another port', async () => {
    const cluster = await clusterIn(await tempDir());
    await cluster.start();
    const firstPort = cluster.port;
    await query(cluster, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES (\'Quyết định\')');
    await cluster.stop();
    await cluster.start();
    try {
      expect(await query(cluster, 'SELECT value FROM kept')).toEqual([{ value: 'Quyết định' }]);
      expect(typeof firstPort).toBe('number');
    } finally {
      await cluster.stop();
    }
  });

  it('starts again after the server was killed (kill -9), with what was committed', async () => {
    const cluster = await clusterIn(await tempDir());
    await cluster.start();
    await query(cluster, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('trước khi tắt đột ngột')");
    const pid = postmasterPid(cluster);
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => !alive(pid), 'the postmaster to die');
    // The stale postmaster.pid is still there: the next start must cope with it.
    expect(existsSync(path.join(cluster.dir, 'postmaster.pid'))).toBe(true);
    const again = await clusterIn(path.dirname(cluster.dir));
    await again.start();
    try {
      expect(await query(again, 'SELECT value FROM kept')).toEqual([{ value: 'trước khi tắt đột ngột' }]);
    } finally {
      await again.stop();
    }
  });

  it('takes over a server left running by a hub that was killed, and stops it at the end', async () => {
    const cluster = await clusterIn(await tempDir());
    await cluster.start();
    const orphan = postmasterPid(cluster);
    // A new hub process: it only knows the folder.
    const next = await clusterIn(path.dirname(cluster.dir));
    expect(await next.runningServerPort()).toBe(cluster.port);
    await next.start();
    expect(alive(orphan)).toBe(false);
    expect(await query(next, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await next.stop();
    expect(await next.isRunning()).toBe(false);
  });

  it('refuses a folder that holds other files, leaving them alone', async () => {
    const dir = await tempDir();
    execFileSync('mkdir', ['-p', path.join(dir, 'postgres')]);
    execFileSync('touch', [path.join(dir, 'postgres', 'notes.txt')]);
    await expect((await clusterIn(dir)).start()).rejects.toThrow(/holds files but no PostgreSQL cluster/);
    expect(existsSync(path.join(dir, 'postgres', 'notes.txt'))).toBe(true);
  });

  it.runIf(process.getuid?.() === 0)('as root without an unprivileged account, refuses and says what to do', () => {
    expect(() => serverAccount({ VANTHU_PG_USER: 'vanthu-no-such-account' })).toThrow(NoServerAccountError);
    expect(() => serverAccount({ VANTHU_PG_USER: 'vanthu-no-such-account' })).toThrow(/useradd --system .*DATABASE_URL/s);
    expect(() => serverAccount({ VANTHU_PG_USER: 'root' })).toThrow(/uid 0 is root/);
  });
});

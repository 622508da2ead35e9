import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHubBundle, launchHub } from '../test/hub-process.js';
import { databaseUrl, useTestPostgres } from '../test/postgres.js';
import { useTempDirs } from '../test/temp-dir.js';
import { resolveHubConfig } from './config.js';
import { PrivateCluster } from './postgres/private-cluster.js';
import { startHub } from './server.js';
import { LATEST_HUB_SCHEMA } from './store/migrations/index.js';

const tempDir = useTempDirs();
const postgres = useTestPostgres();

const configIn = (dataDir: string, env: NodeJS.ProcessEnv = {}) => resolveHubConfig({ 'data-dir': dataDir, port: '0', 'log-level': 'warn' }, env);
const clusterOf = (dataDir: string) => new PrivateCluster({ dir: path.join(dataDir, 'postgres'), passwordFile: path.join(dataDir, 'postgres-password') });

async function health(url: string): Promise<unknown> {
  return (await fetch(`${url}/api/health`)).json();
}

describe('the hub service', () => {
  it('without DATABASE_URL runs a private cluster in its data folder and stops it on close', async () => {
    const dataDir = await tempDir();
    const hub = await startHub(configIn(dataDir), false);
    try {
      expect(await health(hub.url)).toMatchObject({ status: 'ok', schema: LATEST_HUB_SCHEMA });
      expect(hub.runtime.databaseDescription).toBe(`a private PostgreSQL in ${path.join(dataDir, 'postgres')}`);
      expect(await clusterOf(dataDir).isRunning()).toBe(true);
    } finally {
      await hub.close();
    }
    expect(await clusterOf(dataDir).isRunning()).toBe(false);
    expect(existsSync(path.join(dataDir, 'hub.lock'))).toBe(false);
  });

  it('with DATABASE_URL uses that server and starts no cluster of its own', async () => {
    const dataDir = await tempDir();
    const { config } = await postgres().freshDatabase();
    const url = databaseUrl(config);
    const hub = await startHub(configIn(dataDir, { DATABASE_URL: url }), false);
    try {
      expect(await health(hub.url)).toMatchObject({ status: 'ok', schema: LATEST_HUB_SCHEMA });
      expect(hub.runtime.databaseDescription).toBe(`PostgreSQL at 127.0.0.1:${config.port}/${config.database}`);
      expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'blobs'))).toBe(true);
    } finally {
      await hub.close();
    }
  });
});

describe('the hub as a process', () => {
  let bundle: string;
  beforeAll(async () => {
    bundle = await buildHubBundle(await tempDir());
  }, 120_000);

  const launch = (dataDir: string, args?: string[], stdin = '') => launchHub(bundle, dataDir, args, { stdin });

  it('stops its PostgreSQL on SIGTERM, and after a kill -9 takes the cluster over at the next start', async () => {
    const dataDir = await tempDir();
    const first = launch(dataDir);
    expect(await health(await first.listening)).toMatchObject({ status: 'ok' });
    first.child.kill('SIGKILL');
    await first.exited;
    // Killed without a word: its PostgreSQL is still running, its lock names a dead process.
    expect(await clusterOf(dataDir).isRunning()).toBe(true);
    const orphanPid = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

    const second = launch(dataDir);
    const url = await second.listening;
    expect(await health(url)).toMatchObject({ status: 'ok' });
    expect(Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0])).not.toBe(orphanPid);

    // A second hub on the same folder is refused; the set-up commands work beside it.
    const intruder = launch(dataDir);
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toMatch(/A VanThu hub already runs with the data folder .* Stop it first/);
    const unit = launch(dataDir, ['unit', 'add', '--code', 'VP', '--name', 'Văn phòng']);
    expect([await unit.exited, unit.output()]).toEqual([0, 'Unit VP "Văn phòng" added (id 1).\n']);
    const user = launch(dataDir, ['user', 'add', '--username', 'quantri', '--name', 'Quản trị', '--unit', 'VP', '--role', 'admin', '--password-stdin'], 'mật khẩu quản trị dài\n');
    expect(await user.exited).toBe(0);
    const signIn = await fetch(`${url}/api/sign-in/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quantri', password: 'mật khẩu quản trị dài' }) });
    expect(signIn.status).toBe(200);
    expect(await clusterOf(dataDir).isRunning()).toBe(true);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(await clusterOf(dataDir).isRunning()).toBe(false);
    expect(existsSync(path.join(dataDir, 'hub.lock'))).toBe(false);
  });
});

describe('the axis account of the hub', () => {
  it('refuses to start with an unreadable or empty secret file, saying which and what to do', async () => {
    const dataDir = await tempDir();
    const { config } = await postgres().freshDatabase();
    const env = { DATABASE_URL: databaseUrl(config) };
    const withSecretFile = (file: string) =>
      resolveHubConfig({ 'data-dir': dataDir, port: '0', 'log-level': 'warn', 'axis-url': 'http://127.0.0.1:9', 'axis-system-id': '000.00.00.H41', 'axis-secret-file': file }, env);
    await expect(startHub(withSecretFile(path.join(dataDir, 'missing')), false)).rejects.toThrow(/axis secret file .*missing cannot be read \(ENOENT\)/);
    const empty = path.join(dataDir, 'empty');
    writeFileSync(empty, '\n');
    await expect(startHub(withSecretFile(empty), false)).rejects.toThrow(/axis secret file .*empty is empty/);
  });
});

/**
 * A hub's HTTP API on a fresh database of a real PostgreSQL (test/postgres.ts), called through
 * Fastify's inject (the whole request pipeline: rate limit, access, validation, handlers), with
 * its log lines kept for the test to read.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import type * as pkijs from 'pkijs';
import { afterAll } from 'vitest';
import type { Role, UserInfo } from '../shared/hub/accounts.js';
import { Administration } from '../hub/accounts/administration.js';
import { SIGN_IN_POLICY, type SignInPolicy } from '../hub/accounts/policy.js';
import { SignInService } from '../hub/accounts/sign-in.js';
import { FileBlobStore } from '../hub/blobs/blob-store.js';
import type { CommandServices } from '../hub/commands/command-handler.js';
import { buildHubApp, type HubAppOptions } from '../hub/http/app.js';
import { offlineRevocationChecker } from '../electron/core/verification/revocation.js';
import { migrateHub } from '../hub/store/migrations/index.js';
import { useTestPostgres, type OwnTestPostgres, type TestPostgres } from './postgres.js';
import type { PrivateCluster } from '../hub/postgres/private-cluster.js';

export interface TestHub {
  app: FastifyInstance;
  pool: pg.Pool;
  /** The hub's blob files, in a folder of their own removed after the tests; shared by its instances. */
  blobs: FileBlobStore;
  administration: Administration;
  /** Every line the hub logged, as written (pino JSON). */
  logs: string[];
  unitId: number;
  /** `unitId`: default the test's first unit. */
  addUser(username: string, roles: Role[], password?: string, unitId?: number): Promise<UserInfo>;
  /** The PostgreSQL server under the hub: more databases and pools on it. */
  postgres: TestPostgres;
  /** The file's own server, to stop and start (useTestHub({ ownPostgres: true })); null on the run's shared one. */
  ownServer: PrivateCluster | null;
  /** Another hub instance on the same database, with its own pool and its own LISTEN connection. */
  anotherInstance(): Promise<FastifyInstance>;
  /** `T`: what the test expects the body to be (it checks it). */
  call<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, options?: { token?: string; body?: unknown; address?: string }): Promise<{ status: number; body: T }>;
  signIn(username: string, password: string, address?: string): Promise<string>;
}

export const TEST_PASSWORD = 'mật khẩu thử nghiệm dài';

export interface TestHubOptions {
  anchors?: pkijs.Certificate[];
  policy?: Partial<SignInPolicy>;
  requestsPerMinute?: number;
  feed?: HubAppOptions['feed'];
  /** Trust anchors (DER) for the signatures of uploaded revisions; the agency's axis code for status packages. */
  commands?: { trustAnchors?: Uint8Array[]; agencyCode?: string | null };
}

export function useTestHub(server: { ownPostgres?: boolean } = {}): (options?: TestHubOptions) => Promise<TestHub> {
  const postgres: () => TestPostgres | OwnTestPostgres = server.ownPostgres ? useTestPostgres({ own: true }) : useTestPostgres();
  const apps: FastifyInstance[] = [];
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
  });

  return async (options = {}) => {
    const { pool, config } = await postgres().freshDatabase();
    await migrateHub(pool);
    const policy = { ...SIGN_IN_POLICY, ...options.policy };
    const administration = new Administration(pool);
    const folder = await mkdtemp(path.join(os.tmpdir(), 'vanthu-hub-blobs-'));
    folders.push(folder);
    const blobs = await FileBlobStore.open(folder);
    const logs: string[] = [];
    const commands: CommandServices = {
      blobs,
      agencyCode: () => (options.commands?.agencyCode === undefined ? 'H01.00.TEST' : options.commands.agencyCode),
      trustAnchors: () => options.commands?.trustAnchors ?? [],
      revocation: offlineRevocationChecker,
    };
    const instance = async (instancePool: pg.Pool) => {
      const built = await buildHubApp({
        pool: instancePool,
        blobs,
        administration: new Administration(instancePool),
        signIn: new SignInService(instancePool, policy, () => options.anchors ?? []),
        sessionIdleSeconds: policy.sessionIdleSeconds,
        logger: { level: 'info', stream: { write: (line: string) => void logs.push(line) } },
        requestsPerMinute: options.requestsPerMinute,
        feed: options.feed,
        commands,
      });
      apps.push(built);
      return built;
    };
    const app = await instance(pool);
    const unit = await administration.createUnit('cli', { code: 'VP', name: 'Văn phòng', parentId: null });
    const call = async <T,>(method: string, url: string, { token, body, address }: { token?: string; body?: unknown; address?: string } = {}) => {
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'user-agent': 'VanThu desk (test)' },
        ...(body === undefined ? {} : { payload: body as object }),
        remoteAddress: address ?? '127.0.0.1',
      });
      return { status: response.statusCode, body: (response.body ? JSON.parse(response.body) : null) as T };
    };
    return {
      app,
      pool,
      blobs,
      administration,
      logs,
      unitId: unit.id,
      addUser: (username, roles, password = TEST_PASSWORD, unitId = unit.id) => administration.createUser('cli', { username, displayName: username, unitId, roles, password }),
      postgres: postgres(),
      ownServer: (postgres() as Partial<OwnTestPostgres>).cluster ?? null,
      anotherInstance: async () => instance(await postgres().pool(config)),
      call: call as TestHub['call'],
      async signIn(username, password, address) {
        const response = await call<{ token: string }>('POST', '/api/sign-in/password', { body: { username, password }, address });
        if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
        return response.body.token;
      },
    };
  };
}

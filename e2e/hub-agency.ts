/**
 * An agency in agency mode for end-to-end specs, the `hubAgency` fixture: one hub (the built
 * `dist/hub/hub.cjs` on its private PostgreSQL, run by IT's set-up commands) that is agency A on
 * the spec's reference axis; its units and people; one browser-mode desk per person, each with its
 * own data folder and browser context, signed in through "Kết nối máy chủ cơ quan" and reaching
 * the hub through a relay of its own (so one desk can go offline while the others work); and
 * agency B, a standalone VanThu on the same axis. The leader's and the agency's SoftHSM2 tokens
 * are in the leader's and the clerk's desks, and the hub trusts their test CA (a signed revision
 * is verified against the hub's trust anchors); B trusts it too, and checks revocation on the CA's
 * CRL, served on loopback.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchHub, type HubProcess } from '../test/hub-process.js';
import { startCrlServer } from '../test/pdf-corpus/crl-server.js';
import { makeTestTokens, type Manifest } from '../test/tokens.js';
import { DATABASE_FILE } from '../electron/core/config/data-dir.js';
import type { HubDocument } from '../shared/hub/documents.js';
import { makeDataDir, ROOT, startApp, type RunningApp } from './app-under-test.js';
import type { AxisCredential } from './axis-harness.js';
import { test as axisTest } from './fixtures.js';
import { startLinkRelay, type LinkRelay } from './link-relay.js';

const HUB_BUNDLE = path.join(ROOT, 'dist', 'hub', 'hub.cjs');

export const UNITS = [
  { code: 'VP', name: 'Văn phòng' },
  { code: 'TH', name: 'Phòng Tổng hợp' },
  { code: 'KT', name: 'Phòng Kế toán' },
] as const;

export type PersonKey = 'clerk' | 'leader' | 'specialist' | 'cooperator';

export interface Person {
  username: string;
  displayName: string;
  unit: (typeof UNITS)[number]['code'];
  role: 'clerk' | 'leader' | 'unit_leader' | 'specialist';
  password: string;
  /** Whether the test tokens are plugged into this person's computer. */
  tokens: boolean;
}

/** The leader's name is the one on the test token's certificate. */
export const PEOPLE: Record<PersonKey, Person> = {
  clerk: { username: 'vanthu', displayName: 'Trần Thị Bình', unit: 'VP', role: 'clerk', password: 'mật khẩu của văn thư', tokens: true },
  leader: { username: 'lanhdao', displayName: 'Nguyễn Văn An', unit: 'VP', role: 'leader', password: 'mật khẩu của lãnh đạo', tokens: true },
  specialist: { username: 'chuyenvien', displayName: 'Lê Văn Cường', unit: 'TH', role: 'specialist', password: 'mật khẩu của chuyên viên', tokens: false },
  /** A specialist of the unit that co-operates (phối hợp). */
  cooperator: { username: 'phoihop', displayName: 'Hoàng Thị Em', unit: 'KT', role: 'specialist', password: 'mật khẩu của chuyên viên phối hợp', tokens: false },
};

/** The specialist's unit head: he works through the hub's API, not at a desk of his own (a fifth desk costs more than it shows). */
export const UNIT_HEAD: Person = { username: 'truongphong', displayName: 'Phạm Thị Dung', unit: 'TH', role: 'unit_leader', password: 'mật khẩu của trưởng phòng', tokens: false };

/** What a desk's SQLite holds of the hub: read from its data folder, as the desk itself keeps it. */
export interface DeskReplica {
  /** Every change up to this feed number that the user may see is applied. */
  cursor(): number;
  documents(): HubDocument[];
}

export interface Desk {
  person: Person;
  app: RunningApp;
  dataDir: string;
  page: Page;
  /** The status bar in agency mode. */
  bar: Locator;
  /** This desk's way to the hub. */
  link: LinkRelay;
  replica: DeskReplica;
}

export interface AgencyServer {
  url: string;
  dataDir: string;
  credential: AxisCredential;
  output(): string;
  /** A document's file as the hub serves it to `person` (GET /api/documents/:id/attachments/:sha256, signed in by password). */
  download(person: Person, documentId: number, sha256: string): Promise<Buffer>;
  /** A call to the hub's API as `person`, signed in by password: the answer's JSON body (a non-2xx answer throws). */
  call<T>(person: Person, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T>;
}

export interface HubAgency {
  hub: AgencyServer;
  desks: Record<PersonKey, Desk>;
  /** Agency B: a standalone VanThu on the same axis, its documents sent unsigned under IT's AllowUnsignedSending. */
  partner: { credential: AxisCredential; app: RunningApp; page: Page };
  tokens: Manifest;
}

function replicaOf(dataDir: string): DeskReplica {
  const read = <T>(query: (db: Database.Database) => T): T => {
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    try {
      return query(db);
    } finally {
      db.close();
    }
  };
  return {
    cursor: () => read((db) => (db.prepare('SELECT feed_cursor FROM hub_link').pluck().get() as number | undefined) ?? 0),
    documents: () => read((db) => (db.prepare('SELECT document FROM hub_documents ORDER BY id').pluck().all() as string[]).map((json) => JSON.parse(json) as HubDocument)),
  };
}

/** IT's first set-up on the server (`npm run hub -- unit|user …`), beside the running hub. */
async function hubCommand(hubDir: string, args: string[], stdin = ''): Promise<void> {
  const run = launchHub(HUB_BUNDLE, hubDir, args, { stdin });
  const code = await run.exited;
  if (code !== 0) throw new Error(`npm run hub -- ${args.join(' ')} exited with ${code}:\n${run.output()}`);
}

async function passwordToken(hubUrl: string, person: Person): Promise<string> {
  const signIn = await fetch(`${hubUrl}/api/sign-in/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: person.username, password: person.password }) });
  if (!signIn.ok) throw new Error(`signing in as ${person.username}: HTTP ${signIn.status}`);
  return ((await signIn.json()) as { token: string }).token;
}

async function callAs<T>(hubUrl: string, person: Person, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${await passwordToken(hubUrl, person)}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${hubUrl}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${url} as ${person.username}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function download(hubUrl: string, person: Person, documentId: number, sha256: string): Promise<Buffer> {
  const token = await passwordToken(hubUrl, person);
  const file = await fetch(`${hubUrl}/api/documents/${documentId}/attachments/${sha256}`, { headers: { authorization: `Bearer ${token}` } });
  if (!file.ok) throw new Error(`document ${documentId}'s file ${sha256}: HTTP ${file.status}`);
  return Buffer.from(await file.arrayBuffer());
}

/** "Kết nối máy chủ cơ quan" as the person does it on a desk whose address IT fixed. */
async function signIn(page: Page, bar: Locator, person: Person): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Kết nối máy chủ cơ quan' })).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill(person.username);
  await page.getByLabel('Mật khẩu').fill(person.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(bar).toContainText(`Đăng nhập: ${person.displayName}`);
}

/** Stops what was started, last first, and keeps going past a failure so that nothing is left running. */
class Cleanup {
  private readonly steps: (() => Promise<unknown>)[] = [];
  add(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    const failures: unknown[] = [];
    for (const step of this.steps.splice(0).reverse()) await step().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw new AggregateError(failures, 'the agency did not stop cleanly');
  }
}

export const test = axisTest.extend<{ hubAgency: HubAgency }>({
  // Its own time: a hub, its PostgreSQL, five apps and their sign-ins take a minute or two on a busy 2-core machine.
  hubAgency: [
    async ({ axis, agency, browser }, use, testInfo) => {
      const cleanup = new Cleanup();
      let hub: HubProcess | null = null;
      const desks: Partial<Record<PersonKey, Desk>> = {};
      let setUpFailed = false;
      try {
        // The test CA's CRL on loopback, named by every test certificate: B's desk checks that
        // nothing was revoked, and says "Hợp lệ" only then.
        const crl = await startCrlServer();
        cleanup.add(() => crl.close());
        const tokens = await makeTestTokens({ crlUrl: crl.url });
        crl.crl = new Uint8Array(await readFile(tokens.crl));
        const [credentialA, credentialB] = axis.agencies as [AxisCredential, AxisCredential];

        const hubDir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-e2e-hub-'));
        cleanup.add(() => rm(hubDir, { recursive: true, force: true }));
        await mkdir(path.join(hubDir, 'trust-anchors'));
        await copyFile(tokens.caCertificate, path.join(hubDir, 'trust-anchors', 'test-ca.pem'));
        const secretFile = path.join(hubDir, 'axis-secret');
        await writeFile(secretFile, credentialA.secret, { mode: 0o600 });
        const started = launchHub(HUB_BUNDLE, hubDir, ['--port', '0', '--log-level', 'warn', '--axis-url', axis.url, '--axis-system-id', credentialA.code, '--axis-secret-file', secretFile], {
          env: { VANTHU_HUB_EXCHANGE_POLL_MS: '500' },
        });
        hub = started;
        cleanup.add(async () => {
          started.child.kill('SIGTERM');
          await started.exited;
        });
        const hubUrl = new URL(await started.listening).origin;

        await Promise.all(UNITS.map((unit) => hubCommand(hubDir, ['unit', 'add', '--code', unit.code, '--name', unit.name])));
        await Promise.all(
          [...Object.values(PEOPLE), UNIT_HEAD].map((person) =>
            hubCommand(hubDir, ['user', 'add', '--username', person.username, '--name', person.displayName, '--unit', person.unit, '--role', person.role, '--password-stdin'], `${person.password}\n`),
          ),
        );

        const partnerApp = await agency(1, { unsignedSending: true, trustAnchors: [tokens.caCertificate] });
        const partner = { credential: credentialB, app: partnerApp, page: await partnerApp.open(browser) };

        await Promise.all(
          (Object.entries(PEOPLE) as [PersonKey, Person][]).map(async ([key, person]) => {
            const link = await startLinkRelay(hubUrl);
            cleanup.add(() => link.close());
            const dataDir = await makeDataDir();
            cleanup.add(() => rm(dataDir, { recursive: true, force: true }));
            const policyFile = path.join(dataDir, 'policy.json');
            await writeFile(policyFile, JSON.stringify({ hubUrl: link.url }));
            const tokenEnv = person.tokens ? { SOFTHSM2_CONF: tokens.conf, VANTHU_PKCS11_MODULE: tokens.module } : {};
            const app = await startApp(dataDir, { VANTHU_POLICY_FILE: policyFile, ...tokenEnv });
            cleanup.add(() => app.stop());
            const page = await app.open(browser);
            const bar = page.getByRole('contentinfo', { name: 'Máy chủ cơ quan' });
            await signIn(page, bar, person);
            desks[key] = { person, app, dataDir, page, bar, link, replica: replicaOf(dataDir) };
          }),
        );

        const server: AgencyServer = {
          url: hubUrl,
          dataDir: hubDir,
          credential: credentialA,
          output: started.output,
          download: (person, id, sha256) => download(hubUrl, person, id, sha256),
          call: (person, method, url, body) => callAs(hubUrl, person, method, url, body),
        };
        await use({ hub: server, desks: desks as Record<PersonKey, Desk>, partner, tokens });
      } catch (error) {
        setUpFailed = true;
        throw error;
      } finally {
        if (setUpFailed || testInfo.status !== testInfo.expectedStatus) {
          if (hub) await testInfo.attach('hub.log', { body: hub.output(), contentType: 'text/plain' });
          for (const [key, desk] of Object.entries(desks)) await testInfo.attach(`desk-${key}.log`, { body: desk.app.output(), contentType: 'text/plain' });
        }
        await cleanup.run();
      }
    },
    { timeout: 300_000 },
  ],
});

export { expect };

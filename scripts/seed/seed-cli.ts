/**
 * `npm run seed -- --docs 100000 --data-dir DIR [--seed N] [--agencies N]`: fills a new or empty
 * data dir with generated documents (see seed-data-dir.ts). Start the app on it with
 * `npm start -- --data-dir DIR` and choose the demo setup.
 *
 * `npm run seed -- agency [--hub-data DIR] [--documents N] [--seed N]`: fills a new agency hub
 * (its data folder, or the empty database DATABASE_URL names) with the demo agency
 * (seed-agency.ts), then says how to sign in to it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveHubConfig, DEFAULT_HUB_PORT } from '../../hub/config.js';
import { openHubRuntime } from '../../hub/runtime.js';
import { seedDataDir } from './seed-data-dir.js';
import { DEMO_AGENCY_CODE, DEMO_AGENCY_NAME, DEMO_PASSWORD, seedAgency } from './seed-agency.js';

const USAGE = 'usage: npm run seed -- --docs N --data-dir DIR [--seed N] [--agencies N]\n       npm run seed -- agency [--hub-data DIR] [--documents 10000] [--seed N]   (or DATABASE_URL)';

function parse(argv: readonly string[]): { dataDir: string; docs: number; seed: number; agencies: number } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    if (!['--docs', '--data-dir', '--seed', '--agencies'].includes(flag)) throw new Error(`unknown option ${flag}\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    values.set(flag, value);
  }
  const integer = (flag: string, fallback?: number) => {
    const raw = values.get(flag);
    if (raw === undefined && fallback !== undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} needs a positive integer, got ${raw ?? 'nothing'}\n${USAGE}`);
    return value;
  };
  const dataDir = values.get('--data-dir');
  if (!dataDir) throw new Error(`--data-dir is required\n${USAGE}`);
  return { dataDir: path.resolve(dataDir), docs: integer('--docs'), seed: integer('--seed', 1), agencies: integer('--agencies', 3000) };
}

function positive(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} needs a positive integer, got ${raw}\n${USAGE}`);
  return value;
}

async function seedHub(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, strict: true, options: { 'hub-data': { type: 'string' }, documents: { type: 'string' }, seed: { type: 'string' } } });
  const documents = positive('--documents', values.documents, 10_000);
  const config = resolveHubConfig({ 'data-dir': values['hub-data'] });
  const runtime = await openHubRuntime(config, 'command');
  try {
    console.log(`Seeding the demo agency into ${runtime.databaseDescription}…`);
    const agency = await seedAgency(runtime, { documents, seed: positive('--seed', values.seed, 1), onProgress: console.log });
    const signIn = (role: string, people: readonly { username: string; displayName: string }[]) => `  ${role.padEnd(22)} ${people.map((person) => `${person.username} (${person.displayName})`).join(', ')}`;
    const byRole = (role: string) => agency.people.filter((person) => person.roles.includes(role as never));
    console.log(
      [
        `Seeded ${agency.documents} documents through ${agency.commands} hub commands, and ${agency.people.length} accounts, in ${agency.seconds.toFixed(1)} s.`,
        `By state: ${Object.entries(agency.stories).map(([story, count]) => `${story} ${count}`).join(', ')}.`,
        '',
        'Next: start the hub on it',
        `  npm run hub -- ${config.databaseUrl ? '' : `--data-dir ${JSON.stringify(config.dataDir)}`}    (it serves http://127.0.0.1:${DEFAULT_HUB_PORT})`,
        'then at a desk (npm start) choose "Kết nối máy chủ cơ quan" with that address, and sign in as',
        signIn('văn thư (clerk)', byRole('clerk')),
        signIn('lãnh đạo (leader)', byRole('leader')),
        signIn('lãnh đạo đơn vị', byRole('unit_leader').slice(0, 4)),
        signIn('chuyên viên', byRole('specialist').slice(0, 4)),
        signIn('quản trị (admin)', byRole('admin')),
        `  (all ${agency.people.length}: npm run hub -- user list${config.databaseUrl ? '' : ` --data-dir ${JSON.stringify(config.dataDir)}`})`,
        `Password of every account: ${DEMO_PASSWORD}`,
        '',
        'The steps that tell a sender how its document is handled (Tiếp nhận, phân công, hoàn thành, trả lại) and sending need the hub\'s',
        `account on an axis. This agency is the demo axis's ${DEMO_AGENCY_NAME}: run npm run axis -- --demo --data-dir AXIS_DIR, put the secret`,
        `of ${DEMO_AGENCY_CODE} from AXIS_DIR/demo-credentials.json alone in a file, and add to the hub's command:`,
        `  --axis-url http://127.0.0.1:5180 --axis-system-id ${DEMO_AGENCY_CODE} --axis-secret-file THAT_FILE`,
      ].join('\n'),
    );
  } finally {
    await runtime.close();
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === 'agency') return seedHub(process.argv.slice(3));
  const options = parse(process.argv.slice(2));
  const started = performance.now();
  const result = await seedDataDir(options.dataDir, {
    ...options,
    onProgress: (done) => {
      if (done % 100_000 === 0 || done === options.docs) console.log(`${done} documents (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    },
  });
  console.log(`seeded ${options.dataDir}: ${result.documents} documents from ${result.agencies} agencies in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${options.seed})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

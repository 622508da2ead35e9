/**
 * A hub agency of N documents for the benchmarks, loaded in bulk into the hub's real schema: units
 * in a tree, clerks, leaders, unit leaders and specialists made through the hub's Administration;
 * documents (incoming from varied senders, outgoing, drafts; their states, types, numbers and
 * signers in the phrasing of real documents, accents and all) inserted in batches of `unnest`
 * arrays; their register entries numbered per register and year, a restricted register with its
 * named readers, grants to units and people (so a specialist sees a few percent), one PDF
 * attachment each; the arrivals' workflow (bench/hub-seed-workflow.ts: work items in every state,
 * their steps, deadline extensions; drafts awaiting a leader's signature); and their search rows
 * made by the hub's own indexDocumentTexts, header and file text folded exactly as the hub folds them. The trigram index is built after the load, as a
 * restore would. Everything is seeded (mulberry32): the same N gives the same agency.
 */
import type pg from 'pg';
import { between, mulberry32, pad, pick as pickWith } from '../axis/directory.js';
import { Administration } from '../hub/accounts/administration.js';
import { indexDocumentTexts } from '../hub/store/content-search.js';
import { DOCUMENT_TYPES, personName, POSITIONS, subjectFor, summaryFor, TOPICS } from '../scripts/seed/phrasing.js';
import { WorkflowSeeder, type ArrivalState } from './hub-seed-workflow.js';
import { documentTextGenerator } from './hub-search.js';
import { log, nowMs } from './lib.js';

const BATCH = 5000;
/** Documents spread over these years, ids growing with time as the hub's do. */
const FIRST_YEAR = 2021;

export const DEPARTMENTS = ['Văn phòng', 'Phòng Tổ chức cán bộ', 'Phòng Kinh tế', 'Phòng Tài chính - Kế hoạch', 'Phòng Tư pháp', 'Phòng Văn hóa - Xã hội', 'Phòng Tài nguyên và Môi trường', 'Thanh tra'];
const SECTIONS_PER_DEPARTMENT = 2;

export const SENDER_KINDS = ['UBND tỉnh', 'Sở Nội vụ tỉnh', 'Sở Tài chính tỉnh', 'Sở Y tế tỉnh', 'Sở Giáo dục và Đào tạo tỉnh', 'Công an tỉnh', 'Sở Tài nguyên và Môi trường tỉnh', 'Ban Quản lý dự án tỉnh'];
export const PROVINCES = ['Hà Giang', 'Lào Cai', 'Điện Biên', 'Sơn La', 'Thanh Hóa', 'Nghệ An', 'Quảng Bình', 'Thừa Thiên Huế', 'Quảng Nam', 'Bình Định', 'Đắk Lắk', 'Lâm Đồng', 'Đồng Nai', 'Tiền Giang', 'Bến Tre', 'Cà Mau'];
export const MINISTRIES = ['Bộ Nội vụ', 'Bộ Tài chính', 'Bộ Thông tin và Truyền thông', 'Văn phòng Chính phủ', 'Bộ Kế hoạch và Đầu tư'];
const INCOMING_STATES = ['accepted', 'assigned', 'processing', 'done', 'done', 'done'] as const;
const OUTGOING_STATES = ['sent', 'sent', 'sent', 'queued', 'failed'] as const;

export interface SeededUser {
  id: number;
  unitId: number;
}

export interface SeededAgency {
  documents: number;
  /** Units that are given documents (the sections and departments), by id. */
  units: number[];
  clerks: SeededUser[];
  leaders: SeededUser[];
  unitLeaders: SeededUser[];
  specialists: SeededUser[];
  restrictedRegister: number;
  seconds: number;
}

interface ArrivalForGrants {
  units: number[];
  users: number[];
}

interface DocumentBatch {
  id: number[];
  direction: string[];
  senderId: (string | null)[];
  senderName: (string | null)[];
  subject: string[];
  summary: string[];
  codeNumber: (string | null)[];
  codeNotation: (string | null)[];
  typeName: string[];
  promulgationDate: (string | null)[];
  signerName: (string | null)[];
  signerPosition: string[];
  place: string[];
  priority: number[];
  state: string[];
  signingState: string[];
  receivedAt: (string | null)[];
  createdBy: (number | null)[];
  createdAt: string[];
  /** [document, register] for those entered in a register. */
  entries: [number, number][];
  grantUnits: [number, number][];
  grantUsers: [number, number][];
  texts: { documentId: number; text: string }[];
}

const emptyBatch = (): DocumentBatch => ({
  id: [], direction: [], senderId: [], senderName: [], subject: [], summary: [], codeNumber: [], codeNotation: [], typeName: [], promulgationDate: [],
  signerName: [], signerPosition: [], place: [], priority: [], state: [], signingState: [], receivedAt: [], createdBy: [], createdAt: [], entries: [], grantUnits: [], grantUsers: [], texts: [],
});

async function makePeople(administration: Administration, desks: number): Promise<Omit<SeededAgency, 'documents' | 'restrictedRegister' | 'seconds'>> {
  const units: number[] = [];
  const departments: number[] = [];
  const sections: number[] = [];
  for (const [d, name] of DEPARTMENTS.entries()) {
    const department = (await administration.createUnit('cli', { code: `P${d + 1}`, name, parentId: null })).id;
    departments.push(department);
    units.push(department);
    for (let s = 1; s <= SECTIONS_PER_DEPARTMENT; s++) {
      const section = (await administration.createUnit('cli', { code: `P${d + 1}.${s}`, name: `${name} - Tổ ${s}`, parentId: department })).id;
      sections.push(section);
      units.push(section);
    }
  }
  const pick = mulberry32(7);
  const user = async (username: string, unitId: number, role: 'clerk' | 'leader' | 'unit_leader' | 'specialist'): Promise<SeededUser> => ({
    id: (await administration.createUser('cli', { username, displayName: personName((items) => pickWith(items, pick)), unitId, roles: [role] })).id,
    unitId,
  });
  const clerks = [await user('vanthu1', departments[0]!, 'clerk'), await user('vanthu2', departments[0]!, 'clerk')];
  const leaders = [await user('lanhdao1', departments[0]!, 'leader'), await user('lanhdao2', departments[0]!, 'leader')];
  const unitLeaders: SeededUser[] = [];
  for (const [d, department] of departments.entries()) unitLeaders.push(await user(`truongphong${d + 1}`, department, 'unit_leader'));
  // Most specialists work in a section, some in a department itself.
  const specialists: SeededUser[] = [];
  for (let s = 0; s < desks; s++) specialists.push(await user(`chuyenvien${s + 1}`, units[s % units.length]!, 'specialist'));
  return { units, clerks, leaders, unitLeaders, specialists };
}

/**
 * Seeds `count` documents into a migrated, empty hub database, with `desks` specialists among
 * the people. Logs each step's time.
 */
export async function seedHubAgency(pool: pg.Pool, options: { count: number; desks: number; seed: number }): Promise<SeededAgency> {
  const started = nowMs();
  const people = await makePeople(new Administration(pool), options.desks);
  const { rows: registers } = await pool.query<{ id: number; direction: string }>('SELECT id, direction FROM registers WHERE is_default');
  const incomingRegister = registers.find((r) => r.direction === 'in')!.id;
  const outgoingRegister = registers.find((r) => r.direction === 'out')!.id;
  const restrictedRegister = (
    await pool.query<{ id: number }>("INSERT INTO registers (code, name, direction, scope, restricted) VALUES ('mat', 'Sổ văn bản đến mật', 'in', 'Văn bản mật', true) RETURNING id")
  ).rows[0]!.id;
  // The restricted register's readers: one clerk and one leader, by name.
  await pool.query('INSERT INTO register_readers (register_id, user_id) VALUES ($1, $2), ($1, $3)', [restrictedRegister, people.clerks[0]!.id, people.leaders[0]!.id]);

  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => pickWith(items, random);
  const weightedTypes = DOCUMENT_TYPES.flatMap(([name, abbreviation, weight]) => Array<readonly [string, string | null]>(weight).fill([name, abbreviation]));
  const texts = documentTextGenerator(options.seed);
  const firstMs = Date.UTC(FIRST_YEAR, 0, 4);
  const spanMs = Date.now() - 86_400_000 - firstMs;
  const bySpecialistUnit = new Map<number, SeededUser[]>();
  for (const s of people.specialists) bySpecialistUnit.set(s.unitId, [...(bySpecialistUnit.get(s.unitId) ?? []), s]);
  const unitLeaderOf = new Map<number, number>();
  const { rows: tree } = await pool.query<{ id: number; parent_id: number | null }>('SELECT id, parent_id FROM units');
  for (const unit of tree) {
    const leader = people.unitLeaders.find((u) => u.unitId === (unit.parent_id ?? unit.id));
    if (leader) unitLeaderOf.set(unit.id, leader.id);
  }
  const workflow = new WorkflowSeeder({ clerks: people.clerks, leaders: people.leaders, unitLeaderOf, specialistsOf: bySpecialistUnit }, options.seed, options.count);

  const client = await pool.connect();
  try {
    // A bulk load: the trigram index is built after it, and a commit need not wait for the disk.
    await client.query('SET synchronous_commit = off');
    await client.query('DROP INDEX document_texts_words');
    let generating = 0;
    for (let start = 1; start <= options.count; start += BATCH) {
      const batch = emptyBatch();
      const genStarted = nowMs();
      for (let id = start; id < Math.min(start + BATCH, options.count + 1); id++) {
        const at = new Date(firstMs + Math.floor(((id - 1) / options.count) * spanMs) + between(random, 0, 3_600_000));
        const year = at.getUTCFullYear();
        const roll = random();
        const direction = roll < 0.7 ? 'incoming' : roll < 0.92 ? 'outgoing' : 'draft';
        const [type, abbreviation] = pick(weightedTypes);
        const topic = pick(TOPICS);
        const province = pick(PROVINCES);
        const sender = direction === 'incoming' ? (random() < 0.15 ? pick(MINISTRIES) : `${pick(SENDER_KINDS)} ${province}`) : null;
        const senderShort = sender ?? 'UBND huyện';
        const number = direction === 'draft' ? null : String(between(random, 1, 4000));
        batch.id.push(id);
        batch.direction.push(direction);
        batch.senderId.push(sender ? `000.00.${pad(between(random, 1, 99), 2)}.H${pad(between(random, 1, 63), 2)}` : null);
        batch.senderName.push(sender);
        batch.subject.push(subjectFor(type, topic, year, pick));
        batch.summary.push(summaryFor(senderShort, topic, pick));
        batch.codeNumber.push(number);
        batch.codeNotation.push(number === null ? null : abbreviation ? `${abbreviation}-UBND` : `UBND-${pick(['VP', 'VX', 'KT', 'NC', 'TH'])}`);
        batch.typeName.push(type);
        batch.promulgationDate.push(number === null ? null : at.toISOString().slice(0, 10));
        batch.signerName.push(direction === 'draft' ? null : personName(pick));
        batch.signerPosition.push(direction === 'draft' ? '' : pick(POSITIONS));
        batch.place.push(province);
        batch.priority.push(random() < 0.05 ? 1 : 0);
        // The newest arrivals still wait for the clerk.
        const newest = id > options.count - Math.max(5, options.count / 2000);
        const drawn = direction === 'incoming' ? (newest ? 'arrived' : pick(INCOMING_STATES)) : direction === 'outgoing' ? pick(OUTGOING_STATES) : 'editing';
        // An arrival's state follows its age (its workflow, bench/hub-seed-workflow.ts); drawn as before, so the documents stay the same.
        const state = direction === 'incoming' && !newest ? workflow.stateByAge(id, drawn as ArrivalState) : drawn;
        batch.state.push(state);
        batch.signingState.push(direction === 'draft' ? workflow.draftSigningState(id) : 'none');
        batch.receivedAt.push(direction === 'incoming' ? at.toISOString() : null);
        batch.createdAt.push(at.toISOString());
        const unit = pick(people.units);
        const maker = direction === 'incoming' ? null : pick(bySpecialistUnit.get(unit) ?? people.specialists);
        batch.createdBy.push(maker?.id ?? null);
        if (direction === 'incoming' && !newest) {
          // One in a hundred arrivals is confidential: entered in the restricted register and given to nobody.
          const given: ArrivalForGrants = { units: [], users: [] };
          const restricted = random() < 0.01;
          if (restricted) {
            batch.entries.push([id, restrictedRegister]);
          } else {
            batch.entries.push([id, incomingRegister]);
            if (random() < 0.75) {
              given.units.push(unit);
              if (random() < 0.1) given.units.push(pick(people.units.filter((u) => u !== unit)));
              const handlers = bySpecialistUnit.get(unit);
              if (handlers && random() < 0.3) given.users.push(pick(handlers).id);
            }
          }
          for (const u of given.units) batch.grantUnits.push([id, u]);
          for (const u of given.users) batch.grantUsers.push([id, u]);
          workflow.add({ id, at, state: state as ArrivalState, restricted, ...given });
        } else if (direction === 'outgoing') {
          if (batch.state[batch.state.length - 1] !== 'queued') batch.entries.push([id, outgoingRegister]);
          batch.grantUnits.push([id, maker!.unitId]);
        } else if (direction === 'draft') {
          // As a draft saved at a desk: given to its maker (hub/store/desk-documents.ts).
          batch.grantUsers.push([id, maker!.id]);
        }
        batch.texts.push({ documentId: id, text: texts().body });
      }
      generating += nowMs() - genStarted;
      await insertBatch(client, batch);
      await workflow.insert(client);
      await client.query('COMMIT');
    }
    await workflow.finish(client);
    log(`seed: ${options.count} documents generated in ${(generating / 1000).toFixed(1)} s (JavaScript), loaded in ${((nowMs() - started - generating) / 1000).toFixed(1)} s so far`);
    log(`seed: their workflow: ${workflow.counts.items} work items (${workflow.counts.open} open or started), ${workflow.counts.extensions} deadline extensions`);

    const numbering = nowMs();
    await client.query(`
      INSERT INTO register_entries (register_id, year, number, document_id, registered_at)
      SELECT register_id, year, row_number() OVER (PARTITION BY register_id, year ORDER BY document_id), document_id, registered_at
      FROM (SELECT s.register_id, s.document_id, d.created_at AS registered_at,
                   extract(year FROM d.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year
            FROM bench_seed_entries s JOIN documents d ON d.id = s.document_id) AS e;
      INSERT INTO register_counters (register_id, year, last_number) SELECT register_id, year, max(number) FROM register_entries GROUP BY register_id, year;
      DROP TABLE bench_seed_entries;
      SELECT setval(pg_get_serial_sequence('documents', 'id'), (SELECT max(id) FROM documents));
    `);
    log(`seed: register entries numbered per register and year in ${((nowMs() - numbering) / 1000).toFixed(1)} s`);
    const indexing = nowMs();
    await client.query("SET maintenance_work_mem = '256MB'");
    await client.query('CREATE INDEX document_texts_words ON document_texts USING gin (words gin_trgm_ops)');
    log(`seed: trigram index built in ${((nowMs() - indexing) / 1000).toFixed(1)} s`);
    const vacuuming = nowMs();
    await client.query('VACUUM ANALYZE');
    log(`seed: VACUUM ANALYZE in ${((nowMs() - vacuuming) / 1000).toFixed(1)} s`);
  } finally {
    client.release();
  }
  return { documents: options.count, ...people, restrictedRegister, seconds: (nowMs() - started) / 1000 };
}

async function insertBatch(client: pg.PoolClient, b: DocumentBatch): Promise<void> {
  await client.query('BEGIN');
  await client.query('CREATE TEMP TABLE IF NOT EXISTS bench_seed_entries (document_id integer, register_id integer)');
  await client.query(
    `INSERT INTO documents (id, direction, sender_id, sender_name, subject, summary, code_number, code_notation, type_name, promulgation_date,
       signer_name, signer_position, place, priority, state, signing_state, received_at, created_by, created_at, updated_at, origin)
     SELECT *, at, 'axis' FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
       $11::text[], $12::text[], $13::text[], $14::int[], $15::text[], $16::text[], $17::timestamptz[], $18::int[], $19::timestamptz[]) AS d (id, direction, sender_id, sender_name,
       subject, summary, code_number, code_notation, type_name, promulgation_date, signer_name, signer_position, place, priority, state, signing_state, received_at, created_by, at)`,
    [b.id, b.direction, b.senderId, b.senderName, b.subject, b.summary, b.codeNumber, b.codeNotation, b.typeName, b.promulgationDate,
      b.signerName, b.signerPosition, b.place, b.priority, b.state, b.signingState, b.receivedAt, b.createdBy, b.createdAt],
  );
  // One signed PDF per document that has left a desk (names and hashes only: the list never reads the bytes).
  await client.query(
    `INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at)
     SELECT id, 1, 'van-ban-' || id || '.pdf', 'application/pdf', 150000 + id % 90000, encode(sha256(int4send(id)), 'hex'), created_at
     FROM documents WHERE id BETWEEN $1 AND $2 AND direction <> 'draft'`,
    [b.id[0], b.id[b.id.length - 1]],
  );
  await client.query('INSERT INTO bench_seed_entries SELECT * FROM unnest($1::int[], $2::int[])', [b.entries.map((e) => e[0]), b.entries.map((e) => e[1])]);
  await client.query('INSERT INTO document_grants (document_id, unit_id, granted_at) SELECT g.document_id, g.unit_id, d.created_at FROM unnest($1::int[], $2::int[]) AS g (document_id, unit_id) JOIN documents d ON d.id = g.document_id', [
    b.grantUnits.map((g) => g[0]),
    b.grantUnits.map((g) => g[1]),
  ]);
  await client.query('INSERT INTO document_grants (document_id, user_id, granted_at) SELECT g.document_id, g.user_id, d.created_at FROM unnest($1::int[], $2::int[]) AS g (document_id, user_id) JOIN documents d ON d.id = g.document_id', [
    b.grantUsers.map((g) => g[0]),
    b.grantUsers.map((g) => g[1]),
  ]);
  // The search rows as the hub makes them once a document's files are read (content-search.ts).
  await indexDocumentTexts(client, b.texts);
  // Their files read, as recordFilesRead notes it.
  await client.query('UPDATE document_texts SET files_read_at = indexed_at WHERE document_id BETWEEN $1 AND $2', [b.id[0], b.id[b.id.length - 1]]);
}

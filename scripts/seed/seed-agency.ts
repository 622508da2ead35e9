/**
 * The demo agency (`npm run seed -- agency`): a Sở with its units, 30 people in every role and N
 * documents in every state of their handling, written into an empty hub so a new user signs in
 * to a living agency. Each document's story is played through the hub itself: arrivals enter as
 * the exchange writes them, and every step a desk can take (accept, present, assign, pass on,
 * progress, extension, done, return, settle, draft save, number) goes through the hub's own
 * command path (CommandApplier) as the person who takes it, at the time it happened. So work
 * items, timeline, audit chain, register numbers, status packages and the change feed are what
 * the hub writes. The signing steps a desk makes with a token (trình ký, the leader's and the
 * agency's signatures) and the send need real signed PDFs and an axis; the seed moves those
 * drafts on through the store functions the hub's own steps use, with the same audit words.
 *
 * Deadlines are set by the hub's working-day calendar around the day the seed runs, so some work
 * is overdue and some due soon that day. Everything is drawn from one seeded PRNG: the same seed
 * on the same day gives the same agency.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Role } from '../../shared/hub/accounts.js';
import { deskCommand, type CommandOutcome, type DeskCommand } from '../../shared/hub/commands.js';
import type { WorkingCalendar } from '../../shared/domain/working-days.js';
import { vietnamDate } from '../../shared/text/vietnam-time.js';
import { offlineRevocationChecker } from '../../electron/core/verification/revocation.js';
import { Administration } from '../../hub/accounts/administration.js';
import type { FileBlobStore } from '../../hub/blobs/blob-store.js';
import { CommandApplier } from '../../hub/commands/apply-command.js';
import { appendAudit } from '../../hub/store/audit.js';
import { loadWorkingCalendar } from '../../hub/store/calendar-days.js';
import { inTransaction } from '../../hub/store/database.js';
import { agencyContents } from '../../hub/store/demo-agency.js';
import { moveSigningState } from '../../hub/store/desk-documents.js';
import { recordDocumentChanges } from '../../hub/store/document-access.js';
import { exchangeTransaction, noDocumentsChanged, postgresExchangeStore } from '../../hub/store/postgres-exchange-store.js';
import { insertSession, type SessionHolder } from '../../hub/store/sessions.js';
import { between, DEMO_AGENCIES, mulberry32, pad, pick as pickWith } from '../../axis/directory.js';
import { MINISTRIES, PROVINCES, SENDER_KINDS } from '../../bench/hub-seed.js';
import { writeHistory, type HistoryArrival, type HistorySent } from './agency-history.js';
import { DOCUMENT_TYPES, subjectFor, summaryFor, TOPICS } from './phrasing.js';

/** The password of every demo account, printed at the end of the seed. */
export const DEMO_PASSWORD = 'vanthu-demo-2026';
/** The Sở of the demo axis's directory (axis/directory.ts), so a hub given the demo axis as its axis is this agency there. */
const SELF = DEMO_AGENCIES.find((agency) => agency.code === '000.00.12.H41')!;
/** The agency's code on the axis, in its status packages and sent documents. */
export const DEMO_AGENCY_CODE = SELF.code;
export const DEMO_AGENCY_NAME = SELF.name;
const ACTOR = 'seed';

interface UnitSpec {
  code: string;
  name: string;
  /** Unit leaders (trưởng, phó), then specialists: [username, display name]. */
  heads: [string, string][];
  specialists: [string, string][];
}

/** The Sở's units under it: its leaders, its office (where the clerks work) and four professional units. */
const DEPARTMENTS: UnitSpec[] = [
  { code: 'VP', name: 'Văn phòng Sở', heads: [['chanhvanphong', 'Lê Thị Thu Hà']], specialists: [['cv.vp1', 'Phan Minh Tuấn'], ['cv.vp2', 'Đỗ Thị Ngọc Lan']] },
  {
    code: 'TCBC',
    name: 'Phòng Tổ chức - Biên chế',
    heads: [['tp.tcbc', 'Nguyễn Hữu Dũng'], ['pp.tcbc', 'Trần Thị Mai']],
    specialists: [['cv.tcbc1', 'Võ Thanh Sơn'], ['cv.tcbc2', 'Huỳnh Thị Hương'], ['cv.tcbc3', 'Bùi Quang Long'], ['cv.tcbc4', 'Ngô Thị Thảo']],
  },
  {
    code: 'XDCQ',
    name: 'Phòng Xây dựng chính quyền và Công tác thanh niên',
    heads: [['tp.xdcq', 'Phạm Văn Hùng'], ['pp.xdcq', 'Dương Thị Linh']],
    specialists: [['cv.xdcq1', 'Hồ Đức Nam'], ['cv.xdcq2', 'Lý Thị Phương'], ['cv.xdcq3', 'Vũ Minh Hải']],
  },
  {
    code: 'CCHC',
    name: 'Phòng Cải cách hành chính',
    heads: [['tp.cchc', 'Đặng Xuân Bình'], ['pp.cchc', 'Trần Ngọc Anh']],
    specialists: [['cv.cchc1', 'Nguyễn Thị Bích Ngọc'], ['cv.cchc2', 'Lê Văn Cường'], ['cv.cchc3', 'Phạm Thu Trang']],
  },
  {
    code: 'TTR',
    name: 'Thanh tra Sở',
    heads: [['chanhthanhtra', 'Hoàng Văn Thắng'], ['phochanhthanhtra', 'Võ Thị Kim Yến']],
    specialists: [['cv.ttr1', 'Trương Công Định'], ['cv.ttr2', 'Đinh Thị Hồng Nhung'], ['cv.ttr3', 'Mai Văn Tài']],
  },
];
const LEADERS: [string, string, string][] = [
  ['giamdoc', 'Nguyễn Văn Thành', 'Giám đốc'],
  ['phogiamdoc1', 'Trần Thị Hồng Vân', 'Phó Giám đốc'],
  ['phogiamdoc2', 'Lê Quang Minh', 'Phó Giám đốc'],
];
const CLERKS: [string, string][] = [
  ['vanthu', 'Phạm Thị Thanh Huyền'],
  ['vanthu2', 'Nguyễn Thị Kim Oanh'],
];
const ADMIN: [string, string] = ['quantri', 'Trần Đức Quản'];

export interface DemoPerson extends SessionHolder {
  displayName: string;
}

interface DemoUnit {
  id: number;
  code: string;
  name: string;
  heads: DemoPerson[];
  specialists: DemoPerson[];
}

export interface DemoAgency {
  units: DemoUnit[];
  people: DemoPerson[];
  clerks: DemoPerson[];
  leaders: DemoPerson[];
  admin: DemoPerson;
  documents: number;
  /** How many documents each story left in its state. */
  stories: Record<Story, number>;
  commands: number;
  seconds: number;
}

/** Where a document's story stops: every state a desk shows. */
const STORIES = {
  // Arrivals.
  arrived: 2, // not registered yet
  accepted: 3, // registered, not presented
  presented: 5, // waiting for the leader's instruction
  assigned: 6, // at the unit in charge
  passed: 7, // at the specialist
  started: 7, // the specialist works on it
  extensionAsked: 1, // he asked for more time
  extended: 1, // and was given it
  done: 40,
  settled: 3, // the leader settled it himself (lưu)
  returnedAtOnce: 1, // sent back by the clerk before registering
  returned: 2, // sent back by the leader
  // Drafts and what they became.
  editing: 3,
  submitted: 2,
  leaderSigned: 2,
  numbered: 2,
  sent: 13,
} as const;
export type Story = keyof typeof STORIES;
const STORY_NAMES = Object.keys(STORIES) as Story[];
/** Open work whose deadline stands, on the seed's day: late, due today or next working day, or later. */
type Standing = 'overdue' | 'dueSoon' | 'onTrack';
/**
 * The share of the documents played through the hub's commands: the open work and drafts of the
 * last weeks and a slice of what was finished then. The rest is the finished history of the months
 * before, written in bulk (agency-history.ts); a command takes tens of milliseconds.
 */
const LIVE_SHARE = 0.08;
/** Working days back the commands' stories begin within; the history ends before. */
const LIVE_DAYS = 25;
const HISTORY_FROM = LIVE_DAYS + 20;
const OPEN_WORK: readonly Story[] = ['assigned', 'passed', 'started', 'extensionAsked', 'extended'];
/** How the first of each open story stands, so a small seed still shows work overdue and due soon. */
const FIRST_STANDING: Partial<Record<Story, Standing>> = { assigned: 'dueSoon', passed: 'overdue', started: 'overdue', extensionAsked: 'onTrack', extended: 'overdue' };

export interface SeedAgencyOptions {
  documents: number;
  seed: number;
  onProgress?: (line: string) => void;
}

/** A step of a story, played at `at` in the order of all stories' steps. */
interface Step {
  at: number;
  order: number;
  run: (at: Date) => Promise<void>;
}

/** Fills the empty hub on `pool`; refuses one that holds units, users or documents. */
export async function seedAgency(runtime: { pool: pg.Pool; blobs: FileBlobStore }, options: SeedAgencyOptions): Promise<DemoAgency> {
  const started = performance.now();
  const { pool, blobs } = runtime;
  const contents = await agencyContents(pool);
  if (contents.units + contents.users + contents.documents > 0) {
    throw new Error(
      `This hub is not empty (${contents.units} unit(s), ${contents.users} user(s), ${contents.documents} document(s)): the demo agency is seeded into a new hub only. ` +
        'Use another --hub-data folder, or an empty database in DATABASE_URL.',
    );
  }
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => pickWith(items, random);
  const agency = await makeAgency(pool);
  const calendar = await loadWorkingCalendar(pool);
  const today = vietnamDate(new Date());
  const applier = new CommandApplier(pool, { blobs, agencyCode: () => DEMO_AGENCY_CODE, trustAnchors: () => [], revocation: offlineRevocationChecker });
  let commands = 0;
  const send = async <K extends DeskCommand['kind']>(who: SessionHolder, kind: K, payload: object, at: Date): Promise<Record<string, unknown>> => {
    const command = deskCommand.parse({ id: uuid(random, at), kind, payload }) as DeskCommand;
    const outcome: CommandOutcome = await applier.apply(who, command, at);
    commands++;
    if (outcome.state !== 'applied') throw new Error(`The seed's ${kind} by ${who.username} was refused (${outcome.reason}): ${outcome.message}`);
    return outcome.result;
  };
  /** A step the hub's commands do not take (a token signature, the send): store functions, its audit row and the change feed, in one transaction. */
  const storeStep = (documentId: number, at: Date, work: (client: pg.PoolClient, exchange: ReturnType<typeof exchangeTransaction>) => Promise<void>) =>
    inTransaction(pool, async (client) => {
      const changed = noDocumentsChanged();
      await work(client, exchangeTransaction(client, changed));
      changed.ids.add(documentId);
      await recordDocumentChanges(client, changed.ids, changed.readersBefore);
    });
  const exchange = postgresExchangeStore(pool);
  // The placeholder package the demo's sent documents name: no axis takes them.
  const demoPackage = (await blobs.put(new TextEncoder().encode(`${DEMO_AGENCY_NAME}: a demo document package, never sent over an axis.\n`))).sha256;

  const counts = Object.fromEntries(STORY_NAMES.map((story) => [story, 0])) as Record<Story, number>;
  const weighted = STORY_NAMES.flatMap((story) => Array<Story>(STORIES[story]).fill(story));
  const types = DOCUMENT_TYPES.flatMap(([name, abbreviation, weight]) => Array<readonly [string, string | null]>(weight).fill([name, abbreviation]));
  const lastDay = calendar.addWorkingDays(today, -1);
  // About forty finished documents a working day, as a Sở of this size handles.
  const historyDays = Math.max(15, Math.min(250, Math.ceil(options.documents / 40)));
  const steps: Step[] = [];
  let order = 0;
  const live = Math.min(options.documents, Math.max(STORY_NAMES.length, Math.round(options.documents * LIVE_SHARE)));
  const registers = { in: (await exchange.read.registerForNumbering('in'))!, out: (await exchange.read.registerForNumbering('out'))! };
  const history: (HistoryArrival | HistorySent)[] = [];
  for (let n = live; n < options.documents; n++) {
    const [type, abbreviation] = pick(types);
    const topic = pick(TOPICS);
    const clock = new StoryClock(calendar, calendar.addWorkingDays(lastDay, -between(random, HISTORY_FROM, HISTORY_FROM + historyDays)), lastDay, random);
    const times = (gapDays: number) => clock.next(gapDays);
    const year = Number(clock.day.slice(0, 4));
    if (random() < 0.22) {
      counts.sent++;
      const signer = pick(LEADERS);
      const unitCode = pick(agency.units.slice(1)).code;
      history.push({
        kind: 'sent', subject: subjectFor(type, topic, year, pick), summary: summaryFor('Sở Nội vụ', topic, pick), typeName: type, codeNotation: abbreviation ? `${abbreviation}-SNV` : `SNV-${unitCode}`,
        signer, toPlaces: ['Như trên;', 'Giám đốc Sở (để b/c);', `Lưu: VT, ${unitCode}.`], recipients: [...new Set([pick(RECIPIENTS), pick(RECIPIENTS)])], times,
      });
    } else {
      counts.done++;
      const senderName = random() < 0.2 ? pick(MINISTRIES) : `${pick(SENDER_KINDS)} ${pick(PROVINCES)}`;
      const senderId = `000.00.${pad(between(random, 1, 99), 2)}.H${pad(between(random, 1, 63), 2)}`;
      history.push({ kind: 'arrival', subject: subjectFor(type, topic, year, pick), typeName: type, senderId, senderName, edxmlNumber: `${n + 1}/${abbreviation ?? 'CV'}`, times });
    }
  }
  const written = await writeHistory(pool, { calendar, random, pick, units: agency.units, leaders: agency.leaders, clerks: agency.clerks, registers, agencyCode: DEMO_AGENCY_CODE, demoPackage, uuid: (at) => uuid(random, at) }, history);
  options.onProgress?.(`${written} finished documents written in bulk (${((performance.now() - started) / 1000).toFixed(1)} s); now ${live} played through the hub's commands`);

  for (let n = 0; n < live; n++) {
    // The first documents take each story once, so a small seed still shows every state.
    const story = n < STORY_NAMES.length ? STORY_NAMES[n]! : pick(weighted);
    counts[story]++;
    const [type, abbreviation] = pick(types);
    const topic = pick(TOPICS);
    const unit = pick(agency.units.slice(1));
    const specialist = pick(unit.specialists);
    const head = pick(unit.heads);
    const leader = pick(agency.leaders);
    const clerk = pick(agency.clerks);
    const standing: Standing = n < STORY_NAMES.length ? (FIRST_STANDING[story] ?? 'onTrack') : pick(['overdue', 'overdue', 'dueSoon', 'onTrack', 'onTrack']);
    const clock = new StoryClock(calendar, startDay(story, standing, calendar, lastDay, today, random), lastDay, random);
    const at = (gapDays = 0) => clock.next(gapDays);
    const play = (when: number, run: Step['run']) => steps.push({ at: when, order: order++, run });
    const year = Number(today.slice(0, 4));

    if (['editing', 'submitted', 'leaderSigned', 'numbered', 'sent'].includes(story)) {
      let documentId = 0;
      const signer = pick(LEADERS);
      const notation = abbreviation ? `${abbreviation}-SNV` : `SNV-${unit.code}`;
      play(at(), async (when) => {
        const fields = { subject: subjectFor(type, topic, year, pick), summary: summaryFor('Sở Nội vụ', topic, pick), typeName: type, codeNotation: notation, signerFullName: signer[1], signerPosition: signer[2], place: 'Nghệ An', toPlaces: ['Như trên;', 'Giám đốc Sở (để b/c);', `Lưu: VT, ${unit.code}.`] };
        documentId = (await send(specialist, 'draft.save', { documentId: null, clientKey: uuid(random, when), fields }, when)).documentId as number;
      });
      if (story === 'editing') continue;
      play(at(between(random, 0, 2)), (when) =>
        storeStep(documentId, when, async (client) => {
          await moveSigningState(client, documentId, ['none'], 'awaiting_leader', when);
          await appendAudit(client, { actor: specialist.username, action: 'document.sign.submit', subject: `document:${documentId}`, details: { to: signer[0] } }, when);
        }),
      );
      if (story === 'submitted') continue;
      const signedBy = agency.leaders.find((person) => person.username === signer[0])!;
      play(at(between(random, 0, 2)), (when) =>
        storeStep(documentId, when, async (client) => {
          await moveSigningState(client, documentId, ['awaiting_leader'], 'leader_signed', when);
          await appendAudit(client, { actor: signedBy.username, action: 'document.sign.leader', subject: `document:${documentId}`, details: { signer: signer[1] } }, when);
        }),
      );
      if (story === 'leaderSigned') continue;
      const issued = { on: '', number: '' };
      play(at(between(random, 0, 1)), async (when) => {
        const result = await send(clerk, 'draft.number', { documentId }, when);
        [issued.on, issued.number] = [result.promulgationDate as string, result.number as string];
      });
      if (story === 'numbered') continue;
      const recipients = [...new Set([pick(RECIPIENTS), pick(RECIPIENTS)])];
      play(at(), (when) =>
        storeStep(documentId, when, async (client, tx) => {
          const iso = when.toISOString();
          await moveSigningState(client, documentId, ['numbered'], 'agency_signed', when);
          await appendAudit(client, { actor: clerk.username, action: 'document.sign.agency', subject: `document:${documentId}`, details: {} }, when);
          const edxmlDocumentId = `${DEMO_AGENCY_CODE},${issued.on.replaceAll('-', '/')},${issued.number}/${notation}`;
          if (!(await tx.queueDraftForSending(documentId, { edxmlDocumentId, promulgationDate: issued.on, senderId: DEMO_AGENCY_CODE, packageSha256: demoPackage }, iso))) throw new Error(`Draft ${documentId} was not sendable.`);
          // Delivered as the axis trace would say (there is no axis to ask), so the exchange does not trace them.
          await tx.insertRecipients(documentId, recipients, 'arrived', iso);
          await tx.markDocumentSent(documentId, `demo:${edxmlDocumentId}`, iso);
          await appendAudit(client, { actor: clerk.username, action: 'document.send', subject: `document:${documentId}`, details: { documentId: edxmlDocumentId, recipients, package: demoPackage } }, when);
        }),
      );
      continue;
    }

    // An arrival from another agency.
    let documentId = 0;
    const sender = random() < 0.2 ? pick(MINISTRIES) : `${pick(SENDER_KINDS)} ${pick(PROVINCES)}`;
    const senderId = `000.00.${pad(between(random, 1, 99), 2)}.H${pad(between(random, 1, 63), 2)}`;
    const subject = subjectFor(type, topic, year, pick);
    play(at(), async (when) => {
      const iso = when.toISOString();
      const edxmlDocumentId = `${senderId},${vietnamDate(when).replaceAll('-', '/')},${n + 1}/${abbreviation ?? 'CV'}`;
      documentId = await exchange.write((tx) => tx.insertReceived({ subject, senderId, senderName: sender, edxmlDocumentId, receivedAt: iso }, iso));
    });
    if (story === 'arrived') continue;
    if (story === 'returnedAtOnce') {
      play(at(), async (when) => void (await send(clerk, 'arrival.return', { documentId, reason: 'Văn bản gửi nhầm cơ quan, không thuộc thẩm quyền giải quyết của Sở Nội vụ.' }, when)));
      continue;
    }
    play(at(), async (when) => void (await send(clerk, 'arrival.accept', { documentId }, when)));
    if (story === 'accepted') continue;
    play(at(between(random, 0, 1)), async (when) => void (await send(clerk, 'arrival.present', { documentId, leaderId: leader.userId, suggestion: `Kính trình ${leaderTitle(leader)} xem xét, đề nghị giao ${unit.name} chủ trì tham mưu.` }, when)));
    if (story === 'presented') continue;
    if (story === 'returned') {
      play(at(between(random, 0, 2)), async (when) => void (await send(leader, 'arrival.return', { documentId, reason: 'Đề nghị cơ quan gửi bổ sung hồ sơ, tài liệu kèm theo trước khi Sở xem xét.' }, when)));
      continue;
    }
    if (story === 'settled') {
      play(at(between(random, 0, 2)), async (when) => void (await send(leader, 'arrival.assign', { documentId, instruction: 'Lưu hồ sơ, để biết.', lead: null, inform: [{ unitId: unit.id }] }, when)));
      continue;
    }

    // Assigned with a deadline: to the unit in charge (its heads pass it on), now and then to a person.
    const assignDay = clock.day;
    const deadline = deadlineFor(story, standing, calendar, assignDay, lastDay, today, random);
    // An extension is approved within the deadline of the item above: an item passed on keeps its unit's, so the extended ones were given to a person.
    const toPerson = story === 'extended' || random() < 0.15;
    const others = agency.units.slice(1).filter((other) => other.id !== unit.id);
    const cooperating = random() < 0.3 ? pick(others) : null;
    const informed = random() < 0.25 ? agency.units[0]! : null;
    const items: { lead: number; cooperate: number | null; inform: number | null; mine: number } = { lead: 0, cooperate: null, inform: null, mine: 0 };
    play(at(), async (when) => {
      const payload = {
        documentId,
        instruction: `Giao ${toPerson ? specialist.displayName : unit.name} chủ trì${cooperating ? `, phối hợp với ${cooperating.name}` : ''} tham mưu xử lý; báo cáo kết quả trước hạn.`,
        lead: toPerson ? { userId: specialist.userId } : { unitId: unit.id },
        cooperate: cooperating ? [{ unitId: cooperating.id }] : [],
        inform: informed ? [{ unitId: informed.id }] : [],
        deadline,
      };
      const ids = (await send(leader, 'arrival.assign', payload, when)).items as number[];
      items.lead = ids[0]!;
      items.mine = ids[0]!;
      if (cooperating) items.cooperate = ids[1]!;
      if (informed) items.inform = ids[cooperating ? 2 : 1]!;
    });
    if (informed && random() < 0.5) {
      const reader = pick(informed.heads);
      play(at(), async (when) => void (await send(reader, 'assignment.done', { documentId, itemId: items.inform!, note: 'Đã đọc.' }, when)));
    }
    if (story === 'assigned') continue;
    if (!toPerson) {
      play(at(between(random, 0, 1)), async (when) => {
        const note = `Giao đồng chí ${specialist.displayName} nghiên cứu, tham mưu.`;
        items.mine = (await send(head, 'assignment.pass', { documentId, itemId: items.lead, userId: specialist.userId, note }, when)).itemId as number;
      });
    }
    if (story === 'passed') continue;
    play(at(between(random, 0, 2)), async (when) => void (await send(specialist, 'assignment.progress', { documentId, itemId: items.mine, note: 'Đang tổng hợp ý kiến, dự thảo văn bản trả lời.' }, when)));
    if (cooperating && random() < 0.6) {
      const helper = pick(cooperating.heads);
      play(at(between(random, 0, 2)), async (when) => void (await send(helper, 'assignment.done', { documentId, itemId: items.cooperate!, note: 'Đã có ý kiến phối hợp bằng văn bản.' }, when)));
    }
    if (story === 'extensionAsked' || story === 'extended') {
      const asked = calendar.addWorkingDays(deadline, between(random, 3, 7));
      const extension = { id: 0 };
      play(at(), async (when) => {
        const reason = 'Cần thêm thời gian lấy ý kiến các đơn vị liên quan.';
        extension.id = (await send(specialist, 'assignment.askExtension', { documentId, itemId: items.mine, reason, deadline: asked }, when)).extensionId as number;
      });
      if (story === 'extended') {
        // Who gave the work decides: the head who passed it on, or the leader who assigned it to the person.
        const judge = toPerson ? leader : head;
        play(at(), async (when) => void (await send(judge, 'assignment.decideExtension', { documentId, itemId: items.mine, extensionId: extension.id, decision: 'approve', note: 'Đồng ý gia hạn.' }, when)));
      }
      continue;
    }
    if (story === 'started') continue;
    play(at(between(random, 1, 12)), async (when) => void (await send(specialist, 'assignment.done', { documentId, itemId: items.mine, note: 'Đã hoàn thành, văn bản trả lời đã phát hành.' }, when)));
  }

  // Every story's steps in the order they happened, as the hub saw them.
  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const [index, step] of steps.entries()) {
    await step.run(new Date(step.at));
    if ((index + 1) % 1000 === 0) options.onProgress?.(`${index + 1} of ${steps.length} steps (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  return { ...agency, documents: options.documents, stories: counts, commands, seconds: (performance.now() - started) / 1000 };
}

/** The other agencies of the demo axis, and a few more of the province. */
const RECIPIENTS = [...DEMO_AGENCIES.filter((agency) => agency !== SELF).map((agency) => agency.code), '000.00.11.H41', '000.00.13.H41', '000.00.15.H41', '000.00.20.H41'];

const leaderTitle = (leader: DemoPerson) => (LEADERS.find(([username]) => username === leader.username)?.[2] ?? 'Lãnh đạo Sở');

/** An id as a desk makes one (a version 7 UUID: the time in milliseconds, then random bits), the bits drawn from the seed's PRNG. */
function uuid(random: () => number, at: Date): string {
  const hex = [...at.getTime().toString(16).padStart(12, '0'), ...Array.from({ length: 20 }, () => Math.floor(random() * 16).toString(16))];
  hex[12] = '7';
  hex[16] = '89ab'[Math.floor(random() * 4)]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** The day a story begins: finished work over the last months, open work and drafts in the last days or weeks. */
function startDay(story: Story, standing: Standing, calendar: WorkingCalendar, lastDay: string, today: string, random: () => number): string {
  if (OPEN_WORK.includes(story)) {
    // Received two or three days before it was assigned; see deadlineFor for the assignment day.
    return calendar.addWorkingDays(assignmentDay(standing, calendar, today, random), -between(random, 1, 3));
  }
  if (['arrived', 'accepted', 'presented', 'editing', 'submitted', 'leaderSigned', 'numbered'].includes(story)) return calendar.addWorkingDays(lastDay, -between(random, 0, 4));
  return calendar.addWorkingDays(lastDay, -between(random, 8, LIVE_DAYS));
}

/** Open work was assigned so that its deadline stands as drawn on the seed's day. */
function assignmentDay(standing: Standing, calendar: WorkingCalendar, today: string, random: () => number): string {
  return calendar.addWorkingDays(today, -(standing === 'overdue' ? between(random, 10, 20) : standing === 'dueSoon' ? between(random, 5, 9) : between(random, 2, 5)));
}

/** The deadline the leader set: for open work, one that stands as drawn today; for finished work, five to fifteen working days on. */
function deadlineFor(story: Story, standing: Standing, calendar: WorkingCalendar, assignDay: string, lastDay: string, today: string, random: () => number): string {
  if (!OPEN_WORK.includes(story)) return calendar.addWorkingDays(assignDay, between(random, 5, 15));
  if (standing === 'overdue') return calendar.addWorkingDays(today, -between(random, 1, 6));
  if (standing === 'dueSoon') return random() < 0.5 ? calendar.workingDayOnOrAfter(today) : calendar.nextWorkingDay(today);
  return calendar.addWorkingDays(lastDay, between(random, 4, 12));
}

/** The times of one story's steps: working days, office hours, each after the one before and none after the last working day before the seed's. */
class StoryClock {
  private minute: number;
  private last = 0;
  day: string;

  constructor(
    private readonly calendar: WorkingCalendar,
    day: string,
    private readonly lastDay: string,
    private readonly random: () => number,
  ) {
    this.day = day > lastDay ? lastDay : day;
    this.minute = between(random, 7 * 60 + 30, 10 * 60);
  }

  next(gapDays: number): number {
    if (gapDays > 0) {
      this.day = this.calendar.addWorkingDays(this.day, gapDays);
      this.minute = between(this.random, 7 * 60 + 30, 11 * 60);
    } else this.minute += between(this.random, 5, 60);
    if (this.minute > 16 * 60 + 30 && this.day < this.lastDay) {
      this.day = this.calendar.nextWorkingDay(this.day);
      this.minute = between(this.random, 7 * 60 + 30, 9 * 60);
    }
    // The seed plays no step on or after its own day: the last ones crowd into the evening before.
    if (this.day > this.lastDay) {
      this.day = this.lastDay;
      this.minute = Math.max(this.minute, 17 * 60);
    }
    this.minute = Math.min(this.minute, 23 * 60 + 59);
    const at = Date.parse(`${this.day}T${pad(Math.floor(this.minute / 60), 2)}:${pad(this.minute % 60, 2)}:00+07:00`) + between(this.random, 0, 59_999);
    // Each step after the one before, even those crowded into the last minute.
    this.last = Math.max(at, this.last + 1000);
    return this.last;
  }
}

/** The units and people, through the hub's Administration; a session each, expired at once, that their steps are taken in. */
async function makeAgency(pool: pg.Pool): Promise<Omit<DemoAgency, 'documents' | 'stories' | 'commands' | 'seconds'>> {
  const administration = new Administration(pool);
  const people: DemoPerson[] = [];
  const person = async (username: string, displayName: string, unitId: number, roles: Role[]): Promise<DemoPerson> => {
    const user = await administration.createUser(ACTOR, { username, displayName, unitId, roles });
    const sessionId = await insertSession(pool, {
      tokenHash: randomBytes(32),
      userId: user.id,
      method: 'password',
      certificateSha256: null,
      expiresAt: new Date(),
      address: '127.0.0.1',
      userAgent: 'VanThu demo agency seed',
    });
    const made = { sessionId, userId: user.id, username, unitId, roles, refusal: null, displayName };
    people.push(made);
    return made;
  };
  const root = await administration.createUnit(ACTOR, { code: 'SNV', name: DEMO_AGENCY_NAME, parentId: null });
  const board = await administration.createUnit(ACTOR, { code: 'BLD', name: 'Ban Lãnh đạo Sở', parentId: root.id });
  const units: DemoUnit[] = [];
  for (const spec of DEPARTMENTS) {
    const unit = await administration.createUnit(ACTOR, { code: spec.code, name: spec.name, parentId: root.id });
    units.push({ id: unit.id, code: unit.code, name: unit.name, heads: [], specialists: [] });
  }
  const office = units[0]!;
  const leaders: DemoPerson[] = [];
  for (const [username, displayName] of LEADERS) leaders.push(await person(username, displayName, board.id, ['leader']));
  const clerks: DemoPerson[] = [];
  for (const [username, displayName] of CLERKS) clerks.push(await person(username, displayName, office.id, ['clerk']));
  const admin = await person(ADMIN[0], ADMIN[1], office.id, ['admin']);
  for (const [index, spec] of DEPARTMENTS.entries()) {
    const unit = units[index]!;
    for (const [username, displayName] of spec.heads) unit.heads.push(await person(username, displayName, unit.id, ['unit_leader']));
    for (const [username, displayName] of spec.specialists) unit.specialists.push(await person(username, displayName, unit.id, ['specialist']));
  }
  // The password hashes (scrypt, made costly on purpose) a few side by side, after the accounts are made in order;
  // not all at once, which would fill libuv's threads and leave none to open a connection with.
  for (let start = 0; start < people.length; start += 3) {
    await Promise.all(people.slice(start, start + 3).map((made) => administration.setPassword(ACTOR, made.userId, DEMO_PASSWORD)));
  }
  return { units, people, clerks, leaders, admin };
}

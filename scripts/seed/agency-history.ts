/**
 * The demo agency's finished history, written in bulk (hub/store/demo-agency.ts): arrivals handled
 * to the end and documents sent, months before the work the seed plays through the hub's commands
 * (seed-agency.ts). Thousands of documents through the command path would take the better part of
 * an hour; these rows are the ones those commands write, step by step: the register entry and
 * its number, the statuses told to the sender (03 to 06), the leader's decide item, the unit's
 * item passed on to a specialist, co-operating and informed units, grants, the timeline steps, and
 * each step's audit record with the ids it names, chained in the order the steps happened.
 */
import type pg from 'pg';
import type { AuditEntry } from '../../electron/core/store/audit-chain.js';
import type { WorkingCalendar } from '../../shared/domain/working-days.js';
import { formatDocumentNumber } from '../../shared/text/display-formats.js';
import { vietnamDate, vietnamYear } from '../../shared/text/vietnam-time.js';
import type { RegisterRef } from '../../electron/core/store/exchange-store.js';
import { appendAudits, type TimedAuditEntry } from '../../hub/store/audit.js';
import { inTransaction } from '../../hub/store/database.js';
import { catchUpRegisterCounters, insertHistory, type HistoryRecord } from '../../hub/store/demo-agency.js';
import { between } from '../../axis/directory.js';

export interface HistoryPerson {
  userId: number;
  username: string;
  unitId: number;
}

export interface HistoryUnit {
  id: number;
  code: string;
  name: string;
  heads: HistoryPerson[];
  specialists: HistoryPerson[];
}

/** What one finished document needs from the seed: its words, people and times are drawn there. */
export interface HistoryContext {
  calendar: WorkingCalendar;
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  /** The office (informed), then the professional units. */
  units: HistoryUnit[];
  leaders: HistoryPerson[];
  clerks: HistoryPerson[];
  registers: { in: RegisterRef; out: RegisterRef };
  agencyCode: string;
  demoPackage: string;
  uuid: (at: Date) => string;
}

export interface HistoryArrival {
  kind: 'arrival';
  subject: string;
  typeName: string;
  senderId: string;
  senderName: string;
  edxmlNumber: string;
  /** The clock that times its steps: each `gapDays` working days after the one before (0: later that day). */
  times: (gapDays: number) => number;
}

export interface HistorySent {
  kind: 'sent';
  subject: string;
  summary: string;
  typeName: string;
  codeNotation: string;
  signer: [string, string, string];
  toPlaces: string[];
  recipients: string[];
  times: (gapDays: number) => number;
}

type Pending = (ids: Ids) => TimedAuditEntry[];
interface Ids {
  document: number;
  items: number[];
  steps: number[];
}

/** One document's rows, keyed for the ids they will take. */
interface Built {
  document: HistoryRecord<'documents'>;
  /** By generation: an item names its parent by index in the generation above. */
  items: (HistoryRecord<'work_items'> & { parent?: number })[][];
  steps: (HistoryRecord<'workflow_steps'> & { item: [number, number] | null })[];
  register: { register: RegisterRef; at: Date } | null;
  grants: HistoryRecord<'document_grants'>[];
  statuses: HistoryRecord<'status_events'>[];
  recipients: HistoryRecord<'recipient_statuses'>[];
  audit: Pending;
  /** Its number in the register, once counted (arrivals: the arrival number; sent: the document number). */
  number?: number;
}

const iso = (at: number) => new Date(at).toISOString();
const audit = (at: number, entry: AuditEntry): TimedAuditEntry => ({ entry, at: new Date(at) });

/** Writes the finished documents in one transaction, oldest first; returns how many. */
export async function writeHistory(pool: pg.Pool, context: HistoryContext, documents: readonly (HistoryArrival | HistorySent)[]): Promise<number> {
  const built = documents.map((document) => (document.kind === 'arrival' ? arrival(context, document) : sent(context, document)));
  built.sort((a, b) => Date.parse(String(a.document.created_at)) - Date.parse(String(b.document.created_at)));
  // Numbers in each register and year in the order the documents were entered, as the counters give them.
  const counters = new Map<string, number>();
  for (const entry of built.filter((b) => b.register).sort((a, b) => a.register!.at.getTime() - b.register!.at.getTime())) {
    const key = `${entry.register!.register.id}:${vietnamYear(entry.register!.at)}`;
    entry.number = (counters.get(key) ?? 0) + 1;
    counters.set(key, entry.number);
    if (entry.document.direction === 'incoming') entry.document.arrival_number = entry.number;
    else {
      entry.document.code_number = formatDocumentNumber(entry.number);
      entry.document.edxml_document_id = `${context.agencyCode},${String(entry.document.promulgation_date).replaceAll('-', '/')},${entry.document.code_number}/${entry.document.code_notation}`;
    }
  }
  await inTransaction(pool, async (client) => {
    const audits: TimedAuditEntry[] = [];
    for (let start = 0; start < built.length; start += 1000) {
      const batch = built.slice(start, start + 1000);
      const documentIds = await insertHistory(client, 'documents', batch.map((b) => b.document));
      const itemIds: number[][][] = batch.map(() => []);
      for (let generation = 0; generation < 3; generation++) {
        const rows = batch.flatMap((b, n) => (b.items[generation] ?? []).map(({ parent, ...item }) => ({ ...item, document_id: documentIds[n], parent_id: parent === undefined ? null : itemIds[n]![generation - 1]![parent] })));
        const ids = await insertHistory(client, 'work_items', rows);
        let at = 0;
        for (const [n, b] of batch.entries()) itemIds[n]![generation] = ids.slice(at, (at += (b.items[generation] ?? []).length));
      }
      const itemOf = (n: number, key: [number, number] | null) => (key === null ? null : itemIds[n]![key[0]]![key[1]]!);
      const stepIds = await insertHistory(
        client,
        'workflow_steps',
        batch.flatMap((b, n) => b.steps.map(({ item, ...step }) => ({ ...step, document_id: documentIds[n], item_id: itemOf(n, item) }))),
      );
      let stepAt = 0;
      for (const [n, b] of batch.entries()) {
        const steps = stepIds.slice(stepAt, (stepAt += b.steps.length));
        audits.push(...b.audit({ document: documentIds[n]!, items: itemIds[n]!.flat(), steps }));
      }
      const withDocument = <T extends object>(pick: (b: Built) => T[]) => batch.flatMap((b, n) => pick(b).map((row) => ({ ...row, document_id: documentIds[n] })));
      await insertHistory(client, 'register_entries', withDocument((b) => (b.register ? [{ register_id: b.register.register.id, year: vietnamYear(b.register.at), number: b.number, registered_at: b.register.at.toISOString() }] : [])));
      await insertHistory(client, 'document_grants', withDocument((b) => b.grants));
      await insertHistory(client, 'status_events', withDocument((b) => b.statuses));
      await insertHistory(client, 'recipient_statuses', withDocument((b) => b.recipients));
    }
    await catchUpRegisterCounters(client);
    audits.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (let start = 0; start < audits.length; start += 5000) await appendAudits(client, audits.slice(start, start + 5000));
  });
  return built.length;
}

/**
 * An arrival from receipt to done: accepted (03), presented to a leader, assigned to a unit with a
 * deadline (04), passed on to a specialist (or given to him directly), worked on (05) and done
 * (06); now and then a co-operating unit and the office informed.
 */
function arrival(context: HistoryContext, doc: HistoryArrival): Built {
  const { calendar, random, pick } = context;
  const clerk = pick(context.clerks);
  const leader = pick(context.leaders);
  const unit = pick(context.units.slice(1));
  const head = pick(unit.heads);
  const specialist = pick(unit.specialists);
  const toPerson = random() < 0.1;
  const cooperating = random() < 0.3 ? pick(context.units.slice(1).filter((other) => other.id !== unit.id)) : null;
  const informed = random() < 0.25 ? context.units[0]! : null;
  const after = (min: number, max: number) => doc.times(between(random, min, max));
  const [received, accepted, presented, assigned, passed, progressed] = [after(0, 0), after(0, 0), after(0, 1), after(0, 2), after(0, 1), after(1, 3)];
  const helped = cooperating && random() < 0.6 ? after(0, 2) : null;
  const done = after(1, 12);
  const read = informed && random() < 0.8 ? assigned + between(random, 600_000, 7_200_000) : null;
  const deadline = calendar.addWorkingDays(vietnamDate(new Date(assigned)), between(random, 5, 15));
  const suggestion = `Kính trình lãnh đạo Sở xem xét, đề nghị giao ${unit.name} chủ trì tham mưu.`;
  const instruction = `Giao ${toPerson ? 'đồng chí chuyên viên' : unit.name} chủ trì${cooperating ? `, phối hợp với ${cooperating.name}` : ''} tham mưu xử lý; báo cáo kết quả trước hạn.`;
  const passNote = 'Giao đồng chí nghiên cứu, tham mưu.';
  const status = (code: string, at: number) => ({ agency_id: doc.senderId, direction: 'out', status_code: code, description: null, staff: code === '03' || code === '04' ? (code === '03' ? clerk : leader).username : specialist.username, occurred_at: iso(at) });
  const generation1 = [
    { role: 'lead', parent: 0, ...(toPerson ? { user_id: specialist.userId } : { unit_id: unit.id }), assigned_by: leader.userId, note: instruction, deadline, state: 'done', created_at: iso(assigned), started_at: toPerson ? iso(progressed) : null, ended_at: iso(done) },
    ...(cooperating ? [{ role: 'cooperate', parent: 0, unit_id: cooperating.id, assigned_by: leader.userId, note: instruction, deadline, state: helped ? 'done' : 'closed', created_at: iso(assigned), ended_at: iso(helped ?? done) }] : []),
    ...(informed ? [{ role: 'inform', parent: 0, unit_id: informed.id, assigned_by: leader.userId, note: instruction, deadline, state: read ? 'done' : 'open', created_at: iso(assigned), ended_at: read ? iso(read) : null }] : []),
  ];
  const [cooperateIndex, informIndex] = [cooperating ? 1 : null, informed ? (cooperating ? 2 : 1) : null];
  const mine: [number, number] = toPerson ? [1, 0] : [2, 0];
  const steps: Built['steps'] = [
    { kind: 'presented', item: [0, 0], actor_id: clerk.userId, text: suggestion, statuses: [], at: iso(presented) },
    { kind: 'assigned', item: [1, 0], actor_id: leader.userId, text: instruction, statuses: ['04'], at: iso(assigned) },
    ...(toPerson ? [] : [{ kind: 'passed', item: [2, 0] as [number, number], actor_id: head.userId, text: passNote, statuses: [], at: iso(passed) }]),
    { kind: 'progress', item: mine, actor_id: specialist.userId, text: 'Đang tổng hợp ý kiến, dự thảo văn bản trả lời.', statuses: ['05'], at: iso(progressed) },
    ...(helped ? [{ kind: 'done', item: [1, cooperateIndex!] as [number, number], actor_id: cooperating!.heads[0]!.userId, text: 'Đã có ý kiến phối hợp bằng văn bản.', statuses: [], at: iso(helped) }] : []),
    ...(read ? [{ kind: 'done', item: [1, informIndex!] as [number, number], actor_id: informed!.heads[0]!.userId, text: 'Đã đọc.', statuses: [], at: iso(read) }] : []),
    { kind: 'done', item: mine, actor_id: specialist.userId, text: 'Đã hoàn thành, văn bản trả lời đã phát hành.', statuses: ['06'], at: iso(done) },
  ];
  const built: Built = {
    document: {
      direction: 'incoming', state: 'done', signing_state: 'none', subject: doc.subject, summary: '', signer_position: '', place: '', to_places: '[]', type_name: doc.typeName, sender_id: doc.senderId, sender_name: doc.senderName,
      edxml_document_id: `${doc.senderId},${vietnamDate(new Date(received)).replaceAll('-', '/')},${doc.edxmlNumber}`, received_at: iso(received), presented_at: iso(presented),
      created_at: iso(received), updated_at: iso(done),
    },
    items: [
      [{ role: 'decide', user_id: leader.userId, assigned_by: clerk.userId, note: suggestion, deadline: null, state: 'done', created_at: iso(presented), ended_at: iso(assigned) }],
      generation1,
      toPerson ? [] : [{ role: 'lead', parent: 0, user_id: specialist.userId, assigned_by: head.userId, note: passNote, deadline, state: 'done', created_at: iso(passed), started_at: iso(progressed), ended_at: iso(done) }],
    ],
    steps,
    register: { register: context.registers.in, at: new Date(accepted) },
    grants: [
      { unit_id: toPerson ? null : unit.id, user_id: toPerson ? specialist.userId : null, granted_by: leader.userId, granted_at: iso(assigned) },
      ...(cooperating ? [{ unit_id: cooperating.id, granted_by: leader.userId, granted_at: iso(assigned) }] : []),
      ...(informed ? [{ unit_id: informed.id, granted_by: leader.userId, granted_at: iso(assigned) }] : []),
      ...(toPerson ? [] : [{ user_id: specialist.userId, granted_by: head.userId, granted_at: iso(passed) }]),
    ],
    statuses: [status('03', accepted), status('04', assigned), status('05', progressed), status('06', done)],
    recipients: [],
    audit: (ids) => {
      const subject = `document:${ids.document}`;
      const [decide, lead, ...rest] = ids.items;
      const items = [lead!, ...rest.slice(0, generation1.length - 1)];
      const step = (n: number) => ({ step: ids.steps[n], item: null as number | null, text: steps[n]!.text, statuses: steps[n]!.statuses });
      const holder = (record: { unit_id?: number; user_id?: number }) => (record.unit_id ? { unitId: record.unit_id } : { userId: record.user_id });
      const stepAudit = (n: number, actor: string, details: Record<string, unknown>) => audit(Date.parse(String(steps[n]!.at)), { actor, action: `workflow.${steps[n]!.kind}`, subject, details: { ...step(n), ...details } });
      const statusAudit = (code: string, at: number, actor: string, extra: Record<string, unknown> = {}) =>
        audit(at, { actor, action: `document.status.${code}`, subject, details: { description: '', arrivalNumber: built.number, ...extra } });
      const mineId = toPerson ? lead! : ids.items[generation1.length + 1]!;
      const entries = [
        statusAudit('03', accepted, clerk.username, { register: context.registers.in.code }),
        stepAudit(0, clerk.username, { item: decide, leader: leader.userId }),
        statusAudit('04', assigned, leader.username),
        stepAudit(1, leader.username, { item: lead, lead: holder(generation1[0]!), cooperate: cooperating ? [{ unitId: cooperating.id }] : [], inform: informed ? [{ unitId: informed.id }] : [], deadline, items }),
        audit(assigned, { actor: leader.username, action: 'document.shared', subject, details: { units: built.grants.filter((g) => g.granted_at === iso(assigned) && g.unit_id).map((g) => g.unit_id), users: toPerson ? [specialist.userId] : [] } }),
      ];
      let n = 2;
      if (!toPerson) {
        entries.push(stepAudit(n++, head.username, { item: mineId, from: lead, to: specialist.userId, deadline }));
        entries.push(audit(passed, { actor: head.username, action: 'document.shared', subject, details: { units: [], users: [specialist.userId] } }));
      }
      entries.push(statusAudit('05', progressed, specialist.username), stepAudit(n++, specialist.username, { item: mineId }));
      if (helped) entries.push(stepAudit(n++, cooperating!.heads[0]!.username, { item: items[cooperateIndex!] }));
      if (read) entries.push(stepAudit(n++, informed!.heads[0]!.username, { item: items[informIndex!] }));
      entries.push(statusAudit('06', done, specialist.username), stepAudit(n, specialist.username, { item: mineId }));
      return entries;
    },
  };
  return built;
}

/** A document drafted by a specialist, submitted, signed by a leader, numbered, sealed and sent by the clerk, and registered by its recipients. */
function sent(context: HistoryContext, doc: HistorySent): Built {
  const { pick } = context;
  const unit = pick(context.units.slice(1));
  const maker = pick(unit.specialists);
  const clerk = pick(context.clerks);
  const leader = context.leaders.find((person) => person.username === doc.signer[0])!;
  const after = (min: number, max: number) => doc.times(between(context.random, min, max));
  const [drafted, submitted, signed, numbered, sealed, registered] = [after(0, 0), after(0, 3), after(0, 2), after(0, 1), after(0, 0), after(1, 1)];
  const clientKey = context.uuid(new Date(drafted));
  const built: Built = {
    document: {
      direction: 'outgoing', state: 'sent', signing_state: 'agency_signed', subject: doc.subject, summary: doc.summary, type_name: doc.typeName, code_notation: doc.codeNotation,
      promulgation_date: vietnamDate(new Date(numbered)), signer_name: doc.signer[1], signer_position: doc.signer[2], place: 'Nghệ An', to_places: JSON.stringify(doc.toPlaces),
      sender_id: context.agencyCode, package_sha256: context.demoPackage, axis_doc_id: `demo:${clientKey}`, created_by: maker.userId, client_key: clientKey,
      created_at: iso(drafted), updated_at: iso(sealed),
    },
    items: [],
    steps: [],
    register: { register: context.registers.out, at: new Date(numbered) },
    grants: [{ user_id: maker.userId, granted_by: maker.userId, granted_at: iso(drafted) }],
    // Each recipient registered it (03) the next working day: nothing is left for the exchange to trace.
    statuses: doc.recipients.map((recipient) => ({ agency_id: recipient, direction: 'in', status_code: '03', description: null, staff: null, occurred_at: iso(registered) })),
    recipients: doc.recipients.map((recipient) => ({ recipient_id: recipient, state: 'accepted', status_code: '03', updated_at: iso(registered) })),
    audit: (ids) => {
      const subject = `document:${ids.document}`;
      return [
        audit(drafted, { actor: maker.username, action: 'draft.create', subject, details: { subject: doc.subject, clientKey } }),
        audit(submitted, { actor: maker.username, action: 'document.sign.submit', subject, details: { to: leader.username } }),
        audit(signed, { actor: leader.username, action: 'document.sign.leader', subject, details: { signer: doc.signer[1] } }),
        audit(numbered, { actor: clerk.username, action: 'document.number', subject, details: { register: context.registers.out.code, number: built.document.code_number } }),
        audit(sealed, { actor: clerk.username, action: 'document.sign.agency', subject, details: {} }),
        audit(sealed + 60_000, { actor: clerk.username, action: 'document.send', subject, details: { documentId: built.document.edxml_document_id, recipients: doc.recipients, package: context.demoPackage } }),
      ];
    },
  };
  return built;
}

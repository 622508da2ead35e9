/**
 * The workflow part of the bench agency (bench/hub-seed.ts), made per arrival as the hub's
 * commands would leave it (hub/commands/arrival-present.ts, arrival-assign.ts, assignment-pass.ts,
 * assignment-extension.ts, assignment-done.ts) and loaded in the same batches: work items with
 * their ids given here (so a passed item can name its parent), their timeline steps, deadline
 * extensions, and the grants an assignment makes. No audit rows: no bench reads the chain.
 *
 * The shape, by an arrival's place in time (ids grow with time): the newest 0.15 % of the
 * documents (those not still waiting for the clerk) are presented to a leader and wait for his instruction ("Chờ cho ý kiến"); the
 * newest 3 % are in flux (accepted and filed, assigned to a unit, passed on to a specialist and
 * under way, or done); older ones are done, save one in a hundred left under way, long overdue.
 */
import type pg from 'pg';
import { between, mulberry32, pick as pickWith } from '../axis/directory.js';

/** Shares of the documents, newest first: presented and waiting; in flux. */
export const AWAITING_SHARE = 0.0015;
export const FLUX_SHARE = 0.03;
/** Arrivals older than the flux left under way. */
const LEFT_OPEN = 0.01;
const DAY_MS = 86_400_000;

export type ArrivalState = 'accepted' | 'assigned' | 'processing' | 'done';

export interface ArrivalForWorkflow {
  id: number;
  at: Date;
  state: ArrivalState;
  restricted: boolean;
  /** The units given it, the first in charge; the specialists who may be passed its work, per unit. */
  units: number[];
  /** People already given it (their grants exist). */
  users: number[];
}

export interface WorkflowPeople {
  clerks: { id: number }[];
  leaders: { id: number }[];
  /** A department's unit leader, by unit id (sections are led by their department's). */
  unitLeaderOf: Map<number, number>;
  specialistsOf: Map<number, { id: number }[]>;
}

interface Rows {
  item: { id: number[]; documentId: number[]; parentId: (number | null)[]; role: string[]; unitId: (number | null)[]; userId: (number | null)[]; assignedBy: number[]; deadline: (string | null)[]; state: string[]; createdAt: string[]; startedAt: (string | null)[]; endedAt: (string | null)[] };
  step: { documentId: number[]; itemId: (number | null)[]; kind: string[]; actorId: number[]; at: string[] };
  extension: { itemId: number[]; askedBy: number[]; from: string[]; proposed: string[]; askedAt: string[]; state: string[]; to: (string | null)[]; decidedBy: (number | null)[]; decidedAt: (string | null)[] };
  presented: { id: number[]; at: string[] };
  grantUsers: [number, number][];
}

const emptyRows = (): Rows => ({
  item: { id: [], documentId: [], parentId: [], role: [], unitId: [], userId: [], assignedBy: [], deadline: [], state: [], createdAt: [], startedAt: [], endedAt: [] },
  step: { documentId: [], itemId: [], kind: [], actorId: [], at: [] },
  extension: { itemId: [], askedBy: [], from: [], proposed: [], askedAt: [], state: [], to: [], decidedBy: [], decidedAt: [] },
  presented: { id: [], at: [] },
  grantUsers: [],
});

const day = (at: Date) => at.toISOString().slice(0, 10);
const later = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);

export class WorkflowSeeder {
  private readonly random: () => number;
  private nextItem = 1;
  private rows = emptyRows();
  /** Counts for the log: items by state, extensions. */
  readonly counts = { items: 0, open: 0, extensions: 0 };

  constructor(private readonly people: WorkflowPeople, seed: number, private readonly count: number) {
    // Its own stream, so the documents are the same whatever the workflow draws.
    this.random = mulberry32(seed + 1);
  }

  private pick<T>(items: readonly T[]): T {
    return pickWith(items, this.random);
  }

  /** Whether document `id` is among the newest `share` of them. */
  isNewest(id: number, share: number): boolean {
    return id > this.count * (1 - share);
  }

  /** The state an arrival seeded as `drawn` is in, by its age: older than the flux, done but for a few. */
  stateByAge(id: number, drawn: ArrivalState): ArrivalState {
    if (this.isNewest(id, AWAITING_SHARE)) return 'accepted';
    if (this.isNewest(id, FLUX_SHARE)) return drawn;
    return this.random() < LEFT_OPEN ? 'processing' : 'done';
  }

  /** A draft's signing state: a third of those in flux wait for a leader's signature ("Chờ ký"). */
  draftSigningState(id: number): 'none' | 'awaiting_leader' {
    return this.isNewest(id, FLUX_SHARE) && this.random() < 0.3 ? 'awaiting_leader' : 'none';
  }

  private item(documentId: number, parentId: number | null, role: string, holder: { unitId: number } | { userId: number }, assignedBy: number, at: Date, deadline: string | null, state: string, endedAt: Date | null = null): number {
    const id = this.nextItem++;
    const r = this.rows.item;
    r.id.push(id);
    r.documentId.push(documentId);
    r.parentId.push(parentId);
    r.role.push(role);
    r.unitId.push('unitId' in holder ? holder.unitId : null);
    r.userId.push('userId' in holder ? holder.userId : null);
    r.assignedBy.push(assignedBy);
    r.deadline.push(deadline);
    r.state.push(state);
    r.createdAt.push(at.toISOString());
    r.startedAt.push(state === 'started' || state === 'done' ? later(at, 1).toISOString() : null);
    r.endedAt.push(state === 'done' || state === 'closed' ? (endedAt ?? later(at, 5)).toISOString() : null);
    this.counts.items++;
    if (state === 'open' || state === 'started') this.counts.open++;
    return id;
  }

  private step(documentId: number, itemId: number | null, kind: string, actorId: number, at: Date): void {
    const s = this.rows.step;
    s.documentId.push(documentId);
    s.itemId.push(itemId);
    s.kind.push(kind);
    s.actorId.push(actorId);
    s.at.push(at.toISOString());
  }

  /** The workflow of one arrival (registered, not waiting for the clerk), as its state says. */
  add(arrival: ArrivalForWorkflow): void {
    const { id, at, state } = arrival;
    if (state === 'accepted' && !this.isNewest(id, AWAITING_SHARE)) return; // filed without a presentation
    const leader = arrival.restricted ? this.people.leaders[0]!.id : this.pick(this.people.leaders).id;
    const presentedAt = later(at, 0.05);
    const decide = this.item(id, null, 'decide', { userId: leader }, this.pick(this.people.clerks).id, presentedAt, null, state === 'accepted' ? 'open' : 'done', later(at, 1));
    this.step(id, decide, 'presented', this.rows.item.assignedBy[this.rows.item.assignedBy.length - 1]!, presentedAt);
    this.rows.presented.id.push(id);
    this.rows.presented.at.push(presentedAt.toISOString());
    if (state === 'accepted') return;
    const decidedAt = later(at, 1);
    const [unit, other] = arrival.units;
    if (arrival.restricted || unit === undefined) {
      // Settled by the leader himself (lưu).
      this.step(id, decide, 'settled', leader, decidedAt);
      return;
    }
    const deadline = later(at, between(this.random, 7, 30));
    const done = state === 'done';
    const lead = this.item(id, decide, 'lead', { unitId: unit }, leader, decidedAt, day(deadline), state === 'assigned' ? 'open' : done ? 'done' : 'passed', later(at, 10));
    this.step(id, lead, 'assigned', leader, decidedAt);
    if (other !== undefined) this.item(id, decide, 'cooperate', { unitId: other }, leader, decidedAt, day(deadline), done ? 'done' : 'open');
    const granted = new Set(arrival.users);
    const give = (userId: number) => {
      if (!granted.has(userId)) this.rows.grantUsers.push([id, userId]);
      granted.add(userId);
    };
    const specialists = this.people.specialistsOf.get(unit) ?? [];
    if (specialists.length > 0 && this.random() < 0.2) {
      const reader = this.pick(specialists).id;
      this.item(id, decide, 'inform', { userId: reader }, leader, decidedAt, null, done ? 'done' : 'open');
      give(reader);
    }
    if (state === 'assigned' || specialists.length === 0) return;
    // Passed on by the unit's leader to one of its specialists (the one already given it, if any).
    const handler = arrival.users.find((user) => specialists.some((s) => s.id === user)) ?? this.pick(specialists).id;
    const passer = this.people.unitLeaderOf.get(unit) ?? leader;
    const passedAt = later(at, 2);
    const handled = this.item(id, lead, 'lead', { userId: handler }, passer, passedAt, day(deadline), done ? 'done' : this.random() < 0.6 ? 'started' : 'open', later(at, 10));
    give(handler);
    this.step(id, handled, 'passed', passer, passedAt);
    if (this.random() < 0.1) this.extension(id, handled, handler, leader, deadline, later(at, 5), done || this.random() < 0.6);
    if (done) this.step(id, handled, 'done', handler, later(at, 10));
  }

  /** A deadline extension asked by the handler: approved (the item's deadline stays as assigned here), or still waiting. */
  private extension(documentId: number, itemId: number, askedBy: number, leader: number, from: Date, askedAt: Date, decided: boolean): void {
    const e = this.rows.extension;
    const proposed = day(later(from, 7));
    e.itemId.push(itemId);
    e.askedBy.push(askedBy);
    e.from.push(day(from));
    e.proposed.push(proposed);
    e.askedAt.push(askedAt.toISOString());
    e.state.push(decided ? 'approved' : 'asked');
    e.to.push(decided ? proposed : null);
    e.decidedBy.push(decided ? leader : null);
    e.decidedAt.push(decided ? later(askedAt, 1).toISOString() : null);
    this.step(documentId, itemId, 'extension_asked', askedBy, askedAt);
    if (decided) this.step(documentId, itemId, 'extension_approved', leader, later(askedAt, 1));
    this.counts.extensions++;
  }

  /** Writes what was added since the last call, in the caller's transaction; the documents and their grants are in already. */
  async insert(client: pg.PoolClient): Promise<void> {
    const { item: i, step: s, extension: e, presented: p, grantUsers } = this.rows;
    this.rows = emptyRows();
    await client.query(
      `INSERT INTO work_items (id, document_id, parent_id, role, unit_id, user_id, assigned_by, deadline, state, created_at, started_at, ended_at) OVERRIDING SYSTEM VALUE
       SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::date[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[])`,
      [i.id, i.documentId, i.parentId, i.role, i.unitId, i.userId, i.assignedBy, i.deadline, i.state, i.createdAt, i.startedAt, i.endedAt],
    );
    await client.query('INSERT INTO workflow_steps (document_id, item_id, kind, actor_id, at) SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::timestamptz[])', [s.documentId, s.itemId, s.kind, s.actorId, s.at]);
    await client.query(
      `INSERT INTO deadline_extensions (item_id, asked_by, reason, from_deadline, proposed, asked_at, state, to_deadline, decided_by, decided_at)
       SELECT item_id, asked_by, 'Chờ ý kiến của các đơn vị phối hợp', from_deadline, proposed, asked_at, state, to_deadline, decided_by, decided_at
       FROM unnest($1::int[], $2::int[], $3::date[], $4::date[], $5::timestamptz[], $6::text[], $7::date[], $8::int[], $9::timestamptz[])
         AS e (item_id, asked_by, from_deadline, proposed, asked_at, state, to_deadline, decided_by, decided_at)`,
      [e.itemId, e.askedBy, e.from, e.proposed, e.askedAt, e.state, e.to, e.decidedBy, e.decidedAt],
    );
    await client.query('UPDATE documents d SET presented_at = p.at FROM unnest($1::int[], $2::timestamptz[]) AS p (id, at) WHERE d.id = p.id', [p.id, p.at]);
    await client.query(
      'INSERT INTO document_grants (document_id, user_id, granted_at) SELECT g.document_id, g.user_id, d.created_at FROM unnest($1::int[], $2::int[]) AS g (document_id, user_id) JOIN documents d ON d.id = g.document_id',
      [grantUsers.map((g) => g[0]), grantUsers.map((g) => g[1])],
    );
  }

  /** After the load: the identity goes on from the last id given here. */
  async finish(client: pg.PoolClient): Promise<void> {
    await client.query("SELECT setval(pg_get_serial_sequence('work_items', 'id'), $1)", [Math.max(1, this.nextItem - 1)]);
  }
}

/**
 * `npm run bench -- workflow`: what a leader and a specialist wait for when their work list opens,
 * at `--docs` documents (1,000,000 unless told) and 300 specialists: `GET /api/work` over HTTP
 * (hub/store/workflow.ts openWorkOf: the leader's arrivals presented to him awaiting his
 * instruction, "Chờ cho ý kiến", and his own items; a unit leader's and his unit's; a
 * specialist's "Việc của tôi", soonest deadline first), for many different people, on the agency
 * of bench/hub-seed.ts with its workflow (bench/hub-seed-workflow.ts). The naive peer, in-process,
 * evaluates the access rule whole first (every document the person may see, as the list's peer
 * does) and then takes his open items among them, same order and page, for the first three people
 * of each group (it takes seconds a person). Both must list the same items.
 */
import type pg from 'pg';
import type { MyWork } from '../shared/hub/workflow.js';
import { getJson, loadavg, session, withHubAgency } from './hub-agency.js';
import type { SeededUser } from './hub-seed.js';
import { goal, log, ms, nowMs, ratio, summarize, table, type BenchOptions } from './lib.js';

const GOAL_MS = 50;
/** The route's default page (shared/hub/workflow-commands.ts myWorkQuery). */
const LIMIT = 200;
/** Specialists measured, spread over the units. */
const SPECIALISTS = 40;
/** People of each group the peer is timed for, once each: seconds a person at 100 000 documents. */
const PEER_PEOPLE = 3;
/** Untimed requests before the first timed one, spread over the instances. */
const WARM_UP = 40;

interface Group {
  label: string;
  goal: string | null;
  users: SeededUser[];
}

/**
 * The peer: the access rule evaluated whole first (every document the person may see), then his
 * open items among them, the same order and page. Its items' ids.
 */
async function naiveWork(pool: pg.Pool, userId: number): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(
    `WITH seen AS MATERIALIZED (SELECT document_id FROM readable_documents($1))
     SELECT w.id FROM work_items w JOIN documents d ON d.id = w.document_id JOIN users u ON u.id = $1
     WHERE w.document_id IN (SELECT document_id FROM seen) AND w.state IN ('open', 'started')
       AND (w.user_id = u.id OR (w.unit_id = u.unit_id AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'unit_leader')))
     ORDER BY w.deadline ASC NULLS LAST, d.priority DESC, w.id
     LIMIT $2`,
    [userId, LIMIT],
  );
  return rows.map((row) => row.id);
}

export async function hubWorkflowBench(options: BenchOptions): Promise<boolean> {
  return withHubAgency(options, 2, async ({ size, pool, agency, urls }) => {
    const { rows: shape } = await pool.query<{ role: string; state: string; n: string }>('SELECT role, state, count(*) AS n FROM work_items GROUP BY 1, 2 ORDER BY 1, 2');
    log(`work items: ${shape.map((r) => `${r.role}/${r.state} ${r.n}`).join(', ')}`);
    const step = Math.max(1, Math.floor(agency.specialists.length / SPECIALISTS));
    const groups: Group[] = [
      { label: 'leader', goal: 'hub-work-leader-p95', users: agency.leaders },
      { label: 'unit leader', goal: null, users: agency.unitLeaders },
      { label: 'specialist', goal: 'hub-work-specialist-p95', users: agency.specialists.filter((_, i) => i % step === 0).slice(0, SPECIALISTS) },
    ];
    const rows: string[][] = [];
    const goals: string[] = [];
    let pass = true;
    let request = 0;
    // Each instance warmed first (its pool's connections opened, the route compiled), untimed, so the first people measured do not pay for it.
    const warm = await session(pool, agency.specialists[0]!.id);
    for (let i = 0; i < WARM_UP; i++) await getJson<MyWork>(`${urls[i % urls.length]}/api/work?limit=${LIMIT}`, warm.token);
    for (const group of groups) {
      const ours: number[] = [];
      const peer: number[] = [];
      const lengths: number[] = [];
      for (const user of group.users) {
        const { token } = await session(pool, user.id);
        let ids: number[] = [];
        // One untimed warm-up per person (his session's first use), then `repeat` timed reads, alternating instances.
        for (let run = 0; run <= options.repeat; run++) {
          const started = nowMs();
          const work = await getJson<MyWork>(`${urls[request++ % urls.length]}/api/work?limit=${LIMIT}`, token);
          if (run > 0) ours.push(nowMs() - started);
          ids = work.items.map((item) => item.item.id);
        }
        lengths.push(ids.length);
        if (peer.length >= PEER_PEOPLE) continue;
        const started = nowMs();
        const naive = await naiveWork(pool, user.id);
        peer.push(nowMs() - started);
        if (naive.join() !== ids.join()) throw new Error(`work of ${group.label} ${user.id}: the hub's items and the peer's differ`);
      }
      const o = summarize(ours);
      const n = summarize(peer);
      const items = summarize(lengths);
      rows.push([group.label, String(group.users.length), `${items.p50}/${items.max}`, ms(o.p50), ms(o.p95), ms(o.max), ms(n.p50), ms(n.p95), ratio(n.p95 / o.p95)]);
      if (group.goal) {
        const ok = o.p95 < GOAL_MS;
        pass &&= ok;
        goals.push(goal(group.goal, `p95 ${ms(o.p95)} ms, p50 ${ms(o.p50)} (peer p95 ${ms(n.p95)} ms, ${ratio(n.p95 / o.p95)}) over ${group.users.length} people at ${size} documents, load ${loadavg()}`, `< ${GOAL_MS} ms p95`, ok));
      }
    }
    log();
    log(`work: GET /api/work?limit=${LIMIT} over HTTP on ${urls.length} instances, × ${options.repeat} per person after a warm-up; the peer once for ${PEER_PEOPLE} people of each group in-process (the rule whole, then his items)`);
    log(table(['who', 'people', 'items p50/max', 'p50 ms', 'p95 ms', 'max ms', 'peer p50', 'peer p95', 'ratio p95'], rows, new Set([1, 2, 3, 4, 5, 6, 7, 8])));
    for (const line of goals) log(line);
    log(`loadavg at the end ${loadavg()}`);
    return pass;
  });
}

/**
 * One agency for a whole test file of the hub's workflow (sign-ins cost a scrypt each): the office
 * (clerk, leader), unit A (its leader, two specialists) and unit B (its leader, a specialist), and
 * the calls its tests make as those people. Each test works on arrivals of its own.
 */
import { expect } from 'vitest';
import type { CommandOutcome } from '../shared/hub/commands.js';
import type { HubDocument } from '../shared/hub/documents.js';
import { postgresExchangeStore } from '../hub/store/postgres-exchange-store.js';
import { TEST_PASSWORD, type TestHub } from './hub.js';
import { uuidv7 } from './uuid7.js';

export const AT = '2026-12-01T02:00:00.000Z';

export type Person = 'clerk' | 'leader' | 'leaderA' | 'specialist' | 'colleague' | 'leaderB' | 'specialistB';
export interface Agency {
  test: TestHub;
  unitA: number;
  unitB: number;
  ids: Record<Person, number>;
  tokens: Record<Person, string>;
}

/** The file's agency, made on first use on the hub `useTestHub()` gives. */
export function workflowAgency(hub: () => Promise<TestHub>): () => Promise<Agency> {
  let agency: Promise<Agency> | null = null;
  return () =>
    (agency ??= (async () => {
      const test = await hub();
      const unitA = (await test.administration.createUnit('cli', { code: 'TH', name: 'Phòng Tổng hợp', parentId: test.unitId })).id;
      const unitB = (await test.administration.createUnit('cli', { code: 'KT', name: 'Phòng Kế toán', parentId: test.unitId })).id;
      const people: [Person, Parameters<TestHub['addUser']>[1], number][] = [
        ['clerk', ['clerk'], test.unitId],
        ['leader', ['leader'], test.unitId],
        ['leaderA', ['unit_leader'], unitA],
        ['specialist', ['specialist'], unitA],
        ['colleague', ['specialist'], unitA],
        ['leaderB', ['unit_leader'], unitB],
        ['specialistB', ['specialist'], unitB],
      ];
      const ids = {} as Record<Person, number>;
      const tokens = {} as Record<Person, string>;
      for (const [name, roles, unit] of people) {
        // Usernames are lower-case; the display name is the username.
        ids[name] = (await test.addUser(name.toLowerCase(), roles, TEST_PASSWORD, unit)).id;
        tokens[name] = await test.signIn(name.toLowerCase(), TEST_PASSWORD);
      }
      return { test, unitA, unitB, ids, tokens };
    })());
}

let arrivals = 0;
/** An arrival from another agency, accepted by the clerk (số đến, status 03). */
export async function registeredArrival(a: Agency): Promise<number> {
  const n = ++arrivals;
  const id = await postgresExchangeStore(a.test.pool).write((tx) =>
    tx.insertReceived({ subject: `Công văn đến ${n}`, senderId: 'H02.00', senderName: 'Sở Y tế', edxmlDocumentId: `H02.00,2026/12/01,${n}/SYT`, receivedAt: AT }, AT),
  );
  expect(await send(a, 'clerk', 'arrival.accept', { documentId: id })).toMatchObject({ state: 'applied' });
  return id;
}

export async function send({ test, tokens }: Agency, who: Person, kind: string, payload: object, id = uuidv7()): Promise<CommandOutcome> {
  const response = await test.app.inject({ method: 'POST', url: '/api/commands', headers: { authorization: `Bearer ${tokens[who]}` }, payload: { id, kind, payload } });
  expect(response.statusCode).toBe(200);
  return JSON.parse(response.body) as CommandOutcome;
}

export const applied = async (outcome: Promise<CommandOutcome>) => {
  const done = await outcome;
  expect(done).toMatchObject({ state: 'applied' });
  return (done as Extract<CommandOutcome, { state: 'applied' }>).result;
};
export const refused = (reason: string) => expect.objectContaining({ state: 'refused', reason });

export async function documentAs({ test, tokens }: Agency, who: Person, id: number): Promise<HubDocument> {
  const response = await test.call<HubDocument>('GET', `/api/documents/${id}`, { token: tokens[who] });
  expect(response.status).toBe(200);
  return response.body;
}

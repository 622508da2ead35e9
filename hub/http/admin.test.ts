import { describe, expect, it } from 'vitest';
import type { SessionInfo, UnitInfo, UserInfo } from '../../shared/hub/accounts.js';
import { TEST_PASSWORD, useTestHub } from '../../test/hub.js';

const hub = useTestHub();

const ADMIN_CALLS: [method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown][] = [
  ['GET', '/api/admin/units'],
  ['POST', '/api/admin/units', { code: 'TC', name: 'Phòng Tổ chức', parentId: null }],
  ['PATCH', '/api/admin/units/1', { name: 'Đổi tên' }],
  ['GET', '/api/admin/users'],
  ['POST', '/api/admin/users', { username: 'moi', displayName: 'Mới', unitId: 1, roles: ['admin'] }],
  ['PATCH', '/api/admin/users/1', { roles: ['admin'] }],
  ['PUT', '/api/admin/users/1/password', { password: 'một mật khẩu mới dài' }],
  ['POST', '/api/admin/users/1/certificates', { certificate: 'AAAA' }],
  ['DELETE', `/api/admin/users/1/certificates/${'a'.repeat(64)}`],
  ['GET', '/api/admin/sessions'],
  ['DELETE', '/api/admin/sessions/00000000-0000-4000-8000-000000000000'],
  ['GET', '/api/admin/registers'],
  ['PATCH', '/api/admin/registers/1', { restricted: true }],
  ['PUT', '/api/admin/registers/1/readers/1'],
  ['DELETE', '/api/admin/registers/1/readers/1'],
  ['GET', '/api/admin/audit'],
  ['GET', '/api/admin/audit/chain'],
];

describe('the admin API', () => {
  it('refuses every admin call to the unauthenticated (401) and to every role but admin (403), logging each refusal', async () => {
    const { addUser, call, signIn, pool, logs } = await hub();
    const roles = ['clerk', 'leader', 'unit_leader', 'specialist'] as const;
    const tokens: string[] = [];
    for (const role of roles) {
      await addUser(role, [role]);
      tokens.push(await signIn(role, TEST_PASSWORD));
    }
    const unitsBefore = (await pool.query('SELECT count(*)::int AS n FROM units')).rows[0].n;
    for (const [method, url, body] of ADMIN_CALLS) {
      expect([method, url, (await call(method, url, { body })).status]).toEqual([method, url, 401]);
      for (const token of tokens) {
        expect([method, url, await call(method, url, { token, body })]).toEqual([method, url, { status: 403, body: { error: 'forbidden', message: 'Your account may not do this.' } }]);
      }
    }
    const { rows } = await pool.query<{ actor: string; reason: string }>("SELECT actor, details::json->>'reason' AS reason FROM audit_log WHERE action = 'access_denied' ORDER BY seq");
    expect(rows).toEqual(ADMIN_CALLS.flatMap(() => [{ actor: 'anonymous', reason: 'no_token' }, ...roles.map((role) => ({ actor: role, reason: 'needs_role_admin' }))]));
    expect(logs.filter((line) => line.includes('"event":"access_denied"'))).toHaveLength(ADMIN_CALLS.length * 5);
    expect((await pool.query('SELECT count(*)::int AS n FROM units')).rows[0].n).toBe(unitsBefore);
    expect((await pool.query('SELECT count(*)::int AS n FROM sessions WHERE revoked_at IS NOT NULL')).rows[0].n).toBe(0);
    expect((await pool.query('SELECT count(*)::int AS n FROM registers WHERE restricted')).rows[0].n + (await pool.query('SELECT count(*)::int AS n FROM register_readers')).rows[0].n).toBe(0);
  });

  it('limits requests per address before looking sessions up, so a flood of bad tokens writes no flood of audit rows', async () => {
    const { call, pool } = await hub({ requestsPerMinute: 3 });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await call('GET', '/api/admin/users', { token: 'A'.repeat(43), address: '10.2.2.2' })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    expect((await pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'access_denied'")).rows[0].n).toBe(3);
    expect((await call('GET', '/api/admin/users', { address: '10.2.2.3' })).status).toBe(401);
  });

  it('lets an admin build the unit tree and refuses a loop', async () => {
    const { addUser, call, signIn, unitId } = await hub();
    await addUser('quantri', ['admin']);
    const token = await signIn('quantri', TEST_PASSWORD);
    const office = await call<UnitInfo>('POST', '/api/admin/units', { token, body: { code: 'TC', name: 'Phòng Tổ chức', parentId: unitId } });
    expect(office).toMatchObject({ status: 201, body: { code: 'TC', name: 'Phòng Tổ chức', parentId: unitId } });
    const team = await call<UnitInfo>('POST', '/api/admin/units', { token, body: { code: 'TC-1', name: 'Tổ 1', parentId: office.body.id } });
    expect((await call('PATCH', `/api/admin/units/${unitId}`, { token, body: { parentId: team.body.id } })).body).toMatchObject({ error: 'conflict' });
    expect((await call('PATCH', `/api/admin/units/${office.body.id}`, { token, body: { parentId: office.body.id } })).status).toBe(409);
    expect((await call('PATCH', `/api/admin/units/${team.body.id}`, { token, body: { parentId: unitId, name: 'Tổ Một' } })).body).toMatchObject({ parentId: unitId, name: 'Tổ Một' });
    expect((await call('POST', '/api/admin/units', { token, body: { code: 'tc', name: 'Trùng mã', parentId: null } })).status).toBe(409);
    expect((await call('POST', '/api/admin/units', { token, body: { code: 'X', name: 'Không có cha', parentId: 999 } })).status).toBe(400);
    expect((await call<UnitInfo[]>('GET', '/api/admin/units', { token })).body.map((unit) => unit.code)).toEqual(['VP', 'TC', 'TC-1']);
  });

  it('lets an admin add users with roles and validates what it is sent', async () => {
    const { addUser, call, signIn, unitId } = await hub();
    await addUser('quantri', ['admin']);
    const token = await signIn('quantri', TEST_PASSWORD);
    const created = await call<UserInfo>('POST', '/api/admin/users', { token, body: { username: ' Lan.Nguyen ', displayName: 'Nguyễn Thị Lan', unitId, roles: ['clerk', 'specialist'], password: 'mật khẩu của Lan dài' } });
    expect(created).toMatchObject({ status: 201, body: { username: 'lan.nguyen', roles: ['clerk', 'specialist'], hasPassword: true, disabled: false } });
    expect(await signIn('lan.nguyen', 'mật khẩu của Lan dài')).toBeTruthy();
    const bad = [
      { username: 'x', displayName: 'Ngắn', unitId, roles: ['clerk'] },
      { username: 'hoa', displayName: 'Hoa', unitId, roles: ['superuser'] },
      { username: 'hoa', displayName: 'Hoa', unitId, roles: [] },
      { username: 'hoa', displayName: 'Hoa', unitId, roles: ['clerk', 'clerk'] },
      { username: 'hoa', displayName: 'Hoa', unitId, roles: ['clerk'], password: 'ngắn' },
      { username: 'hoa', displayName: 'Hoa', unitId: '1; DROP TABLE users', roles: ['clerk'] },
      { username: 'hoa', displayName: 'Hoa', unitId, roles: ['clerk'], isAdmin: true },
    ];
    for (const body of bad) expect((await call('POST', '/api/admin/users', { token, body })).status).toBe(400);
    expect((await call('POST', '/api/admin/users', { token, body: { username: 'hoa', displayName: 'Hoa', unitId: 4242, roles: ['clerk'] } })).status).toBe(400);
    expect((await call('POST', '/api/admin/users', { token, body: { username: 'LAN.NGUYEN', displayName: 'Trùng', unitId, roles: ['clerk'] } })).status).toBe(409);
    expect((await call('PATCH', '/api/admin/users/abc', { token, body: {} })).status).toBe(400);
  });

  it('keeps one enabled administrator at least', async () => {
    const { addUser, call, signIn } = await hub();
    const admin = await addUser('quantri', ['admin', 'clerk']);
    const token = await signIn('quantri', TEST_PASSWORD);
    expect((await call('PATCH', `/api/admin/users/${admin.id}`, { token, body: { roles: ['clerk'] } })).body).toMatchObject({ error: 'conflict' });
    expect((await call('PATCH', `/api/admin/users/${admin.id}`, { token, body: { disabled: true } })).status).toBe(409);
    const second = await addUser('quantri2', ['admin']);
    expect((await call('PATCH', `/api/admin/users/${admin.id}`, { token, body: { roles: ['clerk'] } })).body).toMatchObject({ roles: ['clerk'] });
    // The role is read on every request: the same session is no longer an admin's.
    expect((await call('GET', '/api/admin/users', { token })).status).toBe(403);
    expect(second.roles).toEqual(['admin']);
  });
});

describe('sessions', () => {
  it('an admin lists them and a revoked one stops at the very next request', async () => {
    const { addUser, call, signIn } = await hub();
    await addUser('quantri', ['admin']);
    const specialist = await addUser('chuyenvien', ['specialist']);
    const admin = await signIn('quantri', TEST_PASSWORD);
    const first = await signIn('chuyenvien', TEST_PASSWORD);
    const second = await signIn('chuyenvien', TEST_PASSWORD);
    expect((await call('GET', '/api/session', { token: first })).status).toBe(200);
    const sessions = await call<SessionInfo[]>('GET', `/api/admin/sessions?userId=${specialist.id}`, { token: admin });
    expect(sessions.body).toHaveLength(2);
    expect(sessions.body[0]).toMatchObject({ username: 'chuyenvien', method: 'password', address: '127.0.0.1', userAgent: 'VanThu desk (test)', revokedAt: null });
    const firstId = (await call<{ sessionId: string }>('GET', '/api/session', { token: first })).body.sessionId;
    expect((await call('DELETE', `/api/admin/sessions/${firstId}`, { token: admin })).status).toBe(204);
    expect(await call('GET', '/api/session', { token: first })).toEqual({ status: 401, body: { error: 'unauthenticated', message: 'This session has ended: sign in again.' } });
    expect((await call('GET', '/api/session', { token: second })).status).toBe(200);
    expect((await call('DELETE', `/api/admin/sessions/${firstId}`, { token: admin })).status).toBe(404);
  });

  it('disabling a user or setting a new password ends the user\'s sessions at once', async () => {
    const { addUser, call, signIn } = await hub();
    await addUser('quantri', ['admin']);
    const clerk = await addUser('vanthu', ['clerk']);
    const leader = await addUser('lanhdao', ['leader']);
    const admin = await signIn('quantri', TEST_PASSWORD);
    const clerkToken = await signIn('vanthu', TEST_PASSWORD);
    const leaderToken = await signIn('lanhdao', TEST_PASSWORD);
    await call('PATCH', `/api/admin/users/${clerk.id}`, { token: admin, body: { disabled: true } });
    expect((await call('GET', '/api/session', { token: clerkToken })).status).toBe(401);
    expect((await call('PUT', `/api/admin/users/${leader.id}/password`, { token: admin, body: { password: 'mật khẩu mới của lãnh đạo' } })).status).toBe(204);
    expect((await call('GET', '/api/session', { token: leaderToken })).status).toBe(401);
    expect(await signIn('lanhdao', 'mật khẩu mới của lãnh đạo')).toBeTruthy();
  });

  it('ends by itself when it expires or is left unused, and on sign-out', async () => {
    const { addUser, call, signIn, pool } = await hub();
    await addUser('vanthu', ['clerk']);
    const expiring = await signIn('vanthu', TEST_PASSWORD);
    const idle = await signIn('vanthu', TEST_PASSWORD);
    const leaving = await signIn('vanthu', TEST_PASSWORD);
    const idOf = async (token: string) => (await call<{ sessionId: string }>('GET', '/api/session', { token })).body.sessionId;
    await pool.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1", [await idOf(expiring)]);
    await pool.query("UPDATE sessions SET last_seen_at = now() - interval '8 days' WHERE id = $1", [await idOf(idle)]);
    expect((await call('GET', '/api/session', { token: expiring })).status).toBe(401);
    expect((await call('GET', '/api/session', { token: idle })).status).toBe(401);
    expect((await call('POST', '/api/sign-out', { token: leaving })).status).toBe(204);
    expect((await call('GET', '/api/session', { token: leaving })).status).toBe(401);
    const { rows } = await pool.query<{ reason: string }>("SELECT details::json->>'reason' AS reason FROM audit_log WHERE action = 'access_denied' ORDER BY seq");
    expect(rows.map((row) => row.reason)).toEqual(['expired', 'idle', 'revoked']);
  });
});

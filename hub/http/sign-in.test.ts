import { describe, expect, it } from 'vitest';
import type { SignedIn } from '../../shared/hub/accounts.js';
import { TEST_PASSWORD, useTestHub } from '../../test/hub.js';
import { verifyAuditChain } from '../store/audit.js';

const hub = useTestHub();

describe('password sign-in', () => {
  it('gives a session token that the hub keeps only as a hash, and says who is signed in', async () => {
    const { addUser, call, pool } = await hub();
    await addUser('chuyenvien', ['specialist']);
    const signedIn = await call<SignedIn>('POST', '/api/sign-in/password', { body: { username: 'ChuyenVien', password: TEST_PASSWORD } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signedIn.body.user).toMatchObject({ username: 'chuyenvien', roles: ['specialist'], hasPassword: true });
    const stored = await pool.query('SELECT encode(token_hash, $1) AS hash FROM sessions', ['hex']);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].hash).not.toContain(Buffer.from(signedIn.body.token).toString('hex'));
    const me = await call<{ user: { username: string } }>('GET', '/api/session', { token: signedIn.body.token });
    expect(me).toMatchObject({ status: 200, body: { user: { username: 'chuyenvien' } } });
  });

  it('answers a wrong password, an unknown user and a disabled account alike, and audits the real reason', async () => {
    const { addUser, call, administration, pool } = await hub();
    const disabled = await addUser('nghiviec', ['specialist']);
    await addUser('admin', ['admin']);
    await administration.updateUser('cli', disabled.id, { disabled: true });
    await addUser('vanthu', ['clerk']);
    const answers = await Promise.all([
      call('POST', '/api/sign-in/password', { body: { username: 'vanthu', password: 'not the password' } }),
      call('POST', '/api/sign-in/password', { body: { username: 'khongco', password: TEST_PASSWORD } }),
      call('POST', '/api/sign-in/password', { body: { username: 'nghiviec', password: TEST_PASSWORD } }),
      call('POST', '/api/sign-in/password', { body: { username: 'không hợp lệ!', password: TEST_PASSWORD } }),
    ]);
    expect(new Set(answers.map((answer) => JSON.stringify(answer)))).toEqual(new Set([JSON.stringify({ status: 401, body: { error: 'sign_in_failed', message: 'Wrong username or password, or this account may not sign in.' } })]));
    const { rows } = await pool.query<{ reason: string }>("SELECT details::json->>'reason' AS reason FROM audit_log WHERE action = 'sign_in_failed' ORDER BY seq");
    expect(rows.map((row) => row.reason).sort()).toEqual(['unknown_user', 'unknown_user', 'user_disabled', 'wrong_password']);
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: true });
  });

  it('holds off an account after 5 failures, even with the right password, from any address; other accounts go on', async () => {
    const { addUser, call, signIn } = await hub();
    await addUser('lanhdao', ['leader']);
    await addUser('vanthu', ['clerk']);
    for (let attempt = 0; attempt < 5; attempt++) {
      const wrong = await call('POST', '/api/sign-in/password', { body: { username: 'lanhdao', password: `guess ${attempt}` }, address: `10.0.0.${attempt + 1}` });
      expect(wrong.status).toBe(401);
    }
    const held = await call('POST', '/api/sign-in/password', { body: { username: 'lanhdao', password: TEST_PASSWORD }, address: '10.0.0.99' });
    expect(held.status).toBe(429);
    expect(held.body).toMatchObject({ error: 'too_many_attempts' });
    expect(held.body.retryAfterSeconds).toBeGreaterThan(800);
    expect(await signIn('vanthu', TEST_PASSWORD, '10.0.0.1')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('lets the account in again once its failures are older than the window', async () => {
    const { addUser, call, pool } = await hub({ policy: { failureWindowSeconds: 60 } });
    await addUser('lanhdao', ['leader']);
    for (let attempt = 0; attempt < 5; attempt++) await call('POST', '/api/sign-in/password', { body: { username: 'lanhdao', password: 'wrong' } });
    expect((await call('POST', '/api/sign-in/password', { body: { username: 'lanhdao', password: TEST_PASSWORD } })).status).toBe(429);
    await pool.query("UPDATE sign_in_failures SET at = at - interval '61 seconds'");
    expect((await call('POST', '/api/sign-in/password', { body: { username: 'lanhdao', password: TEST_PASSWORD } })).status).toBe(200);
  });

  it('holds off an address that tries many accounts', async () => {
    const { call } = await hub({ policy: { maxFailuresPerAddress: 8 } });
    for (let attempt = 0; attempt < 8; attempt++) {
      expect((await call('POST', '/api/sign-in/password', { body: { username: `user${attempt}`, password: 'x' }, address: '10.9.9.9' })).status).toBe(401);
    }
    expect((await call('POST', '/api/sign-in/password', { body: { username: 'user99', password: 'x' }, address: '10.9.9.9' })).status).toBe(429);
    expect((await call('POST', '/api/sign-in/password', { body: { username: 'user99', password: 'x' }, address: '10.9.9.10' })).status).toBe(401);
  });

  it('limits the requests of one address to the sign-in routes per minute', async () => {
    const { call } = await hub({ policy: { maxFailuresPerAddress: 1000, maxFailuresPerAccount: 1000 } });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 22; attempt++) statuses.push((await call('POST', '/api/sign-in/challenge', { address: '10.1.1.1' })).status);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect((await call('POST', '/api/sign-in/challenge', { address: '10.1.1.2' })).status).toBe(200);
  });

  it('refuses malformed input with the fields at fault', async () => {
    const { call } = await hub();
    const extra = await call<{ error: string; issues: { path: string }[] }>('POST', '/api/sign-in/password', { body: { username: 'a', password: 'b', admin: true } });
    expect(extra.status).toBe(400);
    expect(extra.body.error).toBe('invalid_input');
    const long = await call('POST', '/api/sign-in/password', { body: { username: 'a', password: 'x'.repeat(5000) } });
    expect(long.status).toBe(400);
    const notJson = await call('POST', '/api/sign-in/password', { body: 'username=a' });
    expect(notJson.status).toBe(400);
  });

  it('never writes the password or the token to its log', async () => {
    const { addUser, call, signIn, logs } = await hub();
    await addUser('vanthu', ['clerk']);
    await call('POST', '/api/sign-in/password', { body: { username: 'vanthu', password: 'sai-mat-khau-bi-mat' } });
    const token = await signIn('vanthu', TEST_PASSWORD);
    await call('GET', '/api/admin/users', { token });
    await call('GET', '/api/session', { token: `${token.slice(0, -1)}A` });
    const log = logs.join('\n');
    expect(log).toContain('access_denied');
    for (const secret of ['sai-mat-khau-bi-mat', TEST_PASSWORD, token]) expect(log).not.toContain(secret);
  });
});

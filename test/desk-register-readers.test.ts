/**
 * "Quản trị → Sổ hạn chế" from the admin's desk to a real hub (test/hub.ts, real PostgreSQL) over
 * real HTTP, watched from a reader's own desk (real SQLite): a specialist named a reader of a
 * restricted register gets its document in his replica without signing in again, and loses it when
 * removed (the hub's access.changed, then a fresh snapshot); a clerk's desk is refused.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api/errors.js';
import { readHubLink, replicaDocumentIds } from '../electron/core/store/hub-replica.js';
import { hubRegisterHandlers } from '../electron/core/service/hub-register-handlers.js';
import { postgresExchangeStore } from '../hub/store/postgres-exchange-store.js';
import { TEST_PASSWORD, useTestHub } from './hub.js';
import { arriveAtHub, testDesk } from './hub-desk.js';
import { useTempDirs } from './temp-dir.js';

const hub = useTestHub();
const tempDir = useTempDirs();

describe("a restricted register's readers, named at the admin's desk", () => {
  it("a reader added brings the register's document to his desk; removed, it leaves; a clerk's desk is refused", async () => {
    const test = await hub();
    const hubUrl = await test.app.listen({ host: '127.0.0.1', port: 0 });
    await test.addUser('quantri', ['admin']);
    await test.addUser('vanthu', ['clerk']);
    const keeper = await test.addUser('cv-mat', ['specialist']);
    const reader = await test.addUser('cv-an', ['specialist']);
    const { rows } = await test.pool.query<{ id: number; code: string }>("INSERT INTO registers (code, name, direction) VALUES ('mat', 'Sổ văn bản mật', 'in') RETURNING id, code");
    const register = rows[0]!;
    const secret = await arriveAtHub(test, 1, []);
    await postgresExchangeStore(test.pool).write((tx) => tx.enterInRegister(secret.id, register, new Date()));

    const adminDesk = await testDesk(await tempDir());
    const readerDesk = await testDesk(await tempDir());
    try {
      await adminDesk.link.signIn(hubUrl, 'quantri', TEST_PASSWORD);
      const calls = hubRegisterHandlers(adminDesk.link);
      await calls['hub.addRegisterReader']({ registerId: register.id, userId: keeper.id });
      expect(await calls['hub.restrictRegister']({ registerId: register.id, restricted: true })).toMatchObject({ restricted: true, documents: 1, readers: [{ username: 'cv-mat' }] });

      await readerDesk.link.signIn(hubUrl, 'cv-an', TEST_PASSWORD);
      await readerDesk.until('online', () => readerDesk.statuses.at(-1)?.phase === 'online');
      expect(replicaDocumentIds(readerDesk.db)).toEqual([]);

      const named = await calls['hub.addRegisterReader']({ registerId: register.id, userId: reader.id });
      expect(named.readers.map((person) => person.username)).toEqual(['cv-an', 'cv-mat']);
      await readerDesk.until('the register’s document', () => replicaDocumentIds(readerDesk.db).includes(secret.id));
      expect(readHubLink(readerDesk.db)!.snapshot).toBeNull();

      const removed = await calls['hub.removeRegisterReader']({ registerId: register.id, userId: reader.id });
      expect(removed.readers.map((person) => person.username)).toEqual(['cv-mat']);
      await readerDesk.until('the document gone', () => !replicaDocumentIds(readerDesk.db).includes(secret.id));
      expect(replicaDocumentIds(readerDesk.db)).toEqual([]);
      expect((await calls['hub.registers']({})).find((listed) => listed.id === register.id)).toMatchObject({ restricted: true, readers: [{ username: 'cv-mat' }] });

      await adminDesk.link.signOut();
      await adminDesk.link.signIn(hubUrl, 'vanthu', TEST_PASSWORD);
      const refused = calls['hub.addRegisterReader']({ registerId: register.id, userId: reader.id });
      await expect(refused).rejects.toBeInstanceOf(ApiError);
      await expect(refused).rejects.toMatchObject({ code: 'forbidden' });
      expect((await test.pool.query('SELECT count(*)::int AS n FROM register_readers WHERE user_id = $1', [reader.id])).rows[0].n).toBe(0);
    } finally {
      await readerDesk.close();
      await adminDesk.close();
    }
  });
});

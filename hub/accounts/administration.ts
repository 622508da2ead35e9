/**
 * What an administrator (quản trị) does to units, users, sessions and the readers of restricted
 * registers, for the admin API and the set-up commands alike. Each change commits with its audit row; the checks that keep the agency
 * usable (no loop in the unit tree, always one enabled administrator) are made here, in the hub.
 */
import type pg from 'pg';
import type { z } from 'zod';
import { ROLES, type certificateRegistration, type unitCreate, type unitUpdate, type userCreate, type userUpdate, type SessionInfo, type UnitInfo, type UserInfo } from '../../shared/hub/accounts.js';
import { ACCESS_CHANGED } from '../../shared/hub/documents.js';
import type { RegisterAccess } from '../../shared/hub/registers.js';
import { HubError } from '../errors.js';
import type { AuditChainVerdict, AuditPage } from '../../shared/hub/audit-log.js';
import { appendAudit, listAudit, verifyAuditChain, type AuditFilter } from '../store/audit.js';
import { recordChange } from '../store/changes.js';
import { inTransaction, type Queryable } from '../store/database.js';
import { addRegisterReader, listRegisterAccess, lockRegister, registerAccess, registerSight, removeRegisterReader, setRegisterRestricted, sightChanged } from '../store/register-readers.js';
import { listSessions, revokeSession, revokeUserSessions } from '../store/sessions.js';
import { insertUnit, isSameOrAbove, listUnits, lockUnitTree, unitById, updateUnit } from '../store/units.js';
import { deleteCertificate, insertCertificate, insertUser, listUsers, otherActiveAdmins, setPasswordHash, setRoles, updateUserRow, userById } from '../store/users.js';
import { hashPassword } from './passwords.js';
import { decodeCertificate, describeCertificate } from './sign-in-certificate.js';

/** Who acts: a signed-in admin's username, or `cli` for the set-up commands on the server itself. */
export type Actor = string;

export class Administration {
  constructor(private readonly pool: pg.Pool) {}

  listUnits(): Promise<UnitInfo[]> {
    return listUnits(this.pool);
  }

  listUsers(): Promise<UserInfo[]> {
    return listUsers(this.pool);
  }

  user(id: number): Promise<UserInfo | null> {
    return userById(this.pool, id);
  }

  listSessions(filter: { userId?: number }): Promise<SessionInfo[]> {
    return listSessions(this.pool, filter);
  }

  listAudit(filter: AuditFilter): Promise<AuditPage> {
    return listAudit(this.pool, filter);
  }

  verifyAudit(): Promise<AuditChainVerdict> {
    return verifyAuditChain(this.pool);
  }

  createUnit(actor: Actor, input: z.output<typeof unitCreate>): Promise<UnitInfo> {
    return inTransaction(this.pool, async (client) => {
      if (input.parentId !== null && !(await unitById(client, input.parentId))) throw new HubError('invalid_input', `There is no unit ${input.parentId} to put it under.`);
      const unit = await insertUnit(client, input);
      if (!unit) throw new HubError('conflict', `A unit with the code ${input.code} exists already.`);
      await appendAudit(client, { actor, action: 'unit.create', subject: `unit:${unit.id}`, details: { ...input } });
      await unitChanged(client, unit);
      return unit;
    });
  }

  updateUnit(actor: Actor, id: number, change: z.output<typeof unitUpdate>): Promise<UnitInfo> {
    return inTransaction(this.pool, async (client) => {
      await lockUnitTree(client);
      if (!(await unitById(client, id))) throw new HubError('not_found', `There is no unit ${id}.`);
      if (change.parentId != null) {
        if (!(await unitById(client, change.parentId))) throw new HubError('invalid_input', `There is no unit ${change.parentId} to put it under.`);
        if (await isSameOrAbove(client, id, change.parentId)) throw new HubError('conflict', 'A unit cannot be put under itself or under one of its own units.');
      }
      const unit = (await updateUnit(client, id, change))!;
      await appendAudit(client, { actor, action: 'unit.update', subject: `unit:${id}`, details: { ...change } });
      await unitChanged(client, unit);
      return unit;
    });
  }

  async createUser(actor: Actor, input: z.output<typeof userCreate>): Promise<UserInfo> {
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    return inTransaction(this.pool, async (client) => {
      if (!(await unitById(client, input.unitId))) throw new HubError('invalid_input', `There is no unit ${input.unitId}.`, { issues: [{ path: 'unitId', message: 'no such unit' }] });
      const id = await insertUser(client, { ...input, passwordHash });
      if (id === null) throw new HubError('conflict', `The username ${input.username} is taken.`);
      await appendAudit(client, { actor, action: 'user.create', subject: `user:${id}`, details: { username: input.username, unitId: input.unitId, roles: input.roles, password: passwordHash !== null } });
      const user = (await userById(client, id))!;
      await userChanged(client, user);
      return user;
    });
  }

  updateUser(actor: Actor, id: number, change: z.output<typeof userUpdate>): Promise<UserInfo> {
    return inTransaction(this.pool, async (client) => {
      const before = await userById(client, id);
      if (!before) throw new HubError('not_found', `There is no user ${id}.`);
      if (change.unitId !== undefined && !(await unitById(client, change.unitId))) throw new HubError('invalid_input', `There is no unit ${change.unitId}.`);
      const losesAdmin = before.roles.includes('admin') && !before.disabled && (change.disabled === true || (change.roles !== undefined && !change.roles.includes('admin')));
      if (losesAdmin && (await otherActiveAdmins(client, id)) === 0) throw new HubError('conflict', 'This is the last enabled administrator: make another one first.');
      await updateUserRow(client, id, change);
      if (change.roles) await setRoles(client, id, change.roles);
      const revoked = change.disabled ? await revokeUserSessions(client, id, actor) : 0;
      await appendAudit(client, { actor, action: 'user.update', subject: `user:${id}`, details: { ...change, sessionsRevoked: revoked } });
      const user = (await userById(client, id))!;
      await userChanged(client, user);
      if (user.unitId !== before.unitId || user.roles.join() !== before.roles.join()) await accessChanged(client, user.id);
      return user;
    });
  }

  /** A new password ends the user's sessions: whoever knew the old one is signed out. */
  async setPassword(actor: Actor, id: number, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await inTransaction(this.pool, async (client) => {
      if (!(await setPasswordHash(client, id, passwordHash))) throw new HubError('not_found', `There is no user ${id}.`);
      const revoked = await revokeUserSessions(client, id, actor);
      await appendAudit(client, { actor, action: 'user.password', subject: `user:${id}`, details: { sessionsRevoked: revoked } });
    });
  }

  registerCertificate(actor: Actor, id: number, input: z.output<typeof certificateRegistration>): Promise<UserInfo> {
    const der = decodeCertificate(input.certificate);
    if (!der) throw new HubError('invalid_input', 'That is not one X.509 certificate (DER in base64, or PEM).', { issues: [{ path: 'certificate', message: 'not a certificate' }] });
    return this.registerDer(actor, id, der);
  }

  registerDer(actor: Actor, id: number, der: Uint8Array): Promise<UserInfo> {
    const certificate = describeCertificate(der);
    return inTransaction(this.pool, async (client) => {
      if (!(await userById(client, id))) throw new HubError('not_found', `There is no user ${id}.`);
      if (!(await insertCertificate(client, id, certificate))) throw new HubError('conflict', 'This certificate is registered already (to this or another user).');
      await appendAudit(client, { actor, action: 'user.certificate.add', subject: `user:${id}`, details: { sha256: certificate.sha256, subject: certificate.subject } });
      return (await userById(client, id))!;
    });
  }

  removeCertificate(actor: Actor, id: number, sha256: string): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      if (!(await deleteCertificate(client, id, sha256))) throw new HubError('not_found', 'This user has no such certificate.');
      await appendAudit(client, { actor, action: 'user.certificate.remove', subject: `user:${id}`, details: { sha256 } });
    });
  }

  listRegisters(): Promise<RegisterAccess[]> {
    return listRegisterAccess(this.pool);
  }

  /**
   * Restricts a register (its documents then seen by its named readers only) or lifts the
   * restriction (they fall back under the rule for every document: clerks, leaders, grants). The
   * readers are kept either way, so restricting again names the same people. Refused: restricting
   * a default register (it takes the agency's daily mail, which its clerks would lose), or one
   * with no reader (its documents would be seen by nobody). Everyone whose sight of its documents
   * moved is sent access.changed, in the same transaction (docs/architecture.md "Document access").
   */
  setRegisterRestricted(actor: Actor, id: number, restricted: boolean): Promise<RegisterAccess> {
    return this.changeRegister(actor, id, null, async (client, register) => {
      if (register.restricted === restricted) return null;
      if (restricted && register.isDefault) throw new HubError('conflict', 'A default register takes every document of its kind: restricting it would hide the agency’s daily documents from its clerks.');
      if (restricted && register.readers.length === 0) throw new HubError('conflict', 'Name the register’s readers first: restricted with none, its documents would be seen by nobody.');
      return async () => {
        await setRegisterRestricted(client, id, restricted);
        return { action: restricted ? 'register.restrict' : 'register.unrestrict', details: { documents: register.documents, readers: register.readers.map((reader) => reader.id) } };
      };
    });
  }

  /**
   * Names a reader of a register: an enabled account with a role that sees documents (an
   * administrator alone sees none, so naming him would promise what the rule does not do).
   * Naming one already named changes nothing.
   */
  addRegisterReader(actor: Actor, id: number, userId: number): Promise<RegisterAccess> {
    return this.changeRegister(actor, id, userId, async (client, register) => {
      const user = await userById(client, userId);
      if (!user || user.disabled || !user.roles.some((role) => role !== 'admin')) {
        throw new HubError('invalid_input', `User ${userId} does not exist, is disabled or is an administrator only, who sees no document.`, { issues: [{ path: 'userId', message: 'not a user who sees documents' }] });
      }
      return async () => {
        if (!(await addRegisterReader(client, id, userId))) return null;
        return { action: 'register.reader.add', details: { userId, username: user.username, restricted: register.restricted } };
      };
    });
  }

  /** Removes a reader; a restricted register keeps at least one (lift the restriction instead). */
  removeRegisterReader(actor: Actor, id: number, userId: number): Promise<RegisterAccess> {
    return this.changeRegister(actor, id, userId, async (client, register) => {
      const reader = register.readers.find((named) => named.id === userId);
      if (!reader) throw new HubError('not_found', `User ${userId} is not a reader of the register ${register.code}.`);
      if (register.restricted && register.readers.length === 1) throw new HubError('conflict', 'This is the restricted register’s last reader: name another first, or lift the restriction.');
      return async () => {
        await removeRegisterReader(client, id, userId);
        return { action: 'register.reader.remove', details: { userId, username: reader.username, restricted: register.restricted } };
      };
    });
  }

  /**
   * A change of a register's access, under its lock: audited, and access.changed to everyone whose
   * sight of its documents it moved, looked at for `userId` only when one reader changes (null:
   * every user, which costs a look at each). `check` refuses, finds nothing to do (null) or gives
   * the change to make, which says what it did (null: nothing); the sight is measured around it only.
   */
  private changeRegister(
    actor: Actor,
    id: number,
    userId: number | null,
    check: (client: pg.PoolClient, register: RegisterAccess) => Promise<(() => Promise<{ action: string; details: Record<string, unknown> } | null>) | null>,
  ): Promise<RegisterAccess> {
    return inTransaction(this.pool, async (client) => {
      const register = await lockRegister(client, id);
      if (!register) throw new HubError('not_found', `There is no register ${id}.`);
      const change = await check(client, register);
      if (!change) return register;
      const users = userId === null ? undefined : [userId];
      const before = await registerSight(client, id, users);
      const done = await change();
      if (!done) return register;
      const changed = sightChanged(before, await registerSight(client, id, users));
      await appendAudit(client, { actor, action: done.action, subject: `register:${id}`, details: { code: register.code, ...done.details, accessChanged: changed } });
      for (const user of changed) await accessChanged(client, user);
      return (await registerAccess(client, id))!;
    });
  }

  revokeSession(actor: Actor, sessionId: string): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      const revoked = await revokeSession(client, sessionId, actor);
      if (!revoked) throw new HubError('not_found', 'There is no such session, or it was revoked already.');
      await appendAudit(client, { actor, action: 'session.revoke', subject: `session:${sessionId}`, details: { userId: revoked.userId } });
    });
  }
}

/** The agency's directory (units, and who is who) is every desk's: it lists them to assign work. */
const EVERYONE = { roles: [...ROLES] };

function unitChanged(client: Queryable, unit: UnitInfo): Promise<void> {
  return recordChange(client, { kind: 'directory.unit', subject: `unit:${unit.id}`, payload: unit, audience: EVERYONE });
}

/** The user's own desk only: its replica was chosen by what he could see before (his unit, roles, registers). */
function accessChanged(client: Queryable, userId: number): Promise<void> {
  return recordChange(client, { kind: ACCESS_CHANGED, subject: `user:${userId}`, payload: { id: userId }, audience: { users: [userId] } });
}

/** Only what a colleague's desk needs: not the sign-in methods or certificates. */
function userChanged(client: Queryable, user: UserInfo): Promise<void> {
  const payload = { id: user.id, username: user.username, displayName: user.displayName, unitId: user.unitId, roles: user.roles, disabled: user.disabled };
  return recordChange(client, { kind: 'directory.user', subject: `user:${user.id}`, payload, audience: EVERYONE });
}

/** The admin API for units, users, certificates, sessions, restricted registers' readers and the audit log: the admin role only. */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import {
  auditListQuery,
  certificateParam,
  certificateRegistration,
  idParam,
  passwordChange,
  sessionIdParam,
  sessionListQuery,
  unitCreate,
  unitUpdate,
  userCreate,
  userUpdate,
} from '../../../shared/hub/accounts.js';
import { registerParam, registerReaderParam, registerRestriction } from '../../../shared/hub/registers.js';
import type { Administration } from '../../accounts/administration.js';
import { signedInAccount } from '../access.js';

const admin = { access: 'admin' } as const;

export function adminRoutes(app: FastifyInstance, administration: Administration): void {
  const actor = (request: Parameters<typeof signedInAccount>[0]) => signedInAccount(request).username;

  app.get('/api/admin/units', { config: admin }, () => administration.listUnits());
  app.post<{ Body: z.output<typeof unitCreate> }>('/api/admin/units', { schema: { body: unitCreate }, config: admin }, async (request, reply) =>
    reply.code(201).send(await administration.createUnit(actor(request), request.body)),
  );
  app.patch<{ Params: z.output<typeof idParam>; Body: z.output<typeof unitUpdate> }>('/api/admin/units/:id', { schema: { params: idParam, body: unitUpdate }, config: admin }, (request) =>
    administration.updateUnit(actor(request), request.params.id, request.body),
  );

  app.get('/api/admin/users', { config: admin }, () => administration.listUsers());
  app.post<{ Body: z.output<typeof userCreate> }>('/api/admin/users', { schema: { body: userCreate }, config: admin }, async (request, reply) =>
    reply.code(201).send(await administration.createUser(actor(request), request.body)),
  );
  app.patch<{ Params: z.output<typeof idParam>; Body: z.output<typeof userUpdate> }>('/api/admin/users/:id', { schema: { params: idParam, body: userUpdate }, config: admin }, (request) =>
    administration.updateUser(actor(request), request.params.id, request.body),
  );
  app.put<{ Params: z.output<typeof idParam>; Body: z.output<typeof passwordChange> }>(
    '/api/admin/users/:id/password',
    { schema: { params: idParam, body: passwordChange }, config: admin },
    async (request, reply) => {
      await administration.setPassword(actor(request), request.params.id, request.body.password);
      return reply.code(204).send();
    },
  );
  app.post<{ Params: z.output<typeof idParam>; Body: z.output<typeof certificateRegistration> }>(
    '/api/admin/users/:id/certificates',
    { schema: { params: idParam, body: certificateRegistration }, config: admin },
    async (request, reply) => reply.code(201).send(await administration.registerCertificate(actor(request), request.params.id, request.body)),
  );
  app.delete<{ Params: z.output<typeof certificateParam> }>('/api/admin/users/:id/certificates/:sha256', { schema: { params: certificateParam }, config: admin }, async (request, reply) => {
    await administration.removeCertificate(actor(request), request.params.id, request.params.sha256);
    return reply.code(204).send();
  });

  app.get<{ Querystring: z.output<typeof sessionListQuery> }>('/api/admin/sessions', { schema: { querystring: sessionListQuery }, config: admin }, (request) =>
    administration.listSessions(request.query),
  );
  app.delete<{ Params: z.output<typeof sessionIdParam> }>('/api/admin/sessions/:id', { schema: { params: sessionIdParam }, config: admin }, async (request, reply) => {
    await administration.revokeSession(actor(request), request.params.id);
    return reply.code(204).send();
  });

  app.get('/api/admin/registers', { config: admin }, () => administration.listRegisters());
  app.patch<{ Params: z.output<typeof registerParam>; Body: z.output<typeof registerRestriction> }>(
    '/api/admin/registers/:id',
    { schema: { params: registerParam, body: registerRestriction }, config: admin },
    (request) => administration.setRegisterRestricted(actor(request), request.params.id, request.body.restricted),
  );
  // Naming a reader is idempotent (PUT); each answers the register as it now is.
  app.put<{ Params: z.output<typeof registerReaderParam> }>('/api/admin/registers/:id/readers/:userId', { schema: { params: registerReaderParam }, config: admin }, (request) =>
    administration.addRegisterReader(actor(request), request.params.id, request.params.userId),
  );
  app.delete<{ Params: z.output<typeof registerReaderParam> }>('/api/admin/registers/:id/readers/:userId', { schema: { params: registerReaderParam }, config: admin }, (request) =>
    administration.removeRegisterReader(actor(request), request.params.id, request.params.userId),
  );

  app.get<{ Querystring: z.output<typeof auditListQuery> }>('/api/admin/audit', { schema: { querystring: auditListQuery }, config: admin }, (request) =>
    administration.listAudit(request.query),
  );
  // The whole chain is read (in pages) and hashed again: the admin asks for it, it is not polled.
  app.get('/api/admin/audit/chain', { config: admin }, () => administration.verifyAudit());
}

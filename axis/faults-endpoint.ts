/**
 * The operator's switch for fault injection, so that one test can turn faults on and off on a
 * running axis: GET shows the plan and what was injected, PUT sets a plan (JSON body), DELETE
 * turns injection off. Only the admin credential may call it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { VXP_ERROR } from '../shared/axis/vxp.js';
import { authenticate, headerValue, type AuthSettings } from './auth.js';
import { AxisFailure, badRequest, okEnvelope, sendEnvelope } from './envelope.js';
import { faultPlanSchema, type FaultInjector, type FaultPlan } from './faults.js';

export const FAULTS_PATH = '/admin/faults';
const MAX_PLAN_BYTES = 64 * 1024;

interface FaultSettings extends Omit<AuthSettings, 'now'> {
  faults: FaultInjector | null;
  makeInjector: (plan: FaultPlan) => FaultInjector;
}

/** Answers the request; returns what to log. */
export async function handleFaultsRequest(req: IncomingMessage, res: ServerResponse, settings: FaultSettings): Promise<string> {
  const { caller } = authenticate((name) => headerValue(req, name), { ...settings, now: Date.now() });
  if (caller.kind !== 'admin') throw new AxisFailure(VXP_ERROR.badCredentials, `${FAULTS_PATH} needs the axis admin credential`);
  switch (req.method) {
    case 'GET':
      break;
    case 'PUT': {
      const parsed = faultPlanSchema.safeParse(await readJson(req));
      if (!parsed.success) throw badRequest(`not a fault plan: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`);
      settings.faults = settings.makeInjector(parsed.data);
      break;
    }
    case 'DELETE':
      settings.faults = null;
      break;
    default:
      throw new AxisFailure(VXP_ERROR.invalidFile, `${FAULTS_PATH} takes GET, PUT or DELETE`, 405);
  }
  sendEnvelope(res, 200, okEnvelope({ plan: settings.faults?.plan ?? null, counts: settings.faults?.counts ?? {} }));
  return `faults ${req.method}`;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PLAN_BYTES) throw badRequest(`a fault plan is at most ${MAX_PLAN_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badRequest('the body must be JSON');
  }
}

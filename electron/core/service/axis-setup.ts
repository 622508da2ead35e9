/**
 * First-run checks against an axis: credentials are tried with one cheap signed call before
 * they are saved, so a typo is reported on the setup form rather than later in the status bar.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors.js';
import { AxisError } from '../exchange/axis-client/types.js';
import { createVxpClient } from '../exchange/axis-client/vxp-adapter.js';
import { axisProblemCode, axisProblemField } from '../exchange/axis-problem.js';

/**
 * The axis's answer goes back as it came: `axisProblem` says which problem it is (the form's words
 * for it, e.g. a wrong secret), the field it concerns carries the axis's own words, and
 * `axisError` its code, for "Chi tiết".
 */
export async function checkAxisConnection(axisUrl: string, agencyCode: string, secret: string): Promise<void> {
  try {
    await createVxpClient({ baseUrl: axisUrl, systemId: agencyCode, secret, timeoutMs: 15_000 }).countReceived('edoc');
  } catch (error) {
    const problem = axisProblemCode(error);
    const said = error instanceof AxisError ? (error.axisSaid ?? error.message) : error instanceof Error ? error.message : String(error);
    const fields = { [axisProblemField(problem)]: said, axisProblem: problem, ...(error instanceof AxisError && { axisError: error.code }) };
    if (error instanceof AxisError && error.kind === 'permanent') throw new ApiError('invalid_input', error.message, fields);
    throw new ApiError('unavailable', `Cannot reach the axis at ${axisUrl}: ${error instanceof Error ? error.message : String(error)}`, fields);
  }
}

export interface DemoAgency {
  code: string;
  name: string;
  secret: string;
}

/** The sample agencies the embedded demo axis wrote when it seeded itself. */
export async function readDemoAgencies(axisDataDir: string): Promise<DemoAgency[]> {
  return JSON.parse(await readFile(path.join(axisDataDir, 'demo-credentials.json'), 'utf8')) as DemoAgency[];
}

/**
 * The directory calls: the agency list in both code forms, incremental synchronisation, and the
 * operator's registration and deletion of agencies. Rows are mapped field by field so that a
 * secret can never reach a response.
 */
import { RECEIVED_AGENCY_ID } from '../../shared/domain/agency.js';
import { VXP_ERROR, type VxpAgencyRow, type VxpCall, type VxpSyncUnitRow } from '../../shared/axis/vxp.js';
import { ADMIN_SYSTEM_ID, generateSecret } from '../auth.js';
import { AxisFailure, badRequest } from '../envelope.js';
import type { AgencyRecord } from '../store/axis-store.js';
import { type CallContext, type CallHandler, optionalCount, requireParam } from './context.js';

export interface VxpQd20Row {
  id: string;
  code: string;
  name: string;
  mail: string | null;
  code102: string;
}

function getAgenciesList({ store }: CallContext): VxpAgencyRow[] {
  return store.listAgencies().map((agency) => ({
    id: agency.code,
    pid: agency.pid,
    code: agency.code,
    name: agency.name,
    mail: agency.mail,
    oldCode: agency.oldCode,
  }));
}

/** QĐ 20 codes put level 1 leftmost, one dot-separated segment per level. */
function getAgenciesListQD20({ params, store }: CallContext): VxpQd20Row[] {
  const level = optionalCount(params, 'level');
  const rows: VxpQd20Row[] = [];
  for (const agency of store.listAgencies()) {
    if (agency.codeQd20 === null) continue;
    if (level !== undefined && agency.codeQd20.split('.').length !== level) continue;
    rows.push({ id: agency.code, code: agency.codeQd20, name: agency.name, mail: agency.mail, code102: agency.code });
  }
  return rows;
}

function getSynchronizeUnit({ params, store }: CallContext): { version: number; rows: VxpSyncUnitRow[] } {
  const { version, rows } = store.directoryChanges(optionalCount(params, 'version') ?? null);
  return { version, rows: rows.map(toSyncRow) };
}

function toSyncRow(agency: AgencyRecord): VxpSyncUnitRow {
  return {
    code: agency.code,
    codeQd20: agency.codeQd20,
    pid: agency.pid,
    name: agency.name,
    mail: agency.mail,
    version: agency.version,
    deleted: agency.deleted,
    modifyDate: agency.modifyDate,
  };
}

/** Returns the agency's credentials: a new agency gets a fresh secret, a live one keeps its own. */
function registerAgency({ params, store }: CallContext): { code: string; secret: string } {
  const code = requireParam(params, 'code');
  if (!RECEIVED_AGENCY_ID.test(code) || code === ADMIN_SYSTEM_ID) throw badRequest(`${code} is not a usable agency code`);
  const pid = params.pid || null;
  if (pid !== null && !store.getAgency(pid)) throw new AxisFailure(VXP_ERROR.invalidFile, `parent agency ${pid} is not in the directory`);
  const agency = store.registerAgency({
    code,
    name: percentDecoded(requireParam(params, 'name'), 'name'),
    codeQd20: params.codeqd20 || null,
    pid,
    mail: params.mail ? percentDecoded(params.mail, 'mail') : null,
    oldCode: params.oldcode || null,
    secret: generateSecret(),
  });
  return { code: agency.code, secret: agency.secret! };
}

/** [I] Header values are ASCII, so Vietnamese names travel percent-encoded (UTF-8). */
function percentDecoded(value: string, name: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw badRequest(`${name} must be percent-encoded UTF-8`);
  }
}

function deleteAgency({ params, store }: CallContext): null {
  const code = requireParam(params, 'agencycode');
  if (!store.deleteAgency(code)) throw new AxisFailure(VXP_ERROR.invalidFile, `agency ${code} is not in the directory`);
  return null;
}

export const DIRECTORY_CALLS = {
  getAgenciesList: { audience: 'any', run: getAgenciesList },
  getAgenciesListQD20: { audience: 'any', run: getAgenciesListQD20 },
  getSynchronizeUnit: { audience: 'any', run: getSynchronizeUnit },
  registerAgency: { audience: 'admin', run: registerAgency },
  deleteAgency: { audience: 'admin', run: deleteAgency },
} satisfies Partial<Record<VxpCall, CallHandler>>;

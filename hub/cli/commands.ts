/**
 * `npm run hub -- unit …`, `user …`, `register …`: the first set-up of an agency on the
 * server itself (the first administrator cannot be made through the API). They go through the
 * same checks and audit log as the admin API, as the actor `cli`.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import type { z } from 'zod';
import { newPassword, unitCode, unitCreate, userCreate, username as usernameSchema, ROLES, type UnitInfo } from '../../shared/hub/accounts.js';
import { Administration } from '../accounts/administration.js';
import { decodeCertificate } from '../accounts/sign-in-certificate.js';
import { HubError } from '../errors.js';
import { importStandalone } from '../import/import-standalone.js';
import { HOLIDAY_VERBS, runHolidays } from './holidays.js';
import { REGISTER_VERBS, runRegisters } from './registers.js';
import type { HubRuntime } from '../runtime.js';
import { invalidInput } from '../http/zod-validation.js';
import { unitByCode } from '../store/units.js';
import { passwordOf } from '../store/users.js';
import { passwordFromStdin, promptPassword, type CommandIo } from './password-input.js';

export const COMMAND_USAGE = `Set-up commands (run on the hub's server; they work beside a running hub):
  npm run hub -- unit add --code VP --name "Văn phòng" [--parent CODE]
  npm run hub -- unit list
  npm run hub -- user add --username an --name "Nguyễn Văn An" --unit VP --role leader [--role admin]…
                          [--password-stdin] [--certificate FILE.pem|.cer]
  npm run hub -- user password --username an [--password-stdin]
  npm run hub -- user list
  npm run hub -- register list
  npm run hub -- register restrict|unrestrict --code CODE
  npm run hub -- register add-reader|remove-reader --code CODE --username an
  npm run hub -- import <the standalone VanThu's data folder>   (into a new hub; VanThu closed there)
  npm run hub -- holidays list [--year 2027]
  npm run hub -- holidays add --date 2027-02-05 [--kind day_off|make_up_day] --note "Tết Âm lịch"
  npm run hub -- holidays remove --date 2027-02-05
  npm run hub -- holidays import FILE   (replaces the years FILE lists; the lines list prints)
Roles: ${ROLES.join(', ')}. Without --password-stdin the password is asked on the terminal;
with neither a terminal nor --password-stdin the user signs in with a token certificate only.
Common options: --data-dir DIR (or DATABASE_URL for the agency's PostgreSQL).`;

export class UsageError extends Error {}

const OPTIONS = {
  code: { type: 'string' },
  name: { type: 'string' },
  parent: { type: 'string' },
  username: { type: 'string' },
  unit: { type: 'string' },
  role: { type: 'string', multiple: true },
  'password-stdin': { type: 'boolean' },
  certificate: { type: 'string' },
  'data-dir': { type: 'string' },
  date: { type: 'string' },
  kind: { type: 'string' },
  note: { type: 'string' },
  year: { type: 'string' },
} as const;

/** `from`: the folder `import` names; `file`: the file `holidays import` names. */
export type CommandFlags = ParsedFlags & { from?: string; file?: string };
type ParsedFlags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

export function parseCommand(argv: readonly string[]): { command: string; flags: CommandFlags } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [noun, verb, ...rest] = parsed.positionals;
  if (noun === 'import') {
    if (!verb || rest.length > 0) throw new UsageError('import takes one folder: npm run hub -- import <data folder>');
    return { command: 'import', flags: { ...parsed.values, from: verb } };
  }
  if (noun === 'holidays' && verb === 'import') {
    if (rest.length !== 1) throw new UsageError('holidays import takes one file: npm run hub -- holidays import <file>');
    return { command: 'holidays import', flags: { ...parsed.values, file: rest[0] } };
  }
  if (rest.length > 0) throw new UsageError(`unexpected: ${rest.join(' ')}`);
  const command = `${noun} ${verb}`;
  const known = ['unit add', 'unit list', 'user add', 'user password', 'user list', ...HOLIDAY_VERBS.map((holidayVerb) => `holidays ${holidayVerb}`), ...REGISTER_VERBS.map((registerVerb) => `register ${registerVerb}`)];
  if (!known.includes(command)) throw new UsageError(`unknown command: ${parsed.positionals.join(' ')}`);
  return { command, flags: parsed.values };
}

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error);
  return result.data;
}

async function requireUnit(pool: pg.Pool, code: string | undefined, option: string): Promise<UnitInfo> {
  if (!code) throw new UsageError(`${option} CODE is required`);
  const unit = await unitByCode(pool, parsed(unitCode, code));
  if (!unit) throw new HubError('not_found', `There is no unit with the code ${code} (npm run hub -- unit list).`);
  return unit;
}

async function password(io: CommandIo, flags: CommandFlags): Promise<string | undefined> {
  const typed = flags['password-stdin'] ? await passwordFromStdin(io) : await promptPassword(io);
  return typed === null ? undefined : parsed(newPassword, typed);
}

export async function runCommand(runtime: Pick<HubRuntime, 'pool' | 'blobs'>, command: string, flags: CommandFlags, io: CommandIo): Promise<void> {
  const { pool } = runtime;
  const administration = new Administration(pool);
  const print = (line: string) => io.stdout.write(`${line}\n`);
  switch (command) {
    case 'unit add': {
      const parent = flags.parent ? await requireUnit(pool, flags.parent, '--parent') : null;
      const unit = await administration.createUnit('cli', parsed(unitCreate, { code: flags.code, name: flags.name, parentId: parent?.id ?? null }));
      print(`Unit ${unit.code} "${unit.name}" added (id ${unit.id}${parent ? `, under ${parent.code}` : ''}).`);
      return;
    }
    case 'unit list': {
      const units = await administration.listUnits();
      const codeOf = new Map(units.map((unit) => [unit.id, unit.code]));
      for (const unit of units) print(`${unit.code}\t${unit.name}${unit.parentId ? `\t(under ${codeOf.get(unit.parentId)})` : ''}`);
      if (units.length === 0) print('No units yet: npm run hub -- unit add --code VP --name "Văn phòng"');
      return;
    }
    case 'user add': {
      const unit = await requireUnit(pool, flags.unit, '--unit');
      const input = parsed(userCreate, { username: flags.username, displayName: flags.name, unitId: unit.id, roles: flags.role ?? [] });
      const certificate = flags.certificate ? await readFile(flags.certificate) : null;
      const user = await administration.createUser('cli', { ...input, password: await password(io, flags) });
      const withCertificate = certificate ? await administration.registerDer('cli', user.id, certificateDer(certificate, flags.certificate!)) : user;
      print(`User ${user.username} added to ${unit.code} with the roles ${user.roles.join(', ')} (id ${user.id}).`);
      if (withCertificate.certificates[0]) print(`Token certificate registered: ${withCertificate.certificates[0].subject}`);
      if (!user.hasPassword && !certificate) print('No password and no certificate yet: set one with npm run hub -- user password --username ' + user.username);
      return;
    }
    case 'user password': {
      const name = parsed(usernameSchema, flags.username);
      const user = await passwordOf(pool, name);
      if (!user) throw new HubError('not_found', `There is no user ${name}.`);
      const chosen = await password(io, flags);
      if (chosen === undefined) throw new UsageError('give the password on standard input with --password-stdin, or run this on a terminal');
      await administration.setPassword('cli', user.id, chosen);
      print(`Password of ${name} set; the sessions it had are ended.`);
      return;
    }
    case 'import': {
      const summary = await importStandalone({ ...runtime, dataDir: flags.from!, progress: print });
      print(`Imported ${summary.documents} document(s), ${summary.registers} register(s), ${summary.blobs} file(s) and ${summary.auditRows} audit record(s) from ${flags.from}.`);
      const left = Object.entries(summary.leftAtTheDesk);
      if (left.length > 0) print(`Left in the standalone folder (rebuilt by the hub, or the clerk's own): ${left.map(([table, rows]) => `${table} ${rows}`).join(', ')}.`);
      return;
    }
    case 'holidays list':
    case 'holidays add':
    case 'holidays remove':
    case 'holidays import':
      return runHolidays(pool, command.slice('holidays '.length) as (typeof HOLIDAY_VERBS)[number], flags, print);
    case 'register list':
    case 'register restrict':
    case 'register unrestrict':
    case 'register add-reader':
    case 'register remove-reader':
      return runRegisters(pool, administration, command.slice('register '.length) as (typeof REGISTER_VERBS)[number], flags, print);
    case 'user list': {
      const units = new Map((await administration.listUnits()).map((unit) => [unit.id, unit.code]));
      for (const user of await administration.listUsers()) {
        print(`${user.username}\t${user.displayName}\t${units.get(user.unitId)}\t${user.roles.join(',')}${user.disabled ? '\t(disabled)' : ''}`);
      }
      return;
    }
  }
}

function certificateDer(bytes: Buffer, file: string): Uint8Array {
  const der = decodeCertificate(new Uint8Array(bytes));
  if (!der) throw new HubError('invalid_input', `${file} is not one X.509 certificate (PEM or DER).`);
  return der;
}

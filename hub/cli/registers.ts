/**
 * `npm run hub -- register list|restrict|unrestrict|add-reader|remove-reader`: IT names the readers
 * of a restricted register (sổ hạn chế) on the server itself (docs/it-admin.md). They go through
 * the same checks, audit rows and access.changed as the admin API, as the actor `cli`.
 */
import type pg from 'pg';
import { username as usernameSchema } from '../../shared/hub/accounts.js';
import type { RegisterAccess } from '../../shared/hub/registers.js';
import type { Administration } from '../accounts/administration.js';
import { HubError } from '../errors.js';
import { invalidInput } from '../http/zod-validation.js';
import { passwordOf } from '../store/users.js';

export const REGISTER_VERBS = ['list', 'restrict', 'unrestrict', 'add-reader', 'remove-reader'] as const;

export interface RegisterFlags {
  code?: string;
  username?: string;
}

const line = (register: RegisterAccess) =>
  [
    register.code,
    register.name,
    register.restricted ? 'restricted' : 'open',
    `${register.documents} document(s)`,
    register.readers.length === 0 ? 'no readers' : `readers: ${register.readers.map((reader) => reader.username + (reader.disabled ? ' (disabled)' : '')).join(', ')}`,
  ].join('\t');

async function registerNamed(administration: Administration, code: string | undefined): Promise<RegisterAccess> {
  if (!code) throw new HubError('invalid_input', '--code CODE is required (npm run hub -- register list).');
  const register = (await administration.listRegisters()).find((candidate) => candidate.code === code.trim());
  if (!register) throw new HubError('not_found', `There is no register with the code ${code} (npm run hub -- register list).`);
  return register;
}

async function userNamed(pool: pg.Pool, name: string | undefined): Promise<number> {
  const parsed = usernameSchema.safeParse(name);
  if (!parsed.success) throw invalidInput(parsed.error);
  const user = await passwordOf(pool, parsed.data);
  if (!user) throw new HubError('not_found', `There is no user ${parsed.data} (npm run hub -- user list).`);
  return user.id;
}

export async function runRegisters(pool: pg.Pool, administration: Administration, verb: (typeof REGISTER_VERBS)[number], flags: RegisterFlags, print: (line: string) => void): Promise<void> {
  if (verb === 'list') {
    for (const register of await administration.listRegisters()) print(line(register));
    return;
  }
  const register = await registerNamed(administration, flags.code);
  switch (verb) {
    case 'restrict':
    case 'unrestrict':
      print(line(await administration.setRegisterRestricted('cli', register.id, verb === 'restrict')));
      return;
    case 'add-reader':
      print(line(await administration.addRegisterReader('cli', register.id, await userNamed(pool, flags.username))));
      return;
    case 'remove-reader':
      print(line(await administration.removeRegisterReader('cli', register.id, await userNamed(pool, flags.username))));
      return;
  }
}

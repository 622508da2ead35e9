/**
 * Registers (sổ đăng ký): the list, new registers, a year's book page by page, and the book as a
 * PDF or XLSX file.
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { RegisterDirection } from '../../../shared/api/registers.js';
import { exportTable } from '../export/export-file.js';
import { registerTable } from '../export/register-export.js';
import type { Db } from '../store/database.js';
import { createRegister, getRegister, listRegisters, registerEntries, registerForNumbering, setRegisterActive } from '../store/registers.js';
import { authorizeExport } from './export-policy.js';
import type { CoreContext, HandlerMap } from './handlers.js';

/** The most lines one export holds; a register takes a few thousand a year. */
const MAX_EXPORT_ROWS = 100_000;

/** The register a number is taken from (the default one when none is asked for), or an actionable error. */
export function requireRegister(db: Db, direction: RegisterDirection, id: number | undefined): { id: number; code: string } {
  const register = registerForNumbering(db, direction, id);
  if (register) return register;
  const which = direction === 'in' ? 'incoming' : 'outgoing';
  if (id === undefined) throw new ApiError('internal', `There is no default ${which} register; the database is damaged.`);
  throw new ApiError('invalid_input', `Register ${id} is not an open ${which} register: choose one from registers.list.`, { register: `an open ${which} register` });
}

export function registerHandlers(ctx: CoreContext): HandlerMap<'registers.list' | 'registers.create' | 'registers.setActive' | 'registers.entries' | 'registers.export'> {
  const { db } = ctx;
  const registerOf = (id: number) => {
    const register = getRegister(db, id);
    if (!register) throw new ApiError('not_found', `Register ${id} does not exist.`);
    return register;
  };

  return {
    'registers.list': () => listRegisters(db),

    'registers.create': (input) => {
      const id = createRegister(db, input);
      if (id === null) throw new ApiError('conflict', `A register with the code “${input.code}” exists already; choose another code.`, { code: 'a code not used yet' });
      return registerOf(id);
    },

    'registers.setActive': ({ register, active }) => {
      registerOf(register);
      if (!setRegisterActive(db, register, active)) throw new ApiError('conflict', `Register ${register} is a default register: it stays open.`, { register: 'not a default register' });
      return registerOf(register);
    },

    'registers.entries': ({ register, year, limit, offset }) => {
      const info = registerOf(register);
      return { register: info, year, ...registerEntries(db, info, year, limit, offset) };
    },

    'registers.export': async ({ register, year, format }) => {
      const info = registerOf(register);
      authorizeExport(ctx, `register:${info.code}`, { year, format });
      const { rows } = registerEntries(db, info, year, MAX_EXPORT_ROWS, 0);
      return exportTable(ctx.files, registerTable(info, year, rows), format, `so-${info.code}-${year}`);
    },
  };
}

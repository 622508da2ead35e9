/**
 * The admin API for the agency's registers as the access rule sees them: which are restricted
 * (sổ hạn chế) and who their named readers are (người được xem sổ). docs/architecture.md,
 * "Document access"; docs/it-admin.md, "Restricted registers and their readers". The hub
 * validates every request against these schemas; a desk builds requests from the same ones.
 */
import { z } from 'zod';

const recordId = z.coerce.number().pipe(z.number().int().positive().max(2_147_483_647));

export const registerParam = z.object({ id: recordId }).strict();
export const registerReaderParam = z.object({ id: recordId, userId: recordId }).strict();
/** `PATCH /api/admin/registers/:id`: restrict the register, or lift the restriction. */
export const registerRestriction = z.object({ restricted: z.boolean() }).strict();

export interface RegisterReader {
  id: number;
  username: string;
  displayName: string;
  disabled: boolean;
}

export interface RegisterAccess {
  id: number;
  code: string;
  name: string;
  direction: 'in' | 'out';
  internal: boolean;
  isDefault: boolean;
  active: boolean;
  restricted: boolean;
  /** How many documents are entered in it (every year). */
  documents: number;
  /** Its named readers: while it is restricted, the only people who see its documents. */
  readers: RegisterReader[];
}

/** This agency's name as its records print it (the directory's name, else its code). */
import { findAgency } from '../store/agencies.js';
import type { CoreContext } from './handlers.js';

export function ownAgencyName(ctx: CoreContext): string {
  const connection = ctx.connection();
  if (!connection) return '';
  return connection.agencyName ?? findAgency(ctx.db, connection.agencyCode)?.name ?? connection.agencyCode;
}

/**
 * A failed call as the window receives it, the same whether the normal core or the recovery core
 * answered: the API's own errors as they are, storage failures by their kind (disk full,
 * read-only, damaged), anything else 'internal' and logged, since only a bug gets there.
 */
import { ApiError } from '../../../shared/api/errors.js';
import type { CallReply } from '../../../shared/api/transport.js';
import { logError } from '../logging/log.js';
import { storageError } from '../store/storage-errors.js';

export function failedReply(method: unknown, error: unknown): Extract<CallReply, { ok: false }> {
  const apiError = error instanceof ApiError ? error : storageError(error);
  if (apiError) return { ok: false, error: apiError.toBody() };
  logError('[core] call failed', typeof method === 'string' ? method : '?', error);
  return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
}

import { ApiError } from '../../shared/api/errors.js';

/** Whatever was thrown, as an ApiError: transports throw ApiError, anything else is a bug. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('internal', message);
}

/** A reply that is not a CallReply at all. */
export function isCallReply(value: unknown): value is { ok: true; result: unknown } | { ok: false; error: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as { ok?: unknown };
  return reply.ok === true ? 'result' in value : reply.ok === false && 'error' in value;
}

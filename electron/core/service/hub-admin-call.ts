/**
 * The admin's calls from a desk to the hub (Quản trị): made with the session the desk is signed in
 * with; the hub decides who may, and the desk says in its own words why an answer did not come.
 */
import { ApiError } from '../../../shared/api/errors.js';
import { HubRefusedError, HubSessionEndedError, HubUnreachableError, type HubClient } from '../hub-link/hub-client.js';
import type { HubLink } from '../hub-link/hub-link.js';

/** `what`: what only the hub's administrators may do, for the refusal's message ("read the audit log"). */
export function hubAdminCall(link: HubLink, what: string): <T>(call: (client: HubClient) => Promise<T>) => Promise<T> {
  return async (call) => {
    const client = link.client();
    if (!client) throw new ApiError('not_configured', 'This desk is not signed in to the agency server.');
    return call(client).catch((error: unknown) => {
      throw hubAnswerError(error, what);
    });
  };
}

function hubAnswerError(error: unknown, what: string): Error {
  if (error instanceof HubRefusedError) {
    if (error.status === 403) return new ApiError('forbidden', `The agency server lets only its administrators ${what}. ${error.message}`);
    if (error.status === 404) return new ApiError('not_found', error.message);
    if (error.status === 409) return new ApiError('conflict', error.message);
    return new ApiError('invalid_input', error.message);
  }
  if (error instanceof HubSessionEndedError) return new ApiError('unauthorized', `The session at the agency server has ended: sign in again. ${error.message}`);
  if (error instanceof HubUnreachableError) return new ApiError('unavailable', `The agency server does not answer now. ${error.message}`);
  return error instanceof Error ? error : new Error(String(error));
}

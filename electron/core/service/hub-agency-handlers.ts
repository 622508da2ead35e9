/**
 * The axis's agency directory at a desk in agency mode: the desk keeps no copy (the agency
 * server's exchange pulls it), so choosing the recipients of a draft asks the server, with the
 * session the desk is signed in with. Offline there is no answer: the desk says so in its own
 * words (`unavailable`) rather than search an empty directory. docs/architecture.md, "The desk in
 * agency mode".
 */
import { ApiError } from '../../../shared/api/errors.js';
import { HubRefusedError, HubSessionEndedError, HubUnreachableError, type HubClient } from '../hub-link/hub-client.js';
import type { HubLink } from '../hub-link/hub-link.js';
import type { HandlerMap } from './handlers.js';

export function hubAgencyHandlers(link: HubLink): HandlerMap<'hub.agencies' | 'hub.agencyNames'> {
  const ask = async <T>(call: (client: HubClient) => Promise<T>): Promise<T> => {
    const client = link.client();
    if (!client) throw new ApiError('not_configured', 'This desk is not signed in to the agency server, which keeps the agency directory.');
    return call(client).catch((error: unknown) => {
      throw directoryError(error);
    });
  };
  return {
    'hub.agencies': ({ query, limit, offset }) => ask((client) => client.agencies({ q: query, limit, offset })),
    'hub.agencyNames': ({ ids }) => ask((client) => client.agenciesNamed(ids)),
  };
}

function directoryError(error: unknown): Error {
  if (error instanceof HubUnreachableError) return new ApiError('unavailable', `The agency directory is on the agency server, which does not answer now. ${error.message}`);
  if (error instanceof HubSessionEndedError) return new ApiError('unauthorized', `The session at the agency server has ended: sign in again. ${error.message}`);
  if (error instanceof HubRefusedError) return new ApiError('invalid_input', error.message);
  return error instanceof Error ? error : new Error(String(error));
}

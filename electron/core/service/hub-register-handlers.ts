/**
 * "Quản trị → Sổ hạn chế" at the desk: the agency's registers, which are restricted and who their
 * named readers are, changed at the hub (docs/architecture.md "Document access"). The hub decides
 * who may (its admins) and tells each user whose sight changed; the desk only asks.
 */
import type { HubLink } from '../hub-link/hub-link.js';
import { hubAdminCall } from './hub-admin-call.js';
import type { HandlerMap } from './handlers.js';

type HubRegisterMethod = 'hub.registers' | 'hub.restrictRegister' | 'hub.addRegisterReader' | 'hub.removeRegisterReader';

export function hubRegisterHandlers(link: HubLink): HandlerMap<HubRegisterMethod> {
  const ask = hubAdminCall(link, 'change who reads a restricted register');
  return {
    'hub.registers': () => ask((client) => client.registers()),
    'hub.restrictRegister': ({ registerId, restricted }) => ask((client) => client.restrictRegister(registerId, restricted)),
    'hub.addRegisterReader': ({ registerId, userId }) => ask((client) => client.registerReader(registerId, userId, true)),
    'hub.removeRegisterReader': ({ registerId, userId }) => ask((client) => client.registerReader(registerId, userId, false)),
  };
}

/**
 * Entry of the signer process (utilityProcess under Electron, a Node child in browser mode): the
 * only owner of the tokens. Calls into the driver are synchronous, so requests run one at a
 * time; a driver that hangs blocks only this process, and the client kills it.
 */
import { parseArgs } from 'node:util';
import { connectToParent } from '../core/process/parent-link.js';
import { userTempDirs, type ModulePlaces } from '../core/signing/pkcs11/module-location.js';
import type { SignerRequest, SignerResponse, SignerShutdown } from '../core/signing/pkcs11/signer-protocol.js';
import { TokenError } from '../core/signing/pkcs11/token-error.js';
import { TokenService } from '../core/signing/pkcs11/token-service.js';

const parent = connectToParent<SignerRequest | SignerShutdown, SignerResponse>();
const services = new Map<string, TokenService>();
/** Where a library is never loaded from, whatever the core asks (defence in depth). */
const places: ModulePlaces = { dataDir: parseArgs({ args: process.argv.slice(2), options: { 'data-dir': { type: 'string' } }, strict: true }).values['data-dir'] ?? null, tempDirs: userTempDirs() };

function serviceFor(modulePath: string): TokenService {
  let service = services.get(modulePath);
  if (!service) {
    service = TokenService.load(modulePath, places);
    services.set(modulePath, service);
  }
  return service;
}

function handle(request: SignerRequest): SignerResponse {
  try {
    const service = serviceFor(request.module);
    switch (request.op) {
      case 'listTokens':
        return { id: request.id, ok: true, result: service.listTokens() };
      case 'listCertificates':
        return { id: request.id, ok: true, result: service.listCertificates(request.slot) };
      case 'sign':
        return { id: request.id, ok: true, result: service.sign(request) };
    }
  } catch (error) {
    if (request.op === 'sign') request.pin.fill(0);
    const data = error instanceof TokenError ? error.toData() : { code: 'module_failed' as const, message: `The signer failed: ${error instanceof Error ? error.message : String(error)}` };
    return { id: request.id, ok: false, error: data };
  }
}

parent.onMessage((message) => {
  if (message.op === 'shutdown') {
    for (const service of services.values()) service.close();
    process.exit(0);
  }
  parent.send(handle(message));
});

// In browser mode a parent that dies closes the IPC channel: do not linger as an orphan.
process.on('disconnect', () => process.exit(0));

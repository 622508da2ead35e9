/**
 * Entry of the signer process (utilityProcess under Electron, a Node child in browser mode): the
 * only owner of the tokens. Calls into the driver are synchronous, so requests run one at a
 * time; a driver that hangs blocks only this process, and the client kills it.
 */
import { parseArgs } from 'node:util';
import { RpcPeer, type NoRpcMethods } from '../../shared/rpc/rpc-peer.js';
import { connectToParent } from '../core/process/parent-link.js';
import { userTempDirs, type ModulePlaces } from '../core/signing/pkcs11/module-location.js';
import type { SignerEvent, SignerFailure, SignerMethods } from '../core/signing/pkcs11/signer-protocol.js';
import { TokenError } from '../core/signing/pkcs11/token-error.js';
import { TokenService } from '../core/signing/pkcs11/token-service.js';

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

new RpcPeer<SignerMethods, NoRpcMethods, never, SignerEvent>(connectToParent(), {
  handlers: {
    listTokens: ({ module }) => serviceFor(module).listTokens(),
    listCertificates: ({ module, slot }) => serviceFor(module).listCertificates(slot),
    sign: (request) => {
      try {
        return serviceFor(request.module).sign(request);
      } finally {
        request.pin.fill(0);
      }
    },
  },
  encodeError: (error): SignerFailure => (error instanceof TokenError ? error.toData() : { code: 'module_failed', message: `The signer failed: ${error instanceof Error ? error.message : String(error)}` }),
  onEvent: (event) => {
    if (event.op !== 'shutdown') return;
    for (const service of services.values()) service.close();
    process.exit(0);
  },
});

// In browser mode a parent that dies closes the IPC channel: do not linger as an orphan.
process.on('disconnect', () => process.exit(0));

/**
 * One loaded PKCS#11 module, used from the signer process only: a token must have a single
 * owner (two processes on one token give false "wrong PIN"), and a driver that crashes takes
 * only that process down. Sessions live for one call; the module stays loaded once initialised.
 */
import { existsSync } from 'node:fs';
import { KeyType, Module, ObjectClass, SessionFlag, TokenFlag, UserType, type Session, type Slot } from 'graphene-pk11';
import { describeCertificate, signingRefusal, type CertificateInfo } from '../../pki/certificate-info.js';
import { loginFailure, operationFailure } from './pkcs11-codes.js';
import { TokenError } from './token-error.js';
import { admitModule, type ModulePlaces } from './module-location.js';

export interface TokenInfo {
  /** Slot handle in hex: stable while the token stays inserted. */
  slot: string;
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
  loginRequired: boolean;
  userPinCountLow: boolean;
  userPinFinalTry: boolean;
  userPinLocked: boolean;
  removable: boolean;
}

export interface TokenCertificate extends CertificateInfo {
  /** CKA_ID in hex: the key and its certificate share it. */
  id: string;
  label: string;
  /** Private keys stay hidden until login, so its public half (stored alongside by drivers) counts too. */
  hasPrivateKey: boolean;
}

/** SHA256_RSA_PKCS: the token hashes `data`. RSA_PKCS: `data` is a DER DigestInfo, for tokens without the combined mechanism. */
export type SignMechanism = 'SHA256_RSA_PKCS' | 'RSA_PKCS';

export interface SignRequest {
  slot: string;
  certificateId: string;
  /** UTF-8 PIN; wiped when sign returns, whatever the outcome. */
  pin: Uint8Array;
  data: Uint8Array;
  mechanism: SignMechanism;
}

const SLOT_REMOVABLE = 0x2;

export class TokenService {
  private constructor(private readonly module: Module) {}

  /** Refuses a library in a place anyone else could have written (module-location.ts) before loading it. */
  static load(requested: string, places: ModulePlaces): TokenService {
    const admission = admitModule(requested, places);
    if (!admission.ok) throw new TokenError({ code: 'module_refused', message: `The PKCS#11 library ${requested} is not loaded: ${admission.reason}.` });
    const modulePath = admission.path;
    if (!existsSync(modulePath)) throw new TokenError({ code: 'module_not_found', message: `No PKCS#11 library at ${requested}.` });
    try {
      const module = Module.load(modulePath);
      module.initialize();
      return new TokenService(module);
    } catch (error) {
      throw new TokenError({ code: 'module_failed', message: `${modulePath} could not be loaded as a PKCS#11 library: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  listTokens(): TokenInfo[] {
    return this.call(() => {
      const slots = this.module.getSlots(true);
      const initialised = Array.from({ length: slots.length }, (_, index) => slots.items(index)).filter((slot) => slot.getToken().flags & TokenFlag.TOKEN_INITIALIZED);
      return initialised.map(describeToken);
    });
  }

  listCertificates(slotId: string): TokenCertificate[] {
    return this.withSession(slotId, (session) => {
      const keys = [...findAll(session, ObjectClass.PRIVATE_KEY), ...findAll(session, ObjectClass.PUBLIC_KEY)];
      const keyIds = new Set(keys.map((key) => hex(key.getAttribute('id') as Buffer)));
      return findAll(session, ObjectClass.CERTIFICATE).map((object) => {
        const id = hex(object.getAttribute('id') as Buffer);
        return { ...describeCertificate(new Uint8Array(object.getAttribute('value') as Buffer)), id, label: String(object.getAttribute('label')), hasPrivateKey: keyIds.has(id) };
      });
    });
  }

  /** Refuses an unusable certificate before the PIN is sent, so a doomed try costs no PIN attempt. */
  sign(request: SignRequest): Uint8Array {
    try {
      return this.withSession(request.slot, (session, slot) => {
        const certificate = this.findCertificate(session, request.certificateId);
        const refusal = signingRefusal(certificate, new Date());
        if (refusal) throw new TokenError(refusal);
        login(session, slot, request.pin, UserType.USER);
        try {
          const key = findAll(session, ObjectClass.PRIVATE_KEY).find((candidate) => hex(candidate.getAttribute('id') as Buffer) === request.certificateId);
          if (!key) throw new TokenError({ code: 'no_key', message: `The token holds no private key for the certificate of ${certificate.holder.text}.` });
          if (key.getAttribute('keyType') !== KeyType.RSA) throw new TokenError({ code: 'no_key', message: 'The key on the token is not an RSA key.' });
          const signer = session.createSign(request.mechanism, key.toType());
          // Keys with CKA_ALWAYS_AUTHENTICATE want the PIN again for each operation.
          if (key.getAttribute('alwaysAuth')) login(session, slot, request.pin, UserType.CONTEXT_SPECIFIC);
          return new Uint8Array(signer.once(Buffer.from(request.data)));
        } finally {
          session.logout();
        }
      });
    } finally {
      request.pin.fill(0);
    }
  }

  close(): void {
    this.module.finalize();
  }

  private findCertificate(session: Session, id: string): CertificateInfo {
    const object = findAll(session, ObjectClass.CERTIFICATE).find((candidate) => hex(candidate.getAttribute('id') as Buffer) === id);
    if (!object) throw new TokenError({ code: 'no_key', message: `The token holds no certificate with id ${id}.` });
    return describeCertificate(new Uint8Array(object.getAttribute('value') as Buffer));
  }

  private withSession<T>(slotId: string, use: (session: Session, slot: Slot) => T): T {
    return this.call(() => {
      const slot = this.findSlot(slotId);
      const session = slot.open(SessionFlag.SERIAL_SESSION);
      try {
        return use(session, slot);
      } finally {
        session.close();
      }
    });
  }

  /** Re-checked on every call: the token may have been pulled out since it was listed. */
  private findSlot(slotId: string): Slot {
    const slots = this.module.getSlots(true);
    for (let index = 0; index < slots.length; index++) {
      const slot = slots.items(index);
      if (hex(slot.handle) === slotId) return slot;
    }
    throw new TokenError({ code: 'token_absent', message: 'The token is not inserted (or it was removed).' });
  }

  private call<T>(action: () => T): T {
    try {
      return action();
    } catch (error) {
      throw operationFailure(error);
    }
  }
}

function describeToken(slot: Slot): TokenInfo {
  const token = slot.getToken();
  return {
    slot: hex(slot.handle),
    label: token.label.trim(),
    manufacturer: token.manufacturerID.trim(),
    model: token.model.trim(),
    serial: token.serialNumber.trim(),
    loginRequired: Boolean(token.flags & TokenFlag.LOGIN_REQUIRED),
    userPinCountLow: Boolean(token.flags & TokenFlag.USER_PIN_COUNT_LOW),
    userPinFinalTry: Boolean(token.flags & TokenFlag.USER_PIN_FINAL_TRY),
    userPinLocked: Boolean(token.flags & TokenFlag.USER_PIN_LOCKED),
    removable: Boolean(slot.flags & SLOT_REMOVABLE),
  };
}

function login(session: Session, slot: Slot, pin: Uint8Array, userType: UserType): void {
  // pkcs11js takes the PIN as a string: that copy lives until collected, the buffer is wiped.
  try {
    session.login(Buffer.from(pin.buffer, pin.byteOffset, pin.byteLength).toString('utf8'), userType);
  } catch (error) {
    throw loginFailure(error, () => {
      try {
        return slot.getToken().flags;
      } catch {
        return null;
      }
    });
  }
}

function findAll(session: Session, objectClass: ObjectClass) {
  const found = session.find({ class: objectClass });
  return Array.from({ length: found.length }, (_, index) => found.items(index));
}

function hex(bytes: Buffer): string {
  return bytes.toString('hex');
}

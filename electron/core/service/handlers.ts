import type { ApiEvent, ApiMethod, ApiOutputs, ApiParsedInput } from '../../../shared/api/contract.js';
import type { AdminPolicyReading } from '../../../shared/api/policy.js';
import type { Connection } from '../../../shared/api/state.js';
import type { SignerClient } from '../signing/pkcs11/signer-client.js';
import type { BlobStore } from '../store/blob-store.js';
import type { BlobLinks } from '../blobs/blob-links.js';
import type { Db } from '../store/database.js';
import type { ExchangeStore } from '../store/exchange-store.js';
import type { DocumentVerifier } from './document-verifier.js';
import type { InFlightCounter } from '../process/in-flight-counter.js';
import type { IntakeRuntime } from '../intake/intake-runtime.js';

/** Handlers for a subset of the API; the core's full table is checked to cover every method. */
export type HandlerMap<K extends ApiMethod> = { [M in K]: (input: ApiParsedInput<M>) => Promise<ApiOutputs[M]> | ApiOutputs[M] };

/** What every handler may use. */
export interface CoreContext {
  db: Db;
  /** The same database as the exchange domain stands on it (exchange-store.ts): exchange steps of the clerk's actions go through it. */
  exchange: ExchangeStore;
  blobs: BlobStore;
  /** The links by which the page reads files: no reply carries a file's bytes. */
  files: BlobLinks;
  dataDir: string;
  /** Who acts, for the audit log. */
  actor: string;
  emit(event: ApiEvent): void;
  /** Tells the sync process that the outbox or quarantine changed, so it works on it now. */
  kickSync(): void;
  connection(): Connection | null;
  /** The token bridge: its process is started on first use and restarted after a crash or hang. */
  signer: SignerClient;
  /** Signatures under way (token login to stored PDF): an update waits for none (update-guard.ts). */
  signing: InFlightCounter;
  /** Signature verification of incoming documents, one at a time in the background. */
  verifier: DocumentVerifier;
  /** The admin policy read when the core started (load-policy.ts); it wins over this computer's settings. */
  policy: AdminPolicyReading;
  /** Scans waiting to be registered, the scanner folder and the background text reader (OCR). */
  intake: IntakeRuntime;
}

import type { Connection } from '../../../shared/api/state.js';
import type { BlobLinks } from '../blobs/blob-links.js';
import type { BlobStore } from '../store/blob-store.js';
import type { Db } from '../store/database.js';

/**
 * What the records modules use of the core. The service's handlers pass their whole context, which
 * has all of it; naming it here keeps records below the service (docs/architecture.md, "Inside the core").
 */
export interface RecordsContext {
  db: Db;
  blobs: BlobStore;
  /** The links by which the page reads files: no reply carries a file's bytes. */
  files: BlobLinks;
  /** Who acts, for the audit log. */
  actor: string;
  connection(): Connection | null;
}

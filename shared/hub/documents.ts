/**
 * Documents as the hub hands them to a desk: in the change feed (kind `document`, one whole
 * document per change, so a desk replaces its row and never merges), in the snapshot a new or
 * reset desk starts from, and by id. Which documents a user may see is decided in the hub, in SQL
 * (docs/architecture.md, "Agency hub"); a desk that loses sight of one gets `document.withdrawn`.
 */
import { z } from 'zod';
import type { DocumentDetail } from '../api/documents.js';
import type { Passage } from '../text/passage.js';
import type { DocumentWorkflow } from './workflow.js';

/** Feed kinds for documents; the subject is `document:<id>`. */
export const DOCUMENT_CHANGE = 'document';
export const DOCUMENT_WITHDRAWN = 'document.withdrawn';
/**
 * Sent to one user when what he may see changed as a whole (another unit, other roles): his desk
 * takes a fresh snapshot, which drops what he may no longer read and brings what he now may.
 */
export const ACCESS_CHANGED = 'access.changed';

/**
 * A document as the desk's replica keeps it: the detail the desktop shows, under the hub's id
 * (a desk's replica uses the hub's ids), plus what agency mode adds.
 */
export interface HubDocument extends DocumentDetail {
  /** The desk-made key of the `draft.save` command that created it; null for arrivals. */
  clientKey: string | null;
  /** The register it was numbered or registered in (its code), if any. */
  registerCode: string | null;
  /**
   * An internal document (văn bản nội bộ): a draft or sent document for units of the agency, or a
   * unit's copy of one (its recipients are then `unit:<id>`). Absent from a hub before them: false.
   */
  internal?: boolean;
  /** Units and people it was given to (by `document.share`), for the desk's "given to" line. */
  sharedWith: { units: number[]; users: number[] };
  /**
   * The leader a draft submitted for signature (`awaiting_leader`, trình ký) waits for; null
   * otherwise. Absent from a hub before submissions: nobody named.
   */
  signingLeaderId?: number | null;
  /**
   * Its handling inside the agency (điều hành): an arrival's work items and their timeline; a
   * draft's timeline holds the opinions given on it (ý kiến phối hợp); empty for sent documents.
   */
  workflow: DocumentWorkflow;
}

export interface DocumentWithdrawn {
  id: number;
}

/**
 * The snapshot a desk starts from: every document the user may see as of feed number `head`,
 * page by page (`after` = the last id of the previous page); then the desk follows the feed from
 * `head`. The first page's `head` is kept for all pages, which are read at that same number.
 */
export const snapshotQuery = z
  .object({
    /** Absent on the first page; the `head` the first page gave, on every later one. */
    head: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    after: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  })
  .strict();

export interface SnapshotPage {
  head: number;
  documents: HubDocument[];
  /** Ask again with this as `after` while it is not null. */
  nextAfter: number | null;
}

const documentId = z.coerce.number().int().min(1).max(2_147_483_647);

/** `GET /api/documents`: the documents the user may see, newest first, `before` = the last id of the previous page. */
export const documentListQuery = z
  .object({
    before: documentId.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export interface DocumentPage {
  documents: HubDocument[];
  /** Ask again with this as `before` while it is not null. */
  nextBefore: number | null;
}

export const documentIdParam = z.object({ id: documentId }).strict();
/** An attachment is asked for by its bytes' SHA-256 within a document the user may see. */
export const attachmentParam = z.object({ id: documentId, sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex') }).strict();

/** Content search at the hub: every typed chunk in a document's header or files, accents ignored; only what the user may see. */
export const contentSearchQuery = z
  .object({
    q: z.string().trim().min(1).max(500),
    before: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export interface HubContentSearchHit {
  documentId: number;
  /** The page (1-based) of the files' text the passage is from; null when it is from the header. */
  page: number | null;
  passage: Passage;
}

export interface HubContentSearchPage {
  rows: HubContentSearchHit[];
  /** Ask again with this as `before` for older matches. */
  nextBefore: number | null;
}

/** GET /api/search/ocr: the scanned files whose words the hub is still reading (OCR), so a search is known to be incomplete. */
export interface HubOcrProgress {
  /** Files waiting for OCR, those being read included. */
  waiting: number;
  /** Their pages not read yet. */
  pagesLeft: number;
  /** The files being read now. */
  reading: { pagesDone: number; pagesTotal: number }[];
  /** Files OCR gave up on (their documents' reasons are in the hub's log and content search table). */
  failed: number;
}

/**
 * Signing across desks, as the renderer sees it: "Ký duyệt" on a document of the agency server at
 * the leader's own desk, and where that signature stands (waiting to be sent, taken by the server,
 * or refused, e.g. because someone changed the file first). docs/architecture.md, "The desk in
 * agency mode".
 */
import type { CommandRefusal } from '../hub/commands.js';

/**
 * Why this desk offers no "Ký duyệt" on the document: nobody signed in, the user is no leader
 * (the clerk's steps are `clerkStep`), no such document in the replica, not a draft, no PDF to
 * sign, or a draft already numbered or sealed by the agency.
 */
export const HUB_SIGNING_BLOCKS = ['signed_out', 'not_leader', 'not_found', 'not_draft', 'no_pdf', 'sealed'] as const;
export type HubSigningBlock = (typeof HUB_SIGNING_BLOCKS)[number];

export interface HubSigningView {
  documentId: number;
  /** The file that is signed (the main PDF) at its current revision, as this desk knows it. */
  file: { attachmentId: number; name: string; sha256: string } | null;
  blocked: HubSigningBlock | null;
  /** The current revision's bytes are on this computer: it can be signed while the server is out of reach. */
  fileHere: boolean;
  /** This user's last signature of the document made at this desk, and where it stands. */
  last: {
    commandId: string;
    state: 'queued' | 'applied' | 'refused';
    baseSha256: string;
    revisionSha256: string;
    createdAt: string;
    /** Why the last try to send it failed (for "Chi tiết"). */
    lastError: string | null;
    refusal: { reason: CommandRefusal; message: string } | null;
  } | null;
  /** The current revision is the one this user's signature made: nothing more to sign. */
  signedCurrent: boolean;
  /**
   * The clerk's next step on a draft the leader signed ("Cấp số và ký số", then "Gửi"): `number`
   * (the agency server gives the number), `seal` (numbered: she fills it in and signs with the
   * agency's certificate here), `send`; null for anyone else, or a draft not at one of them.
   */
  clerkStep: HubClerkStep | null;
  /** The number the agency server gave the draft, once numbered ("05"). */
  number: string | null;
  /** An internal document (văn bản nội bộ): numbered in the internal register and sent to units of the agency ("Gửi nội bộ"), not over the axis. */
  internal: boolean;
  /** The agency codes of this user's last "Gửi" of the draft at this desk (waiting or refused): chosen again when sending again. */
  recipients: string[];
}

export const HUB_CLERK_STEPS = ['number', 'seal', 'send'] as const;
export type HubClerkStep = (typeof HUB_CLERK_STEPS)[number];

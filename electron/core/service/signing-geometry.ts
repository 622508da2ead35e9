/** Where a signature goes on the page when no field placed at Trình ký says so. */
import { hasField } from '../signing/pdf/form-fields.js';
import { pageGeometry, viewBoxToRect, type Rect } from '../signing/pdf/page-geometry.js';
import { LEADER_FIELD } from '../signing/placement/placement.js';
import type { CoreContext } from './handlers.js';
import { proposeFor, type PlacementSource } from './signing-placement.js';

export type SignaturePlace = { rect: Rect; page: number };

/** The agency signature on attachment files: top right of page 1 as shown, inside a 36 pt margin. */
export async function attachmentSignaturePlace(file: string): Promise<SignaturePlace> {
  const geometry = await pageGeometry(file, 1);
  return { rect: viewBoxToRect(geometry, { x: geometry.width - 36 - 180, y: 36, width: 180, height: 30 }), page: 1 };
}

/**
 * Drafts submitted before the leader's box was placed at Trình ký, and hub documents (the hub has
 * no Trình ký step yet), have no empty signature field: their box is found now, from the document
 * (else where Decree 30 usually puts it).
 */
export async function legacyLeaderPlace(ctx: CoreContext, row: PlacementSource, file: string): Promise<SignaturePlace | undefined> {
  if (await hasField(file, LEADER_FIELD)) return undefined;
  const { box } = (await proposeFor(ctx.db, row, file)).placement.boxes.leader;
  return { rect: viewBoxToRect(await pageGeometry(file, box.page), box), page: box.page };
}

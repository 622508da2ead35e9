/**
 * Limits the renderer checks before it sends and the core enforces when it receives. Kept apart
 * from contract.ts so the renderer can import them without bundling zod and every schema.
 */

/** 100 MB: the largest attachment the app accepts in one call (provinces cap at 50 MB). */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

/** 2 MB: a signature or seal PNG (a seal scanned at 600 dpi is far smaller). */
export const MAX_SIGNING_IMAGE_BYTES = 2 * 1024 * 1024;

/** A seal's real diameter in millimetres: Vietnamese seals are 30–42 mm, the range leaves room. */
export const SEAL_DIAMETER_MM = { min: 20, max: 60, default: 36 } as const;

/** 64 KB: a certificate file is a few KB; anything larger is not a trust anchor. */
export const MAX_TRUST_ANCHOR_BYTES = 64 * 1024;

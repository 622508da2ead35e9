/**
 * The text a desk signs on its token to sign in to a hub. A token's key also signs documents,
 * so the desk must sign only this form, never bytes a hub sends as they are: a hostile hub could
 * otherwise pass off a document's signed attributes as a "challenge" and get a real signature on
 * it. The text starts with a fixed line that no DER structure can begin with, names the hub (a
 * signature made for one hub cannot be replayed at another) and carries a one-use nonce.
 */

export const CHALLENGE_FIRST_LINE = 'VanThu hub sign-in challenge v1';

export interface ChallengeFields {
  /** The hub's id (hub_settings.hub_id): a desk remembers it for the hub it connected to. */
  hubId: string;
  /** 32 random bytes, base64url. */
  nonce: string;
  issuedAt: string;
}

const FORM = new RegExp(
  `^${CHALLENGE_FIRST_LINE.replace(/\./g, '\\.')}\\nhub: ([0-9a-f-]{36})\\nnonce: ([A-Za-z0-9_-]{43})\\nissued: (\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)\\n$`,
);

export function challengeText(fields: ChallengeFields): string {
  return `${CHALLENGE_FIRST_LINE}\nhub: ${fields.hubId}\nnonce: ${fields.nonce}\nissued: ${fields.issuedAt}\n`;
}

/** The fields of a well-formed challenge; null for anything else, which a desk must not sign. */
export function parseChallengeText(text: string): ChallengeFields | null {
  const match = FORM.exec(text);
  return match ? { hubId: match[1]!, nonce: match[2]!, issuedAt: match[3]! } : null;
}

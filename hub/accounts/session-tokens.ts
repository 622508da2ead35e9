/**
 * Session tokens: 32 random bytes (base64url), given to the desk once; the hub stores only their
 * SHA-256, so a copy of the database signs nobody in.
 */
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_FORM = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** The token of an `Authorization: Bearer …` header, or null when there is none of the right form. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  return match && TOKEN_FORM.test(match[1]!) ? match[1]! : null;
}

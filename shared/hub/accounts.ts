/**
 * The agency hub's accounts API: units, users and their roles, sign-in and sessions. The hub
 * validates every request against these schemas; a desk (and its admin screen) builds requests
 * from the same ones. Roles are decided in the hub, never by the desk.
 */
import { z } from 'zod';
import { AUDIT_KIND_NAMES, type AuditKind } from './audit-log.js';

/** docs/glossary.md: clerk = văn thư, leader = lãnh đạo, unit_leader = lãnh đạo đơn vị, specialist = chuyên viên, admin = quản trị. */
export const ROLES = ['clerk', 'leader', 'unit_leader', 'specialist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

const recordId = z.number().int().positive().max(2_147_483_647);
/** Usernames are compared lower-case: "An" and "an" are one account. */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'letters a–z, digits, dots, dashes or underscores');
const displayName = z.string().trim().min(1).max(255);
export const newPassword = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH);
export const unitCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dots, dashes or underscores');
const roles = z
  .array(z.enum(ROLES))
  .min(1)
  .max(ROLES.length)
  .refine((list) => new Set(list).size === list.length, 'each role once');
/** A DER certificate in base64, or a PEM text. */
const base64Certificate = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9+/=\s-]+$/, 'base64 or PEM');

export const unitCreate = z.object({ code: unitCode, name: displayName, parentId: recordId.nullable().default(null) }).strict();
export const unitUpdate = z.object({ name: displayName.optional(), parentId: recordId.nullable().optional() }).strict();
export const userCreate = z
  .object({ username, displayName, unitId: recordId, roles, password: newPassword.optional() })
  .strict();
export const userUpdate = z.object({ displayName: displayName.optional(), unitId: recordId.optional(), roles: roles.optional(), disabled: z.boolean().optional() }).strict();
export const passwordChange = z.object({ password: newPassword }).strict();
export const certificateRegistration = z.object({ certificate: base64Certificate }).strict();
export const idParam = z.object({ id: z.coerce.number().pipe(recordId) }).strict();
export const sessionIdParam = z.object({ id: z.uuid() }).strict();
export const certificateParam = z.object({ id: z.coerce.number().pipe(recordId), sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex') }).strict();
export const sessionListQuery = z.object({ userId: z.coerce.number().pipe(recordId).optional() }).strict();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as yyyy-MM-dd');
/**
 * `GET /api/admin/audit`: a page of the audit log, newest first, below `before` (the last seq of
 * the previous page). The period is of days in the agency's time (from and to both included);
 * `kind` is one of AUDIT_KINDS (shared/hub/audit-log.ts); `document` a hub document's id.
 */
export const auditListQuery = z
  .object({
    before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    from: isoDay.optional(),
    to: isoDay.optional(),
    actor: z.string().trim().toLowerCase().min(1).max(64).optional(),
    kind: z.enum(AUDIT_KIND_NAMES as [AuditKind, ...AuditKind[]]).optional(),
    document: z.coerce.number().pipe(recordId).optional(),
    restrictedOnly: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
  })
  .strict();

/** Sign-in inputs are bounded but not shaped: a malformed username fails like a wrong one. */
export const passwordSignIn = z.object({ username: z.string().max(256), password: z.string().min(1).max(1024) }).strict();
export const certificateSignIn = z
  .object({
    challengeId: z.uuid(),
    certificate: base64Certificate,
    signature: z
      .string()
      .max(2048)
      .regex(/^[A-Za-z0-9+/=]+$/, 'base64'),
  })
  .strict();

export interface UnitInfo {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
}

export interface UserInfo {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
  disabled: boolean;
  hasPassword: boolean;
  certificates: { sha256: string; subject: string; notAfter: string }[];
}

export interface SessionInfo {
  id: string;
  userId: number;
  username: string;
  method: 'password' | 'certificate';
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  address: string;
  userAgent: string;
  revokedAt: string | null;
}

export interface SignedIn {
  /** Sent back as `Authorization: Bearer <token>`; the hub keeps only its hash. */
  token: string;
  expiresAt: string;
  user: UserInfo;
}

export interface SignInChallenge {
  challengeId: string;
  /** The exact text to sign (UTF-8), in the form of sign-in-challenge.ts. */
  text: string;
  expiresAt: string;
}

/** What the hub answers when it refuses; `error` is stable, `message` is for logs and IT staff. */
export interface HubErrorBody {
  error: 'invalid_input' | 'unauthenticated' | 'forbidden' | 'sign_in_failed' | 'too_many_attempts' | 'not_found' | 'conflict' | 'internal';
  message: string;
  issues?: { path: string; message: string }[];
  retryAfterSeconds?: number;
}

/**
 * How long sessions last and how many failed sign-ins are tolerated. A desk signs in once and
 * keeps working for weeks (its token is in the OS keychain), so sessions are long but end when
 * unused; an admin's revoke ends one at once. docs/architecture.md, "Agency hub", lists these.
 */
export interface SignInPolicy {
  sessionLifetimeSeconds: number;
  sessionIdleSeconds: number;
  challengeLifetimeSeconds: number;
  /** Failed attempts per account (any address) within the window before it is held off. */
  maxFailuresPerAccount: number;
  /** Failed attempts from one address (any account) within the window. */
  maxFailuresPerAddress: number;
  failureWindowSeconds: number;
}

export const SIGN_IN_POLICY: SignInPolicy = {
  sessionLifetimeSeconds: 30 * 24 * 3600,
  sessionIdleSeconds: 7 * 24 * 3600,
  challengeLifetimeSeconds: 120,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 30,
  failureWindowSeconds: 15 * 60,
};

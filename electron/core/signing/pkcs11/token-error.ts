/**
 * Failures of the token bridge, by code: the renderer translates the code, the English message
 * is for logs and the command line. A PIN never appears in a message.
 */
export type TokenErrorCode =
  | 'wrong_pin'
  | 'pin_locked'
  | 'token_absent'
  | 'no_key'
  | 'expired_certificate'
  | 'no_signing_usage'
  | 'module_not_found'
  | 'module_failed'
  /** The library's place is one it must never be loaded from (module-location.ts). */
  | 'module_refused';

/** What the token's flags say after a wrong PIN; most drivers set them, some never do. */
export type TriesLeft = 'unknown' | 'low' | 'final';

export interface TokenErrorData {
  code: TokenErrorCode;
  message: string;
  triesLeft?: TriesLeft;
}

export class TokenError extends Error {
  readonly code: TokenErrorCode;
  readonly triesLeft?: TriesLeft;

  constructor(data: TokenErrorData) {
    super(data.message);
    this.name = 'TokenError';
    this.code = data.code;
    if (data.triesLeft) this.triesLeft = data.triesLeft;
  }

  /** The plain form that crosses the process boundary. */
  toData(): TokenErrorData {
    return { code: this.code, message: this.message, ...(this.triesLeft ? { triesLeft: this.triesLeft } : {}) };
  }
}

/** A refusal the hub explains: the HTTP layer turns it into a status and a HubErrorBody, the CLI into a message. */
import type { HubErrorBody } from '../shared/hub/accounts.js';

const STATUS: Record<HubErrorBody['error'], number> = {
  invalid_input: 400,
  unauthenticated: 401,
  sign_in_failed: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_attempts: 429,
  internal: 500,
};

export class HubError extends Error {
  constructor(
    readonly code: HubErrorBody['error'],
    message: string,
    readonly extra: Pick<HubErrorBody, 'issues' | 'retryAfterSeconds'> = {},
  ) {
    super(message);
    this.name = 'HubError';
  }

  get status(): number {
    return STATUS[this.code];
  }

  body(): HubErrorBody {
    return { error: this.code, message: this.message, ...this.extra };
  }
}

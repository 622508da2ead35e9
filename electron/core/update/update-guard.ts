/**
 * Whether an update may be installed now. Installing restarts the app, so it waits for sends
 * (a half-uploaded package) and signatures (a token mid-login, a PDF half-written) to finish,
 * and it never happens at all unless the agency's IT set an update URL by policy.
 */
import type { AdminPolicy } from '../../../shared/api/policy.js';
import type { InFlightCounter } from '../process/in-flight-counter.js';
import type { Db } from '../store/database.js';
import { sendingOutboxCount } from '../store/outbox.js';

export type UpdateDecision = { install: true } | { install: false; reason: 'no_update_url' | 'sending' | 'signing' };

export interface UpdateConditions {
  updateUrl: string | null;
  sending: number;
  signing: number;
}

export function updateDecision({ updateUrl, sending, signing }: UpdateConditions): UpdateDecision {
  if (!updateUrl) return { install: false, reason: 'no_update_url' };
  if (signing > 0) return { install: false, reason: 'signing' };
  if (sending > 0) return { install: false, reason: 'sending' };
  return { install: true };
}

export interface UpdateGuardOptions {
  db: Db;
  signing: InFlightCounter;
  policy: AdminPolicy;
  /** Sends live in the database, written by the sync process: there is no event to wait on. */
  pollMs?: number;
}

export class UpdateGuard {
  constructor(private readonly options: UpdateGuardOptions) {}

  get updateUrl(): string | null {
    return this.options.policy.updateUrl?.value ?? null;
  }

  canInstallNow(): UpdateDecision {
    return updateDecision({ updateUrl: this.updateUrl, sending: sendingOutboxCount(this.options.db), signing: this.options.signing.count });
  }

  /** Resolves once no send and no signature is under way; the caller installs right then. */
  async whenIdle(): Promise<void> {
    for (;;) {
      await this.options.signing.whenIdle();
      if (sendingOutboxCount(this.options.db) === 0 && this.options.signing.count === 0) return;
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 1000));
    }
  }
}

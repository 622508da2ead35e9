import { redactValue } from './redact.js';

/** The core's one way to log a failure: everything passes through redaction first (see redact.ts). */
export function logError(...values: unknown[]): void {
  console.error(...values.map(redactValue));
}

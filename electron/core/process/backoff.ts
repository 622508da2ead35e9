/**
 * Exponential back-off with full jitter between half and all of the step, so that many
 * agencies that lost the axis at the same moment do not all come back at the same second.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random, baseMs = 5_000, maxMs = 15 * 60_000): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (0.5 + random() / 2));
}

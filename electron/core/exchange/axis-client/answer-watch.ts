/**
 * Tells whoever asks whether the axis answered a call: the sync engine's back-off starts again
 * from its first step as soon as the axis answers, even in a round that then failed.
 */
import type { AxisClient } from './types.js';

/** `client` with every call reporting its success to `onAnswer`. */
export function watchAnswers(client: AxisClient, onAnswer: () => void): AxisClient {
  const watched: Record<string, unknown> = {};
  for (const [name, call] of Object.entries(client) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    watched[name] = async (...args: unknown[]) => {
      const result = await call(...args);
      onAnswer();
      return result;
    };
  }
  return watched as unknown as AxisClient;
}

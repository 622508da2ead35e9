/**
 * A call cut on the way (a connection dropped, an answer cut short, a 5xx) is tried again at once,
 * twice at most and a fraction of a second apart, before the round gives up on it: the round
 * stops at its first failure, so on an axis that fails one call in thirty every round used to end
 * after a dozen packages and wait seconds for the next (docs/reliability.md#recovery). Every call
 * may be repeated: lists and downloads change nothing, an acknowledgement given again is accepted,
 * and the same package sent again gets the same docId (receivers also recognise a package by its
 * sender and DocumentId). Not retried here: a timeout (the axis was already waited for), an
 * answer too large (it would be as large again), the axis's own error codes and refusals; those
 * go to the round's back-off as before.
 */
import { retryDelayMs } from '../../process/backoff.js';
import { AxisError, type AxisClient } from './types.js';

/** Tries after the first: three calls in all, like the AWS SDKs' standard retry mode. */
const QUICK_RETRIES = 2;
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 1_000;

/** A failure of the way to the axis, not an answer about the call: the same call may well pass at once. */
export function isCutOnTheWay(error: unknown): boolean {
  if (!(error instanceof AxisError) || error.kind !== 'retryable') return false;
  if (error.code === 'network' || error.code === 'bad_response') return true;
  const status = /^http_(\d+)$/.exec(error.code)?.[1];
  return status !== undefined && Number(status) >= 500;
}

/** `client` with each call cut on the way tried again, at most QUICK_RETRIES times. */
export function retryCutCalls(client: AxisClient, options: { random?: () => number; sleep?: (ms: number) => Promise<void> } = {}): AxisClient {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retrying: Record<string, unknown> = {};
  for (const [name, call] of Object.entries(client) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    retrying[name] = async (...args: unknown[]) => {
      for (let retry = 1; ; retry++) {
        try {
          return await call(...args);
        } catch (error) {
          if (retry > QUICK_RETRIES || !isCutOnTheWay(error)) throw error;
        }
        await sleep(retryDelayMs(retry, options.random, FIRST_DELAY_MS, MAX_DELAY_MS));
      }
    };
  }
  return retrying as unknown as AxisClient;
}

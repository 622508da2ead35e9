/**
 * A core as a desk runs it (CoreRuntime on an offline host: no sync, no demo axis, no signer),
 * called through its API as a window calls it, with the events it pushed kept for the test.
 */
import type { ApiEvent, ApiInput, ApiMethod, ApiOutputs } from '../shared/api/contract.js';
import type { ApiErrorBody } from '../shared/api/errors.js';
import type { AdminPolicyReading } from '../shared/api/policy.js';
import { CoreRuntime } from '../electron/core/service/core-runtime.js';
import { offlineCoreHost } from './offline-core-host.js';

export interface CoreUnderTest {
  runtime: CoreRuntime;
  events: ApiEvent[];
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]>;
  /** The error a call is answered with (the test fails if it succeeds). */
  fails(method: ApiMethod, input: unknown): Promise<ApiErrorBody>;
}

/** `runtimes`: where the test keeps what to close after it. */
export async function startCore(dataDir: string, policy: AdminPolicyReading, runtimes: CoreRuntime[]): Promise<CoreUnderTest> {
  const runtime = await CoreRuntime.start({ dataDir, version: 'test', host: offlineCoreHost(dataDir), policy });
  runtimes.push(runtime);
  const events: ApiEvent[] = [];
  runtime.subscribe((event) => events.push(event));
  return {
    runtime,
    events,
    call: async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> => {
      const reply = await runtime.call(method, input);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
      return reply.result as ApiOutputs[M];
    },
    fails: async (method: ApiMethod, input: unknown): Promise<ApiErrorBody> => {
      const reply = await runtime.call(method, input);
      if (reply.ok) throw new Error(`${method} succeeded`);
      return reply.error;
    },
  };
}

/** Waits until `check` holds, polling every 50 ms. */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

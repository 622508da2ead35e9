/** The admin policy the core applies: read once per window (it changes only when the app restarts). */
import type { AdminPolicy } from '../../../shared/api/policy.js';
import { useApiQuery } from '../../api/client.js';

export const useAdminPolicy = () => useApiQuery('policy.get', {});

/** The policies as far as known: empty while loading, so nothing is locked before the core said so (the core enforces anyway). */
export function usePolicyValues(): AdminPolicy {
  return useAdminPolicy().data?.policy ?? {};
}

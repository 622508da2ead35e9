import type { ApiEvent, ApiInput, ApiMethod } from '../../shared/api/contract.js';
import type { QueryClient } from '@tanstack/react-query';

/** The calls that read state and may be cached; everything else is a mutation. */
export type ApiQueryMethod = Extract<ApiMethod, 'app.getState' | 'agencies.search' | 'drafts.list' | 'documents.get' | 'sync.getStatus'>;

export type ApiQueryKey<M extends ApiQueryMethod> = readonly [M, ApiInput<M>];

export function apiQueryKey<M extends ApiQueryMethod>(method: M, input: ApiInput<M>): ApiQueryKey<M> {
  return [method, input] as const;
}

/** How a pushed event changes cached server state. */
export function applyApiEvent(queryClient: QueryClient, event: ApiEvent): void {
  switch (event.type) {
    case 'app.state':
      queryClient.setQueryData(apiQueryKey('app.getState', {}), event.state);
      return;
    case 'sync.status':
      queryClient.setQueryData(apiQueryKey('sync.getStatus', {}), event.status);
      return;
    case 'agencies.changed':
      void queryClient.invalidateQueries({ queryKey: ['agencies.search'] });
      return;
    case 'documents.changed':
      void queryClient.invalidateQueries({ queryKey: ['drafts.list'] });
      if (event.ids.length === 0) {
        void queryClient.invalidateQueries({ queryKey: ['documents.get'] });
      } else {
        for (const id of event.ids) void queryClient.invalidateQueries({ queryKey: apiQueryKey('documents.get', { id }) });
      }
      return;
    default: {
      // An event a newer core knows and this renderer does not: ignore it.
      const _unknown: never = event;
      void _unknown;
    }
  }
}

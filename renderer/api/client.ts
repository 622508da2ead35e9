/**
 * The renderer's way to the core: `createApi()` picks the transport, `ApiProvider` wires the
 * query cache to pushed events, and the hooks key react-query by [method, input].
 */
import { createContext, createElement, useContext, useEffect, type ReactNode } from 'react';
import {
  MutationCache,
  QueryClient,
  QueryClientProvider,
  useMutation,
  useQuery,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ApiInput, ApiMethod, ApiOutputs } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/errors.js';
import { toApiError } from './errors.js';
import { startBrowserSession } from './browser-session.js';
import { createHttpTransport } from './http-transport.js';
import { createIpcTransport } from './ipc-transport.js';
import { applyApiEvent, apiQueryKey, readEverythingAgain, type ApiQueryKey, type ApiQueryMethod } from './query-keys.js';
import type { ClientApi } from './types.js';

export type { ClientApi } from './types.js';
export { apiQueryKey, type ApiQueryMethod } from './query-keys.js';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
    mutationMeta: {
      /** The screen shows this mutation's errors itself (forms with field errors). */
      inlineErrors?: boolean;
    };
  }
}

/**
 * IPC inside Electron (the preload defined `window.vanthu`); HTTP in browser mode, with the
 * session of browser-session.ts, or null when the page has none (it shows the locked screen).
 */
export async function createApi(onUnauthorized: () => void): Promise<ClientApi | null> {
  const bridge = typeof window !== 'undefined' ? window.vanthu : undefined;
  if (bridge) return createIpcTransport(bridge);
  const session = await startBrowserSession();
  return session ? createHttpTransport({ session, onUnauthorized }) : null;
}

export function createQueryClient(onMutationError: (error: ApiError) => void): QueryClient {
  return new QueryClient({
    mutationCache: new MutationCache({
      onError: (error, _variables, _result, mutation) => {
        if (!mutation.meta?.inlineErrors) onMutationError(error);
      },
    }),
    defaultOptions: {
      queries: {
        // The core runs on this machine: an offline network must not pause local calls.
        networkMode: 'always',
        // Pushed events keep the cache fresh; a reconnect after a break refetches everything.
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => error.code === 'unavailable' && failures < 2,
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}

const ApiContext = createContext<ClientApi | null>(null);

export function ApiProvider({ api, queryClient, children }: { api: ClientApi; queryClient: QueryClient; children: ReactNode }) {
  useEffect(() => {
    const unsubscribe = api.subscribe((event) => applyApiEvent(queryClient, event));
    const unResync = api.onResync(() => readEverythingAgain(queryClient));
    return () => {
      unsubscribe();
      unResync();
    };
  }, [api, queryClient]);
  return createElement(ApiContext.Provider, { value: api }, createElement(QueryClientProvider, { client: queryClient }, children));
}

export function useApi(): ClientApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiProvider>');
  return api;
}

export async function callApi<M extends ApiMethod>(api: ClientApi, method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> {
  try {
    return await api.call(method, input);
  } catch (error) {
    throw toApiError(error);
  }
}

export type ApiQueryOptions<M extends ApiQueryMethod> = Omit<
  UseQueryOptions<ApiOutputs[M], ApiError, ApiOutputs[M], ApiQueryKey<M>>,
  'queryKey' | 'queryFn'
>;

/** The key and fetcher of one cached call, for useQuery or useQueries. */
export function apiQueryOptions<M extends ApiQueryMethod>(api: ClientApi, method: M, input: ApiInput<M>) {
  return {
    queryKey: apiQueryKey(method, input),
    queryFn: () => callApi(api, method, input),
  };
}

export function useApiQuery<M extends ApiQueryMethod>(method: M, input: ApiInput<M>, options?: ApiQueryOptions<M>): UseQueryResult<ApiOutputs[M], ApiError> {
  const api = useApi();
  return useQuery({
    ...options,
    ...apiQueryOptions(api, method, input),
  });
}

export type ApiMutationOptions<M extends ApiMethod> = Omit<UseMutationOptions<ApiOutputs[M], ApiError, ApiInput<M>>, 'mutationFn'>;

export function useApiMutation<M extends ApiMethod>(method: M, options?: ApiMutationOptions<M>): UseMutationResult<ApiOutputs[M], ApiError, ApiInput<M>> {
  const api = useApi();
  return useMutation({
    ...options,
    mutationKey: [method],
    mutationFn: (input: ApiInput<M>) => callApi(api, method, input),
  });
}

/**
 * For component tests: the core as a component reaches it, each call recorded and answered from a
 * script (a call the script does not expect fails the test; an answer may be a promise the test
 * settles when it chooses), and a component shown over it with the providers the app gives it.
 */
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import type { ApiInput, ApiMethod, ApiOutputs } from '../../shared/api/contract.js';
import { LanguageProvider } from '../i18n.js';
import { ApiProvider, createQueryClient, type ClientApi } from './client.js';

export function scriptedCore(answers: { [M in ApiMethod]?: (input: ApiInput<M>) => ApiOutputs[M] | Promise<ApiOutputs[M]> }) {
  const calls: { method: ApiMethod; input: unknown }[] = [];
  const api: ClientApi = {
    call: async (method, input) => {
      calls.push({ method, input });
      const answer = answers[method] as ((input: unknown) => unknown) | undefined;
      if (!answer) throw new Error(`unexpected call ${method}`);
      return answer(input) as never;
    },
    subscribe: () => () => undefined,
    onResync: () => () => undefined,
  };
  return { api, calls };
}

export function renderOverCore(api: ClientApi, children: ReactNode, queryClient = createQueryClient(() => undefined)) {
  return render(
    <LanguageProvider>
      <ApiProvider api={api} queryClient={queryClient}>
        {children}
      </ApiProvider>
    </LanguageProvider>,
  );
}

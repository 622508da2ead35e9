import { useQueryClient } from '@tanstack/react-query';
import { apiQueryKey, useApiMutation, useApiQuery } from '../../api/client.js';
import { methodKey } from '../../api/query-keys.js';

export const useSigningSettings = () => useApiQuery('signing.getSettings', {});

/**
 * A signing setting change: the answer is the new settings; previews and the token list are read
 * again (a new library lists other tokens, a new image changes the preview). Errors show beside
 * the field, not in the notification corner.
 */
export function useSigningSettingsMutation<M extends 'signing.setModule' | 'signing.pickModule' | 'signing.setTsa' | 'signing.setImage' | 'signing.setSealDiameter'>(method: M) {
  const queryClient = useQueryClient();
  return useApiMutation(method, {
    meta: { inlineErrors: true },
    onSuccess: (settings) => {
      queryClient.setQueryData(apiQueryKey('signing.getSettings', {}), settings);
      // The previews depend on the stored images only.
      if (method === 'signing.setImage') void queryClient.invalidateQueries({ queryKey: methodKey('signing.readImage') });
      if (method === 'signing.setModule' || method === 'signing.pickModule') void queryClient.invalidateQueries({ queryKey: methodKey('signing.listTokens') });
    },
  });
}

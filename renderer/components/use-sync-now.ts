import { useQueryClient } from '@tanstack/react-query';
import { apiQueryKey, useApiMutation } from '../api/client.js';

/** "Đồng bộ ngay" (status bar, File menu, tray): the answer is the new sync status, shown at once. */
export function useSyncNow() {
  const queryClient = useQueryClient();
  return useApiMutation('sync.now', {
    onSuccess: (status) => queryClient.setQueryData(apiQueryKey('sync.getStatus', {}), status),
  });
}

/**
 * Điều hành in standalone mode (docs/architecture.md, "Điều hành in standalone mode"): the reads
 * "Việc của tôi" and a document's page share.
 */
import type { ArrivalWorkItem } from '../../../shared/api/arrival-work.js';
import { useApiQuery } from '../../api/client.js';

export function useArrivalWork(enabled = true) {
  return useApiQuery('work.list', {}, { enabled });
}

export function useArrivalWorkOf(documentId: number, enabled = true) {
  return useApiQuery('work.get', { documentId }, { enabled });
}

/** The row's class: overdue, due soon, and an urgent document marked. */
export function standingClass(item: Pick<ArrivalWorkItem, 'standing' | 'priority'>): string | undefined {
  const classes = [item.priority > 0 ? 'row-urgent' : '', item.standing === 'overdue' ? 'row-overdue' : item.standing === 'due_soon' ? 'row-due-soon' : ''];
  return classes.filter(Boolean).join(' ') || undefined;
}

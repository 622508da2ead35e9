/**
 * Điều hành at the desk: the reads the screens share (the agency's directory, "Việc của tôi", a
 * document's work, all from the replica, so offline too) and how a unit or person is named in a
 * picker. docs/architecture.md, "The desk in agency mode".
 */
import type { HubDirectory } from '../../../shared/api/hub-link.js';
import type { MyWorkItem, WorkHolder } from '../../../shared/hub/workflow.js';
import type { WorkHolderInput } from '../../../shared/hub/workflow-commands.js';
import { useApiQuery } from '../../api/client.js';

export function useDirectory() {
  return useApiQuery('hub.directory', {});
}

export function useMyWork(enabled = true) {
  return useApiQuery('hub.myWork', {}, { enabled });
}

export function useDocumentWork(documentId: number, enabled = true) {
  return useApiQuery('hub.documentWork', { documentId }, { enabled });
}

/** A unit or a person as a picker's value: `u:<id>` or `p:<id>`. */
export type HolderKey = `u:${number}` | `p:${number}`;

export const holderKey = (holder: WorkHolder): HolderKey => (holder.unitId !== null ? `u:${holder.unitId}` : `p:${holder.userId ?? 0}`);

export function holderInput(key: HolderKey): WorkHolderInput {
  const id = Number(key.slice(2));
  return key.startsWith('u:') ? { unitId: id } : { userId: id };
}

/** Chosen checkboxes as the commands take them: unit ids and people's ids. */
export function chosenHolders(chosen: Iterable<HolderKey>): { units: number[]; users: number[] } {
  const holders = [...chosen].map(holderInput);
  return {
    units: holders.flatMap((holder) => ('unitId' in holder ? [holder.unitId] : [])),
    users: holders.flatMap((holder) => ('userId' in holder ? [holder.userId] : [])),
  };
}

/** The unit's or the person's name as the directory has it (the id when the directory lacks it). */
export function holderName(directory: HubDirectory | undefined, holder: WorkHolder): string {
  if (holder.unitId !== null) return directory?.units.find((unit) => unit.id === holder.unitId)?.name ?? `#${holder.unitId}`;
  return directory?.users.find((user) => user.id === holder.userId)?.displayName ?? `#${holder.userId ?? ''}`;
}

/** Decide items only: the documents waiting for the leader's instruction ("Chờ cho ý kiến"). */
export const waitingForInstruction = (items: readonly MyWorkItem[]): MyWorkItem[] => items.filter((entry) => entry.item.role === 'decide');

/** The next document waiting for his instruction after this one, for Ctrl+Enter. */
export function nextWaiting(items: readonly MyWorkItem[], documentId: number): number | null {
  return waitingForInstruction(items).find((entry) => entry.documentId !== documentId)?.documentId ?? null;
}

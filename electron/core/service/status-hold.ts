/**
 * "Đang xử lý" (05) and "Hoàn thành" (06) are one click each and tell another agency something
 * it cannot be untold. So their status package waits in the outbox for STATUS_HOLD_MS before the
 * sync process may send it, and the clerk can undo it meanwhile (documents.undoStatus): like
 * Gmail's "Undo send", no confirmation dialog in the way of a routine step, and nothing leaves
 * before the clerk had a moment to see what was clicked. Accept (03) and return (02) have their
 * own dialogs and are not held; a status held when the app closes leaves at the next start.
 */
export const STATUS_HOLD_MS = 10_000;

export const UNDOABLE_STATUSES: ReadonlySet<string> = new Set(['05', '06']);

/** When a status sent now may leave, or undefined when it is not held. */
export function statusHoldUntil(code: string, now: Date): string | undefined {
  return UNDOABLE_STATUSES.has(code) ? new Date(now.getTime() + STATUS_HOLD_MS).toISOString() : undefined;
}

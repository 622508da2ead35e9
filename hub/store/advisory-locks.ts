/**
 * PostgreSQL advisory lock keys of the hub, in one place so that no two uses share one. Two-key
 * form: the first key marks the hub's locks ('VTHU'), the second says which.
 */
const HUB_LOCKS = 0x56544855;

export const MIGRATION_LOCK = [HUB_LOCKS, 1] as const;
export const AUDIT_APPEND_LOCK = [HUB_LOCKS, 2] as const;
/** Written into the change-numbering trigger by migration 040: never renumber it. */
export const CHANGE_NUMBER_LOCK = [HUB_LOCKS, 3] as const;
/** Held, at session level, by the one hub instance that runs the exchange with the axis. */
export const EXCHANGE_LEADER_LOCK = [HUB_LOCKS, 4] as const;

/** A backup set as the recovery screen and settings list it. `name` identifies it at its location. */
export interface BackupInfo {
  name: string;
  createdAt: string;
  appVersion: string;
  documents: number;
  files: number;
}

/** Why the core started without its database: what the recovery screen explains and offers. */
export interface RecoveryInfo {
  reason: 'damaged' | 'read_only' | 'disk_full';
  /** English detail for IT staff (the screen's text comes from the i18n table by `reason`). */
  detail: string;
}

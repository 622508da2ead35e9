import type { RecoveryInfo } from './backup.js';

export type ConnectionKind = 'demo' | 'axis';

export interface Connection {
  kind: ConnectionKind;
  axisUrl: string;
  /** This agency's id on the axis (systemid / OrganId). */
  agencyCode: string;
  agencyName: string | null;
}

export interface AppState {
  /**
   * 'setup' until the first run has chosen demo or a real axis; 'recovery' when the core could
   * not use its database (damaged, or the folder cannot be written) and waits on the recovery screen.
   */
  phase: 'setup' | 'ready' | 'recovery';
  /** Set in 'recovery' only. */
  recovery?: RecoveryInfo;
  connection: Connection | null;
  /**
   * Which shell hosts the renderer: shown in diagnostics; the desktop-only parts (menu commands,
   * the desktop settings) appear under 'electron' only. Every other feature is the same in both.
   */
  shell: 'electron' | 'browser';
  version: string;
  dataDir: string;
}

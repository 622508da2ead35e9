export type ConnectionKind = 'demo' | 'axis';

export interface Connection {
  kind: ConnectionKind;
  axisUrl: string;
  /** This agency's id on the axis (systemid / OrganId). */
  agencyCode: string;
  agencyName: string | null;
}

export interface AppState {
  /** 'setup' until the first run has chosen demo or a real axis. */
  phase: 'setup' | 'ready';
  connection: Connection | null;
  /** Which shell hosts the renderer: shown in diagnostics, never used to branch features. */
  shell: 'electron' | 'browser';
  version: string;
  dataDir: string;
}

/**
 * The diagnostics page ("Chẩn đoán") and the report a clerk saves for the helpdesk: what runs,
 * where the data is, whether the axis answers, and the last lines of the log (already redacted).
 */
import type { ApiErrorCode } from './errors.js';

export interface DiagnosticsInfo {
  versions: {
    vanthu: string;
    node: string;
    /** Null in browser mode: the core runs in plain Node there. */
    electron: string | null;
    chromium: string | null;
    sqlite: string;
  };
  os: { platform: string; release: string; arch: string };
  shell: 'electron' | 'browser';
  dataDir: string;
  /** The database file with its write-ahead log, in bytes. */
  databaseBytes: number;
  schemaVersion: number;
  documentCount: number;
  logFile: string;
  /** The newest log lines, oldest first, redacted. */
  logLines: string[];
}

/** One call to the configured axis: ok, or the error the clerk can act on; always how long it took. */
export interface AxisTestResult {
  axisUrl: string;
  agencyCode: string;
  elapsedMs: number;
  testedAt: string;
  error: { code: ApiErrorCode; message: string } | null;
}

import path from 'node:path';
import { formatWithOptions } from 'node:util';
import { LOG_DIR, RotatingLogFile } from './log-file.js';
import { redactValue } from './redact.js';

export type LogLevel = 'ERROR' | 'WARN';

/** Which process writes: every line of the shared file says it. */
export type ProcessName = 'main' | 'host' | 'core' | 'sync';

let target: { file: RotatingLogFile; processName: ProcessName } | null = null;

export function logDir(dataDir: string): string {
  return path.join(dataDir, LOG_DIR);
}

/**
 * Sends this process's log to `<data dir>/logs/` as well as the terminal. A folder that cannot be
 * written (read-only data folder) leaves the terminal only: logging must never stop the app.
 */
export function useLogFile(dataDir: string, processName: ProcessName): void {
  try {
    target = { file: new RotatingLogFile({ dir: logDir(dataDir) }), processName };
  } catch (error) {
    target = null;
    console.error('[log] cannot write the log file, the terminal only:', redactValue(error));
  }
}

/** The core's one way to log a failure: everything passes through redaction first (see redact.ts). */
export function logError(...values: unknown[]): void {
  log('ERROR', values);
}

/** Something went wrong but was handled (a restarted process, a retried call). */
export function logWarn(...values: unknown[]): void {
  log('WARN', values);
}

function log(level: LogLevel, values: unknown[]): void {
  const redacted = values.map(redactValue);
  if (level === 'ERROR') console.error(...redacted);
  else console.warn(...redacted);
  if (!target) return;
  try {
    target.file.append(formatLogLine(new Date(), level, target.processName, redacted));
  } catch {
    // A full disk or a removed folder: the terminal still has the entry.
  }
}

/** `<ISO time> <LEVEL> <process> <message>`, the message on one line (stack frames joined by ⏎). */
export function formatLogLine(at: Date, level: LogLevel, processName: ProcessName, redacted: unknown[]): string {
  const message = formatWithOptions({ breakLength: Infinity, colors: false, depth: 6 }, ...redacted);
  return `${at.toISOString()} ${level} ${processName} ${message.replace(/\r?\n\s*/g, ' ⏎ ')}`;
}

/** What every log line looks like: the diagnostics page and the tests read it back with this. */
export const LOG_LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) (ERROR|WARN) (main|host|core|sync) (.*)$/;

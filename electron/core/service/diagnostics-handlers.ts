/**
 * The diagnostics page ("Chẩn đoán") and the helpdesk report. The report is built here, not in the
 * renderer, so that it is redacted in one place (redact.ts over the whole text) whichever window
 * asked, and so that it holds what the renderer never sees (queue counts per state, the log).
 */
import { statSync } from 'node:fs';
import { sqliteLibraryVersion } from '../store/database-file.js';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AxisTestResult, DiagnosticsInfo } from '../../../shared/api/diagnostics.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { ExportedFile } from '../../../shared/api/registers.js';
import type { TokenSummary } from '../../../shared/api/signing.js';
import type { SyncStatus } from '../../../shared/api/sync-status.js';
import { DATABASE_FILE } from '../config/data-dir.js';
import { LOG_FILE, readLastLogLines } from '../logging/log-file.js';
import { logDir } from '../logging/log.js';
import { redactText } from '../logging/redact.js';
import { queueCounts, storeFacts } from '../store/store-facts.js';
import { policyNow, policyReportLines } from '../policy/apply-policy.js';
import type { AdminPolicyReading } from '../../../shared/api/policy.js';
import type { RecoveryInfo } from '../../../shared/api/backup.js';
import type { BlobLinks } from '../blobs/blob-links.js';
import { checkAxisConnection } from './axis-setup.js';
import type { CoreContext, HandlerMap } from './handlers.js';

/** Enough of the log to see what led to a problem, small enough to read on the page. */
const DIAGNOSTICS_LOG_LINES = 200;

/** What the core service knows beyond the handlers' context. */
export interface DiagnosticsSources {
  version: string;
  shell: 'electron' | 'browser';
  axisSecret(agencyCode: string): Promise<string | null>;
  syncStatus(): SyncStatus;
  /** The Settings token test (signing.listTokens), reused as is. */
  listTokens(): Promise<TokenSummary[]>;
}

export function diagnosticsHandlers(ctx: CoreContext, sources: DiagnosticsSources): HandlerMap<'diagnostics.get' | 'diagnostics.testAxis' | 'diagnostics.report'> {
  function info(): DiagnosticsInfo {
    const facts = storeFacts(ctx.db);
    return {
      ...computerFacts(ctx.dataDir, sources.version, sources.shell, facts.sqliteVersion),
      schemaVersion: facts.schemaVersion,
      documentCount: facts.documentCount,
    };
  }

  async function testAxis(): Promise<AxisTestResult> {
    const connection = ctx.connection();
    if (!connection) throw new ApiError('not_configured', 'Choose demo or connect to an axis first.');
    const testedAt = new Date().toISOString();
    const result = { axisUrl: connection.axisUrl, agencyCode: connection.agencyCode, testedAt };
    const secret = await sources.axisSecret(connection.agencyCode);
    if (!secret) return { ...result, elapsedMs: 0, error: { code: 'not_configured', message: 'The axis secret is missing from this computer: connect to the axis again in Settings.' } };
    const started = performance.now();
    try {
      await checkAxisConnection(connection.axisUrl, connection.agencyCode, secret);
      return { ...result, elapsedMs: Math.round(performance.now() - started), error: null };
    } catch (error) {
      const elapsedMs = Math.round(performance.now() - started);
      if (error instanceof ApiError) return { ...result, elapsedMs, error: { code: error.code, message: error.message } };
      throw error;
    }
  }

  async function report(): Promise<ExportedFile> {
    const now = new Date();
    const [axis, tokens] = await Promise.all([testAxis().catch(failure), sources.listTokens().catch(failure)]);
    return reportFile(ctx.files, now, reportText({ now, info: info(), axis, tokens, sync: sources.syncStatus(), queues: queueCounts(ctx.db), policy: policyNow(ctx.policy, ctx.connection()) }));
  }

  return { 'diagnostics.get': info, 'diagnostics.testAxis': testAxis, 'diagnostics.report': report };
}

type ComputerFacts = Omit<DiagnosticsInfo, 'schemaVersion' | 'documentCount'>;

/** What is known without reading the database: versions, the computer, the data folder, the log. */
function computerFacts(dataDir: string, version: string, shell: 'electron' | 'browser', sqliteVersion: string): ComputerFacts {
  const logs = logDir(dataDir);
  return {
    versions: { vanthu: version, node: process.versions.node, electron: process.versions.electron ?? null, chromium: process.versions.chrome ?? null, sqlite: sqliteVersion },
    os: { platform: process.platform, release: os.release(), arch: process.arch },
    shell,
    dataDir,
    databaseBytes: fileSize(path.join(dataDir, DATABASE_FILE)) + fileSize(path.join(dataDir, `${DATABASE_FILE}-wal`)),
    logFile: path.join(logs, LOG_FILE),
    // Written redacted; redacted again in case a line predates a newer rule.
    logLines: readLastLogLines(logs, DIAGNOSTICS_LOG_LINES).map(redactText),
  };
}

/** The whole text redacted once more, whatever went into it. */
function reportFile(files: BlobLinks, now: Date, text: string): Promise<ExportedFile> {
  return files.offerBytes(new TextEncoder().encode(redactText(text)), reportFileName(now), 'text/plain; charset=utf-8');
}

export interface RecoveryReportSources {
  dataDir: string;
  version: string;
  shell: 'electron' | 'browser';
  policy: AdminPolicyReading;
  problem: RecoveryInfo;
  files: BlobLinks;
}

/**
 * The helpdesk report from the recovery screen, when the database cannot be used: exactly when
 * a clerk calls for help. What needs the database (counts, the axis connection kept in it) is
 * replaced by why it cannot be used.
 */
export function recoveryReport({ dataDir, version, shell, policy, problem, files }: RecoveryReportSources, now = new Date()): Promise<ExportedFile> {
  const sqliteVersion = sqliteLibraryVersion();
  const facts = computerFacts(dataDir, version, shell, sqliteVersion);
  return reportFile(
    files,
    now,
    [
      ...headerLines(now),
      ...versionLines(facts),
      '== Data ==',
      `Data folder: ${facts.dataDir}`,
      `Database size: ${facts.databaseBytes} bytes`,
      `Database: cannot be used (${problem.reason}): ${problem.detail}`,
      `Log file: ${facts.logFile}`,
      '',
      '== Administrator policies ==',
      ...policyReportLines(policy),
      '',
      ...logLinesSection(facts.logLines),
    ].join('\n'),
  );
}

function headerLines(now: Date): string[] {
  return ['VanThu diagnostics report', `Created: ${now.toISOString()}`, ''];
}

function versionLines(facts: ComputerFacts): string[] {
  return [
    '== Versions ==',
    `VanThu: ${facts.versions.vanthu}`,
    `Node: ${facts.versions.node}`,
    `Electron: ${facts.versions.electron ?? '- (browser mode)'}`,
    `Chromium: ${facts.versions.chromium ?? '-'}`,
    `SQLite: ${facts.versions.sqlite}`,
    `OS: ${facts.os.platform} ${facts.os.release} ${facts.os.arch}`,
    `Shell: ${facts.shell}`,
    '',
  ];
}

function logLinesSection(lines: string[]): string[] {
  return [`== Last ${lines.length} log lines ==`, ...lines, ''];
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** A failed step is a line of the report, not a failed report. */
function failure(error: unknown): { failed: string } {
  return { failed: error instanceof ApiError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error) };
}

/** vanthu-diagnostics-YYYYMMDD-HHMM.txt in the computer's local time, as the clerk reads the clock. */
function reportFileName(at: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `vanthu-diagnostics-${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}.txt`;
}

interface ReportParts {
  now: Date;
  info: DiagnosticsInfo;
  axis: AxisTestResult | { failed: string };
  tokens: TokenSummary[] | { failed: string };
  sync: SyncStatus;
  queues: ReturnType<typeof queueCounts>;
  policy: AdminPolicyReading;
}

function reportText({ now, info, axis, tokens, sync, queues, policy }: ReportParts): string {
  const counts = (byState: Partial<Record<string, number>>) => Object.entries(byState).map(([state, n]) => `${state} ${n}`).join(', ') || 'none';
  const lines = [
    ...headerLines(now),
    ...versionLines(info),
    '== Data ==',
    `Data folder: ${info.dataDir}`,
    `Database size: ${info.databaseBytes} bytes`,
    `Schema version: ${info.schemaVersion}`,
    `Documents: ${info.documentCount}`,
    `Log file: ${info.logFile}`,
    '',
    '== Axis connection test ==',
    ...('failed' in axis
      ? [`Not run: ${axis.failed}`]
      : [`Axis: ${axis.axisUrl} as ${axis.agencyCode}`, axis.error ? `Result: FAILED after ${axis.elapsedMs} ms (${axis.error.code}): ${axis.error.message}` : `Result: ok in ${axis.elapsedMs} ms`]),
    '',
    '== Token test ==',
    ...('failed' in tokens
      ? [`Not run: ${tokens.failed}`]
      : tokens.length === 0
        ? ['No token inserted (the library loads).']
        : tokens.map((token) => `Slot ${token.slot}: ${token.label} (${token.manufacturer}), ${token.certificates.length} certificate(s)${token.pinLocked ? ', PIN locked' : ''}`)),
    '',
    '== Sync ==',
    `Phase: ${sync.phase}`,
    `Last sync: ${sync.lastSyncAt ?? '-'}`,
    `Next attempt: ${sync.nextAttemptAt ?? '-'}`,
    `Message: ${sync.message ?? '-'}`,
    `Outbox: ${counts(queues.outbox)}`,
    `Quarantine: ${counts(queues.quarantine)}`,
    '',
    '== Administrator policies ==',
    ...policyReportLines(policy),
    '',
    ...logLinesSection(info.logLines),
  ];
  return lines.join('\n');
}

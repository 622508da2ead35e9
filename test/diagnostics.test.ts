/**
 * The diagnostics page and the helpdesk report, through the real core with its real store, and
 * the real reference axis over loopback: versions and counts, the axis test when the
 * axis answers and when it is gone, and a report that never carries a secret planted in the log.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTemporaryAxis, type TemporaryAxis } from '../axis/testing.js';
import { logDir, logError, useLogFile } from '../electron/core/logging/log.js';
import { LATEST_SCHEMA_VERSION } from '../electron/core/store/migrations/index.js';
import { startAgency, type TestAgency } from './agency-harness.js';

let axis: TemporaryAxis;
let agency: TestAgency;

beforeAll(async () => {
  axis = await startTemporaryAxis();
  agency = await startAgency(axis.server.url, axis.agencies[0]!);
});
afterAll(async () => {
  await agency?.close();
  await axis?.dispose();
});

const PIN = '731950';
const SECRET = 'Planted-hmac-Secret-9fK2mQ';
const BEARER = 'eyJwbGFudGVkIjoiYmVhcmVyIn0.c2ln';
const LAUNCH_TOKEN = 'launchTok3n-planted-Zq81';

function plantSecretsInTheLog(dataDir: string): void {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  useLogFile(dataDir, 'core');
  logError('[signer] login failed', { pin: PIN, secret: SECRET });
  // A line as an older VanThu might have left it, unredacted: reading it back redacts it too.
  mkdirSync(logDir(dataDir), { recursive: true });
  appendFileSync(path.join(logDir(dataDir), 'vanthu.log'), `2026-01-01T00:00:00.000Z ERROR sync GET http://127.0.0.1:5170/?token=${LAUNCH_TOKEN} Authorization: Bearer ${BEARER} {"pin":"${PIN}"}\n`);
}

describe('diagnostics', () => {
  it('says which versions run, where the data is and what it holds', async () => {
    await agency.call('drafts.create', { subject: 'Công văn thử chẩn đoán', summary: '' });
    const info = await agency.call('diagnostics.get', {});
    expect(info.versions).toMatchObject({ vanthu: 'test', node: process.versions.node, electron: null, chromium: null });
    expect(info.versions.sqlite).toMatch(/^3\.\d+\.\d+$/);
    expect(info.os).toEqual({ platform: process.platform, release: expect.any(String), arch: process.arch });
    expect(info.dataDir).toBe(agency.dataDir);
    expect(info.databaseBytes).toBeGreaterThan(4096);
    expect(info.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(info.documentCount).toBe(1);
    expect(info.logFile).toBe(path.join(agency.dataDir, 'logs', 'vanthu.log'));
  });

  it('shows the last log lines, redacted', async () => {
    plantSecretsInTheLog(agency.dataDir);
    const { logLines } = await agency.call('diagnostics.get', {});
    expect(logLines.at(-2)).toMatch(/ERROR core \[signer\] login failed \{ pin: ["']\[redacted\]["'], secret: ["']\[redacted\]["'] \}$/);
    expect(logLines.at(-1)).toContain('?token=[redacted]');
    for (const leaked of [PIN, SECRET, BEARER, LAUNCH_TOKEN]) expect(logLines.join('\n')).not.toContain(leaked);
  });

  it('tests the axis connection: ok, with the time it took', async () => {
    const result = await agency.call('diagnostics.testAxis', {});
    expect(result).toMatchObject({ axisUrl: axis.server.url, agencyCode: agency.code, error: null });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(result.testedAt)).not.toBeNaN();
  });

  it('saves a report with versions, queue counts and the log, without any secret', async () => {
    plantSecretsInTheLog(agency.dataDir);
    const file = await agency.call('diagnostics.report', {});
    expect(file.fileName).toMatch(/^vanthu-diagnostics-\d{8}-\d{4}\.txt$/);
    expect(file.contentType).toBe('text/plain; charset=utf-8');
    const text = (await agency.file(file)).toString('utf8');
    expect(text).toMatch(/^VanThu diagnostics report\n/);
    expect(text).toContain('VanThu: test\n');
    expect(text).toContain(`Node: ${process.versions.node}\n`);
    expect(text).toMatch(/SQLite: 3\.\d+\.\d+\n/);
    expect(text).toContain(`Schema version: ${LATEST_SCHEMA_VERSION}\n`);
    expect(text).toContain(`Axis: ${axis.server.url} as ${agency.code}\nResult: ok in `);
    expect(text).toMatch(/== Token test ==\n(Slot |No token|Not run: )/);
    expect(text).toMatch(/== Sync ==\nPhase: idle\n/);
    expect(text).toContain('Outbox: none\nQuarantine: none\n');
    expect(text).toContain('[signer] login failed');
    for (const leaked of [PIN, SECRET, BEARER, LAUNCH_TOKEN, axis.agencies[0]!.secret]) expect(text).not.toContain(leaked);
  });

  it('with the axis down: a clear error and the time it took, in the page and in the report', async () => {
    await axis.server.close();
    const result = await agency.call('diagnostics.testAxis', {});
    expect(result.error?.code).toBe('unavailable');
    expect(result.error?.message).toMatch(new RegExp(`^Cannot reach the axis at ${axis.server.url.replace(/[.]/g, '\\.')}: `));
    const text = (await agency.file(await agency.call('diagnostics.report', {}))).toString('utf8');
    expect(text).toMatch(/Result: FAILED after \d+ ms \(unavailable\): Cannot reach the axis at /);
  });
});

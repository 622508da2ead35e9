/**
 * The work handling report at a desk in agency mode, through the core's API against a real hub
 * (test/hub.ts, PostgreSQL): the core asks the hub for it, writes it as XLSX through the export
 * layer, and says the server is out of reach once it is.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreRuntime } from '../electron/core/service/core-runtime.js';
import { TEST_PASSWORD, useTestHub } from './hub.js';
import { useTempDirs } from './temp-dir.js';
import { startCore } from './core-api.js';

const hub = useTestHub();
const tempDir = useTempDirs();
const runtimes: CoreRuntime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.close()));
});

const PERIOD = { from: '2026-11-01', to: '2026-11-30' };

describe('the work handling report at a desk', () => {
  it('comes from the hub, exports as XLSX made at the desk, and is unavailable once the hub is out of reach', async () => {
    const test = await hub();
    const hubUrl = new URL(await test.app.listen({ host: '127.0.0.1', port: 0 })).origin;
    await test.addUser('lanhdao', ['leader']);
    const desk = await startCore(await tempDir(), { policy: {}, problems: [] }, runtimes);
    // Not signed in yet: nothing to ask.
    expect(await desk.fails('hub.workReport', PERIOD)).toMatchObject({ code: 'not_configured' });
    await desk.call('hub.connect', { hubUrl, username: 'lanhdao', password: TEST_PASSWORD });

    const report = await desk.call('hub.workReport', PERIOD);
    expect(report).toMatchObject({ ...PERIOD, scope: 'all', units: [expect.objectContaining({ unitId: test.unitId, code: 'VP', assigned: 0 })], presentation: { normal: { registered: 0 } } });
    expect(await desk.fails('hub.workReport', { from: '2026-11-30', to: '2026-11-01' })).toMatchObject({ code: 'invalid_input' });

    const file = await desk.call('hub.exportWorkReport', { ...PERIOD, format: 'xlsx' });
    expect(file.fileName).toBe('bao-cao-xu-ly-cong-viec-tu-01-11-2026-den-30-11-2026.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await readFile(desk.runtime.resolveFile(file.url)!.path)).slice().buffer);
    const values = (workbook.worksheets[0]!.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
    expect(values[1]![0]).toBe('XỬ LÝ CÔNG VIỆC');
    expect(values[4]).toEqual(['VP – Văn phòng', 0, 0, 0, 0, 0, 0, '', '']);
    expect(values[5]![0]).toBe('Tổng cộng');

    await test.app.close();
    expect(await desk.fails('hub.workReport', PERIOD)).toMatchObject({ code: 'unavailable', fields: { hub: 'offline' } });
    expect(await desk.fails('hub.exportWorkReport', { ...PERIOD, format: 'pdf' })).toMatchObject({ code: 'unavailable' });
  });
});

import { expect, it } from 'vitest';
import { resolveHubConfig } from './config.js';

it('takes the axis account whole or not at all, the secret only from a file', () => {
  expect(resolveHubConfig({ 'data-dir': '/srv/hub' }, {}).axis).toBeNull();
  expect(resolveHubConfig({ 'data-dir': '/srv/hub', 'axis-url': 'https://truc.example.vn', 'axis-system-id': '000.00.00.H41' }, { VANTHU_HUB_AXIS_SECRET_FILE: '/etc/vanthu/axis-secret' }).axis).toEqual({
    url: 'https://truc.example.vn',
    systemId: '000.00.00.H41',
    secretFile: '/etc/vanthu/axis-secret',
  });
  expect(() => resolveHubConfig({ 'data-dir': '/srv/hub', 'axis-url': 'https://truc.example.vn' }, {})).toThrow(/needs all three of --axis-url, --axis-system-id and --axis-secret-file/);
});

it('pauses a minute between exchange rounds unless told a shorter time of at least 500 ms', () => {
  expect(resolveHubConfig({}, {}).exchangePollMs).toBe(60_000);
  expect(resolveHubConfig({}, { VANTHU_HUB_EXCHANGE_POLL_MS: '500' }).exchangePollMs).toBe(500);
  expect(resolveHubConfig({}, { VANTHU_HUB_EXCHANGE_POLL_MS: '10' }).exchangePollMs).toBe(60_000);
});

it("gives the daily digest at 07:30 unless the agency sets another time of day", () => {
  expect(resolveHubConfig({}, {}).digestTime).toBe('07:30');
  expect(resolveHubConfig({ 'digest-time': '06:45' }, { VANTHU_HUB_DIGEST_TIME: '08:00' }).digestTime).toBe('06:45');
  expect(resolveHubConfig({}, { VANTHU_HUB_DIGEST_TIME: '08:00' }).digestTime).toBe('08:00');
  expect(() => resolveHubConfig({}, { VANTHU_HUB_DIGEST_TIME: '7:30' })).toThrow(/HH:MM/);
  expect(() => resolveHubConfig({ 'digest-time': '24:00' }, {})).toThrow(/HH:MM/);
});

it('OCRs one scanned file at a time unless the agency gives its server more', () => {
  expect(resolveHubConfig({}, {}).ocrConcurrency).toBe(1);
  expect(resolveHubConfig({ 'ocr-concurrency': '2' }, { VANTHU_HUB_OCR_CONCURRENCY: '4' }).ocrConcurrency).toBe(2);
  expect(resolveHubConfig({}, { VANTHU_HUB_OCR_CONCURRENCY: '3' }).ocrConcurrency).toBe(3);
  expect(() => resolveHubConfig({ 'ocr-concurrency': '0' }, {})).toThrow(/from 1 to 16/);
  expect(() => resolveHubConfig({}, { VANTHU_HUB_OCR_CONCURRENCY: 'many' })).toThrow(/from 1 to 16/);
});

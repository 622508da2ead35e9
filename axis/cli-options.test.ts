import path from 'node:path';
import { expect, test } from 'vitest';
import { parseAxisCliArgs } from './cli-options.js';

test('defaults: loopback, port 5180, ./.vanthu-axis', () => {
  expect(parseAxisCliArgs([], '/home/clerk')).toEqual({ host: '127.0.0.1', port: 5180, dataDir: path.resolve('/home/clerk', '.vanthu-axis'), demo: false, directorySize: null, quiet: false, faultsFile: null });
});

test('flags are read', () => {
  expect(parseAxisCliArgs(['--port', '0', '--data-dir', '/tmp/axis', '--demo', '--directory-size', '111000', '--host', '::1', '--quiet', '--faults', 'plan.json'], '/')).toEqual({
    host: '::1',
    port: 0,
    dataDir: '/tmp/axis',
    demo: true,
    directorySize: 111_000,
    quiet: true,
    faultsFile: '/plan.json',
  });
});

test('a non-loopback host needs --public', () => {
  expect(() => parseAxisCliArgs(['--host', '0.0.0.0'], '/')).toThrow('--host 0.0.0.0 is not a loopback address; add --public to listen on the network');
  expect(parseAxisCliArgs(['--host', '0.0.0.0', '--public'], '/').host).toBe('0.0.0.0');
});

test('bad values are refused', () => {
  expect(() => parseAxisCliArgs(['--port', '70000'], '/')).toThrow('--port must be a whole number from 0 to 65535, not 70000');
  expect(() => parseAxisCliArgs(['--port', 'abc'], '/')).toThrow('--port must be');
  expect(() => parseAxisCliArgs(['--verbose'], '/')).toThrow();
});

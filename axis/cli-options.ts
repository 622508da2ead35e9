/**
 * Command-line options of the reference axis. It listens on loopback unless told otherwise:
 * it hands out demo secrets and is meant for a developer's machine, not a network.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface AxisCliOptions {
  host: string;
  port: number;
  dataDir: string;
  demo: boolean;
  directorySize: number | null;
  /** No request log: the embedded demo axis would otherwise fill the app's terminal. */
  quiet: boolean;
  /** A JSON fault plan to inject from the start (tests only; see faults.ts). */
  faultsFile: string | null;
}

export const AXIS_USAGE = `Usage: npm run axis -- [--port 5180] [--host 127.0.0.1 [--public]] [--data-dir ./.vanthu-axis] [--demo] [--directory-size N]
  --demo               seed three demo agencies; their secrets go to <data-dir>/demo-credentials.json
  --directory-size N   generate agencies until the directory holds at least N
  --quiet              do not log each request
  --faults FILE        inject the faults of this JSON plan (tests only); each one is logged`;

/** Parses argv (without node and script); throws an Error whose message is fit for the user. */
export function parseAxisCliArgs(argv: readonly string[], cwd: string): AxisCliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: '127.0.0.1' },
      public: { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: '.vanthu-axis' },
      demo: { type: 'boolean', default: false },
      'directory-size': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      faults: { type: 'string' },
    },
  });
  const port = integerOption('--port', values.port, 65_535);
  if (!values.public && !isLoopback(values.host)) {
    throw new Error(`--host ${values.host} is not a loopback address; add --public to listen on the network`);
  }
  const directorySize = values['directory-size'] === undefined ? null : integerOption('--directory-size', values['directory-size'], 10_000_000);
  return { host: values.host, port, dataDir: path.resolve(cwd, values['data-dir']), demo: values.demo, directorySize, quiet: values.quiet, faultsFile: values.faults === undefined ? null : path.resolve(cwd, values.faults) };
}

function integerOption(name: string, value: string, max: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(number <= max)) throw new Error(`${name} must be a whole number from 0 to ${max}, not ${value}`);
  return number;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

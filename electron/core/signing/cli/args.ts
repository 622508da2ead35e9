/** The command line of `npm run sign`: parsed and checked before any token is touched. */
import { parseArgs } from 'node:util';
import type { Rect } from '../pdf/signature-placeholder.js';

export const USAGE = `Usage:
  npm run sign -- --in FILE.pdf --out OUT.pdf --module /path/lib.so --token LABEL --cert ID --field NAME
                  [--page 1 --rect x,y,w,h] [--tsa URL] [--chain ISSUERS.pem] [--reason TEXT] [--location TEXT]
                  [--allow-final-try]
  npm run sign -- --list --module /path/lib.so

The PIN is read from the terminal without echo, or from the first line of stdin when stdin is
not a terminal. It is never taken from the command line.
  --cert ID          the certificate's CKA_ID in hex, as --list shows it
  --rect x,y,w,h     the visible signature box in PDF points from the page's lower left corner;
                     without it the signature is invisible
  --tsa URL          an RFC 3161 time-stamp server: PAdES B-T instead of B-B
  --chain FILE.pem   issuer certificates to include when the token holds only the signer's
  --allow-final-try  needed without a terminal when the token says one PIN try is left`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'list'; module: string }
  | {
      kind: 'sign';
      module: string;
      input: string;
      output: string;
      token: string;
      certificateId: string;
      field: string;
      page: number;
      rect: Rect;
      tsaUrl?: string;
      chain?: string;
      reason?: string;
      location?: string;
      allowFinalTry: boolean;
    };

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        in: { type: 'string' },
        out: { type: 'string' },
        module: { type: 'string' },
        token: { type: 'string' },
        cert: { type: 'string' },
        field: { type: 'string' },
        page: { type: 'string' },
        rect: { type: 'string' },
        tsa: { type: 'string' },
        chain: { type: 'string' },
        reason: { type: 'string' },
        location: { type: 'string' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        'allow-final-try': { type: 'boolean' },
      },
    }));
  } catch (error) {
    // A PIN typed as an argument must not be echoed back in the message.
    const known = /Unknown option '(--?[\w-]+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw new UsageError(known ? `unknown option ${known} (the PIN is never an option: it is asked for)` : 'invalid arguments; see --help');
  }
  if (values.help) return { kind: 'help' };
  const text = (name: string): string | undefined => values[name] as string | undefined;
  const required = (name: string): string => {
    const value = text(name);
    if (!value) throw new UsageError(`--${name} is required`);
    return value;
  };
  const module = required('module');
  if (values.list) return { kind: 'list', module };

  const certificateId = required('cert').toLowerCase().replace(/^0x/, '');
  if (!/^([0-9a-f]{2})+$/.test(certificateId)) throw new UsageError('--cert takes the certificate id in hex, as --list shows it');
  const pageText = text('page') ?? '1';
  const page = Number(pageText);
  if (!Number.isInteger(page) || page < 1) throw new UsageError(`--page needs a page number from 1, got ${pageText}`);
  const tsaUrl = text('tsa');
  if (tsaUrl && !/^https?:\/\//i.test(tsaUrl)) throw new UsageError('--tsa needs an http:// or https:// URL');
  return {
    kind: 'sign',
    module,
    input: required('in'),
    output: required('out'),
    token: required('token'),
    certificateId,
    field: required('field'),
    page,
    rect: parseRect(text('rect')),
    ...(tsaUrl ? { tsaUrl } : {}),
    ...(text('chain') ? { chain: text('chain') } : {}),
    ...(text('reason') ? { reason: text('reason') } : {}),
    ...(text('location') ? { location: text('location') } : {}),
    allowFinalTry: values['allow-final-try'] === true,
  };
}

/** x,y,w,h into the PDF's [llx lly urx ury]; none is an invisible signature. */
function parseRect(value: string | undefined): Rect {
  if (value === undefined) return [0, 0, 0, 0];
  const numbers = value.split(',').map((part) => Number(part.trim()));
  if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) throw new UsageError(`--rect needs x,y,w,h in points, got ${value}`);
  const [x, y, w, h] = numbers as [number, number, number, number];
  if (w <= 0 || h <= 0 || x < 0 || y < 0) throw new UsageError('--rect needs a positive width and height inside the page');
  return [x, y, x + w, y + h];
}

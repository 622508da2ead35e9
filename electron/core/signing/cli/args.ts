/** The command line of `npm run sign`: parsed and checked before any token is touched. */
import { parseArgs } from 'node:util';
import { SEAL_DIAMETER_MM } from '../../../../shared/api/limits.js';
import type { Rect } from '../pdf/signature-placeholder.js';

export const USAGE = `Usage:
  npm run sign -- --in FILE.pdf --out OUT.pdf --module /path/lib.so --token LABEL --cert ID --field NAME
                  [--page 1 --rect x,y,w,h] [--tsa URL] [--chain ISSUERS.pem] [--reason TEXT] [--location TEXT]
                  [--image FILE.png | --agency [--seal FILE.png] [--seal-mm N] | --text LINE...]
                  [--allow-final-try]
  npm run sign -- --list --module /path/lib.so
  npm run sign -- --archival --in FILE.pdf --out OUT.pdf --tsa URL --trust DIR_OR_FILE [--trust …]

The PIN is read from the terminal without echo, or from the first line of stdin when stdin is
not a terminal. It is never taken from the command line.
  --cert ID          the certificate's CKA_ID in hex, as --list shows it
  --rect x,y,w,h     the visible signature box in PDF points from the page's lower left corner;
                     without it the signature is invisible. A visible signature looks as in the
                     app (NĐ 30/2020): by default the signature image alone, centred
  --image FILE.png   the signer's signature image (default assets/signature-default.png)
  --agency           the agency's signature: the seal at its real size on the left, with the
                     agency name, email and signing time (or the --text lines) to its right
  --seal FILE.png    the seal image (default assets/seal-default.png); implies --agency
  --seal-mm N        the seal's real diameter in mm, ${SEAL_DIAMETER_MM.min} to ${SEAL_DIAMETER_MM.max} (default ${SEAL_DIAMETER_MM.default}); implies --agency
  --text LINE        a line of text, repeatable; without --agency the signature is text only
                     (the agency signature on separate attachment files)
  --tsa URL          an RFC 3161 time-stamp server: PAdES B-T instead of B-B
  --chain FILE.pem   issuer certificates to include when the token holds only the signer's
  --allow-final-try  needed without a terminal when the token says one PIN try is left
  --archival         no token: extends a signed PDF to its archival form (PAdES B-LTA): the
                     chains and OCSP/CRL answers of every signature in a DSS, then a document
                     time-stamp from --tsa; each chain must reach a --trust certificate`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What a visible signature shows; absent with an invisible one. */
export type CliAppearance =
  | { kind: 'signature'; image?: string }
  | { kind: 'seal'; image?: string; diameterMm: number; lines?: string[] }
  | { kind: 'text'; lines: string[] };

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'list'; module: string }
  | { kind: 'archival'; input: string; output: string; tsaUrl: string; trust: string[] }
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
      appearance?: CliAppearance;
      tsaUrl?: string;
      chain?: string;
      reason?: string;
      location?: string;
      allowFinalTry: boolean;
    };

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values: Record<string, string | boolean | string[] | undefined>;
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
        image: { type: 'string' },
        agency: { type: 'boolean' },
        seal: { type: 'string' },
        'seal-mm': { type: 'string' },
        text: { type: 'string', multiple: true },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        'allow-final-try': { type: 'boolean' },
        archival: { type: 'boolean' },
        trust: { type: 'string', multiple: true },
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
  if (values.archival) return parseArchival(required, text, values.trust as string[] | undefined);
  const module = required('module');
  if (values.list) return { kind: 'list', module };

  const certificateId = required('cert').toLowerCase().replace(/^0x/, '');
  if (!/^([0-9a-f]{2})+$/.test(certificateId)) throw new UsageError('--cert takes the certificate id in hex, as --list shows it');
  const pageText = text('page') ?? '1';
  const page = Number(pageText);
  if (!Number.isInteger(page) || page < 1) throw new UsageError(`--page needs a page number from 1, got ${pageText}`);
  const tsaUrl = text('tsa');
  if (tsaUrl && !/^https?:\/\//i.test(tsaUrl)) throw new UsageError('--tsa needs an http:// or https:// URL');
  const rect = parseRect(text('rect'));
  const appearance = parseAppearance(values, rect);
  return {
    kind: 'sign',
    module,
    input: required('in'),
    output: required('out'),
    token: required('token'),
    certificateId,
    field: required('field'),
    page,
    rect,
    ...(appearance ? { appearance } : {}),
    ...(tsaUrl ? { tsaUrl } : {}),
    ...(text('chain') ? { chain: text('chain') } : {}),
    ...(text('reason') ? { reason: text('reason') } : {}),
    ...(text('location') ? { location: text('location') } : {}),
    allowFinalTry: values['allow-final-try'] === true,
  };
}

function parseArchival(required: (name: string) => string, text: (name: string) => string | undefined, trust: string[] | undefined): CliCommand {
  const tsaUrl = text('tsa');
  if (!tsaUrl || !/^https?:\/\//i.test(tsaUrl)) throw new UsageError('--archival needs --tsa with an http:// or https:// URL: the document time-stamp comes from it');
  if (!trust || trust.length === 0) throw new UsageError('--archival needs --trust: the folder or file of the trust anchors the signatures chain to');
  return { kind: 'archival', input: required('in'), output: required('out'), tsaUrl, trust };
}

function parseAppearance(values: Record<string, string | boolean | string[] | undefined>, rect: Rect): CliAppearance | undefined {
  const image = values.image as string | undefined;
  const seal = values.seal as string | undefined;
  const sealMmText = values['seal-mm'] as string | undefined;
  const lines = values.text as string[] | undefined;
  const agency = values.agency === true || seal !== undefined || sealMmText !== undefined;
  const invisible = rect.every((n) => n === 0);
  if (invisible) {
    if (image !== undefined || agency || lines !== undefined) throw new UsageError('--image, --agency, --seal, --seal-mm and --text draw a visible signature: give its --rect');
    return undefined;
  }
  if (image !== undefined && (agency || lines !== undefined)) throw new UsageError('--image is the signer\'s signature alone: it does not go with --agency, --seal, --seal-mm or --text');
  if (agency) {
    const diameterMm = sealMmText === undefined ? SEAL_DIAMETER_MM.default : Number(sealMmText);
    if (!Number.isFinite(diameterMm) || diameterMm < SEAL_DIAMETER_MM.min || diameterMm > SEAL_DIAMETER_MM.max) {
      throw new UsageError(`--seal-mm needs a diameter from ${SEAL_DIAMETER_MM.min} to ${SEAL_DIAMETER_MM.max} mm, got ${sealMmText}`);
    }
    return { kind: 'seal', diameterMm, ...(seal !== undefined ? { image: seal } : {}), ...(lines ? { lines } : {}) };
  }
  if (lines) return { kind: 'text', lines };
  return { kind: 'signature', ...(image !== undefined ? { image } : {}) };
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

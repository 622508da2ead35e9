/** The command line of `npm run sign`: parsed and checked before any token is touched. */
import { parseArgs } from 'node:util';
import { SEAL_DIAMETER_MM } from '../../../../shared/api/limits.js';
import { UsageError } from '../../process/usage-error.js';

export const USAGE = `Usage:
  The issuing flow of the app, step by step (docs/formats.md#signature-layout):
  npm run sign -- --step fields --in DRAFT.pdf --out OUT.pdf [--signer-name NAME] [--signer-title LINE...]
                  [--number-rect x,y,w,h] [--date-rect x,y,w,h] [--leader-rect x,y,w,h [--leader-page N]]
  npm run sign -- --step leader --in IN.pdf --out OUT.pdf --module LIB --token LABEL --cert ID [--image FILE.png] [SIGNING]
  npm run sign -- --step number --in IN.pdf --out OUT.pdf --number 05 [--notation QĐ-UBND] --date YYYY-MM-DD [--place TEXT]
  npm run sign -- --step agency --in IN.pdf --out OUT.pdf --module LIB --token LABEL --cert ID
                  [--seal FILE.png] [--seal-mm N] [--text LINE...] [SIGNING]

  One signature in a field of your choice:
  npm run sign -- --in FILE.pdf --out OUT.pdf --module LIB --token LABEL --cert ID --field NAME
                  [--page 1 --rect x,y,w,h] [--image FILE.png | --agency [--seal FILE.png] [--seal-mm N] | --text LINE...] [SIGNING]

  npm run sign -- --list --module LIB

  The archival form (PAdES B-LTA; no token):
  npm run sign -- --archival --in FILE.pdf --out OUT.pdf --tsa URL --trust DIR_OR_FILE [--trust …]

  SIGNING: [--tsa URL] [--chain ISSUERS.pem] [--reason TEXT] [--location TEXT] [--allow-final-try]

The PIN is read from the terminal without echo, or from the first line of stdin when stdin is
not a terminal. It is never taken from the command line. Everything that can be checked without
the token (the file, the boxes, the field names) is checked before the PIN is asked for.
  --step fields      Trình ký: the empty "Số" and "Ngày" fields on page 1 and the leader's empty
                     signature field, where the document's text says ("Số:", the place-and-date
                     line, the signer's block named by --signer-name/--signer-title); a box the
                     text does not give must be given with its --*-rect
  --step leader      the leader signs his empty field ("LeaderSignature") with his signature image
  --step number      fills "Số" (the number alone when the notation is printed after it) and
                     "Ngày" ("<place>, ngày DD tháng MM năm YYYY"; the printed place by default)
  --step agency      the agency signs ("AgencySignature"): the seal over the left third of the
                     leader's signature, its name, email and time beside or below it
  --rect x,y,w,h     a box in points from the lower left corner of the page as it is shown (upright,
                     whatever its /Rotate); it must lie on the page
  --field NAME       a new field, or an empty signature field already in the PDF (then leave out
                     --rect: its own box is used); a field that exists otherwise is refused
  --cert ID          the certificate's CKA_ID in hex, as --list shows it
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

/** A box as the page is shown: points from its lower left corner. */
export interface CliBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a visible signature shows. */
export type CliAppearance =
  | { kind: 'signature'; image?: string }
  | { kind: 'seal'; image?: string; diameterMm: number; lines?: string[] }
  | { kind: 'text'; lines: string[] };

export interface CliSigning {
  module: string;
  token: string;
  certificateId: string;
  tsaUrl?: string;
  chain?: string;
  reason?: string;
  location?: string;
  allowFinalTry: boolean;
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'list'; module: string }
  | { kind: 'archival'; input: string; output: string; tsaUrl: string; trust: string[] }
  | {
      kind: 'fields';
      input: string;
      output: string;
      signer: { name: string; titles: string[] };
      boxes: { number?: CliBox; date?: CliBox; leader?: CliBox & { page?: number } };
    }
  | { kind: 'number'; input: string; output: string; number: string; notation: string; date: string; place: string }
  | (CliSigning & {
      kind: 'sign';
      /** A step of the issuing flow, or a signature in a field of the user's choice. */
      step?: 'leader' | 'agency';
      input: string;
      output: string;
      field: string;
      page: number;
      /** Absent: the empty signature field `field` gives the box, else the signature is invisible. */
      box?: CliBox;
      /** Absent: the signature image when the signature turns out visible. */
      appearance?: CliAppearance;
    });

type Values = Record<string, string | boolean | string[] | undefined>;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values: Values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        step: { type: 'string' },
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
        'signer-name': { type: 'string' },
        'signer-title': { type: 'string', multiple: true },
        'number-rect': { type: 'string' },
        'date-rect': { type: 'string' },
        'leader-rect': { type: 'string' },
        'leader-page': { type: 'string' },
        number: { type: 'string' },
        notation: { type: 'string' },
        date: { type: 'string' },
        place: { type: 'string' },
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
  const step = text('step');
  if (step !== undefined && !['fields', 'leader', 'number', 'agency'].includes(step)) throw new UsageError(`--step is one of fields, leader, number, agency; got ${step}`);
  const onlyFor = (names: string[], where: string, allowed: boolean) => {
    const given = names.filter((name) => values[name] !== undefined);
    if (!allowed && given.length > 0) throw new UsageError(`--${given[0]} belongs to ${where}`);
  };
  onlyFor(['signer-name', 'signer-title', 'number-rect', 'date-rect', 'leader-rect', 'leader-page'], '--step fields', step === 'fields');
  onlyFor(['number', 'notation', 'date', 'place'], '--step number', step === 'number');

  if (step === 'fields') {
    const leader = optionalBox(text('leader-rect'), '--leader-rect');
    const leaderPage = text('leader-page') === undefined ? undefined : pageNumber(text('leader-page')!, '--leader-page');
    if (leaderPage !== undefined && !leader) throw new UsageError('--leader-page goes with --leader-rect');
    const number = optionalBox(text('number-rect'), '--number-rect');
    const date = optionalBox(text('date-rect'), '--date-rect');
    return {
      kind: 'fields',
      input: required('in'),
      output: required('out'),
      signer: { name: text('signer-name') ?? '', titles: (values['signer-title'] as string[] | undefined) ?? [] },
      boxes: { ...(number ? { number } : {}), ...(date ? { date } : {}), ...(leader ? { leader: { ...leader, ...(leaderPage ? { page: leaderPage } : {}) } } : {}) },
    };
  }
  if (step === 'number') {
    const number = required('number');
    if (!/^\d{1,9}$/.test(number)) throw new UsageError(`--number takes the register's number in digits (05), got ${number}`);
    const date = required('date');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new UsageError(`--date takes YYYY-MM-DD, got ${date}`);
    return { kind: 'number', input: required('in'), output: required('out'), number, notation: text('notation') ?? '', date, place: text('place') ?? '' };
  }

  const module = required('module');
  if (values.list) return { kind: 'list', module };
  const certificateId = required('cert').toLowerCase().replace(/^0x/, '');
  if (!/^([0-9a-f]{2})+$/.test(certificateId)) throw new UsageError('--cert takes the certificate id in hex, as --list shows it');
  const tsaUrl = text('tsa');
  if (tsaUrl && !/^https?:\/\//i.test(tsaUrl)) throw new UsageError('--tsa needs an http:// or https:// URL');
  const signing: CliSigning = {
    module,
    token: required('token'),
    certificateId,
    ...(tsaUrl ? { tsaUrl } : {}),
    ...(text('chain') ? { chain: text('chain') } : {}),
    ...(text('reason') ? { reason: text('reason') } : {}),
    ...(text('location') ? { location: text('location') } : {}),
    allowFinalTry: values['allow-final-try'] === true,
  };
  const io = { input: required('in'), output: required('out') };
  if (step === 'leader' || step === 'agency') {
    onlyFor(['field', 'page', 'rect'], 'a signature in a field of your choice (the steps use the fields placed by --step fields)', false);
    const appearance = parseAppearance(values);
    if (step === 'leader' && appearance && appearance.kind !== 'signature') throw new UsageError('--step leader draws the signature image: --agency, --seal, --seal-mm and --text belong to --step agency');
    if (step === 'agency' && values.image !== undefined) throw new UsageError('--step agency draws the seal: --image belongs to --step leader');
    return {
      kind: 'sign',
      step,
      ...signing,
      ...io,
      field: step === 'leader' ? 'LeaderSignature' : 'AgencySignature',
      page: 1,
      reason: signing.reason ?? (step === 'leader' ? 'Phê duyệt' : 'Phát hành'),
      appearance: step === 'leader' ? (appearance ?? { kind: 'signature' }) : appearance?.kind === 'seal' ? appearance : { kind: 'seal', diameterMm: SEAL_DIAMETER_MM.default },
    };
  }
  const box = optionalBox(text('rect'), '--rect');
  const page = pageNumber(text('page') ?? '1', '--page');
  const appearance = parseAppearance(values);
  return { kind: 'sign', ...signing, ...io, field: required('field'), page, ...(box ? { box } : {}), ...(appearance ? { appearance } : {}) };
}

function parseArchival(required: (name: string) => string, text: (name: string) => string | undefined, trust: string[] | undefined): CliCommand {
  const tsaUrl = text('tsa');
  if (!tsaUrl || !/^https?:\/\//i.test(tsaUrl)) throw new UsageError('--archival needs --tsa with an http:// or https:// URL: the document time-stamp comes from it');
  if (!trust || trust.length === 0) throw new UsageError('--archival needs --trust: the folder or file of the trust anchors the signatures chain to');
  return { kind: 'archival', input: required('in'), output: required('out'), tsaUrl, trust };
}

function parseAppearance(values: Values): CliAppearance | undefined {
  const image = values.image as string | undefined;
  const seal = values.seal as string | undefined;
  const sealMmText = values['seal-mm'] as string | undefined;
  const lines = values.text as string[] | undefined;
  const agency = values.agency === true || seal !== undefined || sealMmText !== undefined;
  if (image !== undefined && (agency || lines !== undefined)) throw new UsageError('--image is the signer\'s signature alone: it does not go with --agency, --seal, --seal-mm or --text');
  if (agency) {
    const diameterMm = sealMmText === undefined ? SEAL_DIAMETER_MM.default : Number(sealMmText);
    if (!Number.isFinite(diameterMm) || diameterMm < SEAL_DIAMETER_MM.min || diameterMm > SEAL_DIAMETER_MM.max) {
      throw new UsageError(`--seal-mm needs a diameter from ${SEAL_DIAMETER_MM.min} to ${SEAL_DIAMETER_MM.max} mm, got ${sealMmText}`);
    }
    return { kind: 'seal', diameterMm, ...(seal !== undefined ? { image: seal } : {}), ...(lines ? { lines } : {}) };
  }
  if (lines) return { kind: 'text', lines };
  if (image !== undefined) return { kind: 'signature', image };
  return undefined;
}

function pageNumber(value: string, option: string): number {
  const page = Number(value);
  if (!Number.isInteger(page) || page < 1) throw new UsageError(`${option} needs a page number from 1, got ${value}`);
  return page;
}

/** x,y,w,h in points (the page's size is checked once the PDF is open). */
function optionalBox(value: string | undefined, option: string): CliBox | undefined {
  if (value === undefined) return undefined;
  const numbers = value.split(',').map((part) => Number(part.trim()));
  if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) throw new UsageError(`${option} needs x,y,w,h in points, got ${value}`);
  const [x, y, width, height] = numbers as [number, number, number, number];
  if (width <= 0 || height <= 0) throw new UsageError(`${option} needs a positive width and height, got ${value}`);
  return { x, y, width, height };
}

/** The command line of `npm run verify`. */
import { parseArgs } from 'node:util';
import { UsageError } from '../../process/usage-error.js';

export const VERIFY_USAGE = `Usage:
  npm run verify -- FILE.pdf [FILE.pdf …] [--trust DIR|FILE]… [--json] [--offline]

Verifies every signature of each PDF and prints the report per file and per signature.
  --trust DIR|FILE  trust anchors: a folder of PEM/DER certificates or one file; repeatable.
                    Without it no chain can be trusted (NO_CERTIFICATE_CHAIN_FOUND).
  --json            the reports as JSON (an array, one PdfVerification per file)
  --offline         ask no OCSP responder and fetch no CRL: revocation stays unknown
                    (INDETERMINATE / TRY_LATER)
Exit code: 0 when every file is TOTAL_PASSED, 1 otherwise, 2 on a usage error.`;

export type VerifyCommand = { kind: 'help' } | { kind: 'verify'; files: string[]; trust: string[]; json: boolean; offline: boolean };

export function parseVerifyArgs(argv: readonly string[]): VerifyCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length === 0) throw new UsageError('no PDF file given');
  return { kind: 'verify', files: positionals, trust: values.trust ?? [], json: values.json ?? false, offline: values.offline ?? false };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      trust: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      offline: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

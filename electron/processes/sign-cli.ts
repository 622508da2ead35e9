/**
 * `npm run sign -- …`: the signing of the app from the command line (core/signing/cli/sign-command.ts).
 * Every failure prints one line on stderr and exits 1; the PIN is never echoed nor logged.
 */
import { UsageError } from '../core/process/usage-error.js';
import { runSignCli } from '../core/signing/cli/sign-command.js';

runSignCli(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sign: ${message.split('\n')[0]}\n`);
    if (error instanceof UsageError) process.stderr.write('Run with --help for the options.\n');
    process.exit(1);
  },
);

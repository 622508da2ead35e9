/**
 * `npm run verify -- FILE.pdf …`: the app's verification report from the command line
 * (core/verification/cli/verify-command.ts). Exit 0 when every file is TOTAL_PASSED, 1 otherwise,
 * 2 on a usage error.
 */
import { UsageError } from '../core/process/usage-error.js';
import { runVerifyCli } from '../core/verification/cli/verify-command.js';

runVerifyCli(process.argv.slice(2)).then(
  // A pipe takes stdout asynchronously: exit once what was written has gone (a long --json report was cut short).
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`verify: ${message.split('\n')[0]}\n`);
    if (error instanceof UsageError) {
      process.stderr.write('Run with --help for the options.\n');
      process.exit(2);
    }
    process.exit(1);
  },
);

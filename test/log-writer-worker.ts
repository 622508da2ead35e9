/**
 * A process that writes to the shared log file as the host, core or sync process does: the real
 * RotatingLogFile and line format. Bundled by the log concurrency test; started with
 * `<log dir> <process name> <count> <max bytes> <keep>`; waits for the start time so that both
 * processes write at once; answers when done.
 */
import { RotatingLogFile } from '../electron/core/logging/log-file.js';
import { formatLogLine, type ProcessName } from '../electron/core/logging/log.js';

const [dir, name, count, maxBytes, keep] = process.argv.slice(2);
const file = new RotatingLogFile({ dir: dir!, maxBytes: Number(maxBytes), keep: Number(keep) });

process.once('message', (startAt: number) => {
  while (Date.now() < startAt);
  for (let i = 0; i < Number(count); i++) {
    // Lengths vary from a few bytes to several kilobytes, with multi-byte characters: a torn or
    // interleaved write would show as a line that does not parse or a wrong length.
    const body = 'Công văn số '.repeat(1 + ((i * 37) % 400));
    file.append(formatLogLine(new Date(), 'ERROR', name as ProcessName, [`#${i} len=${body.length} ${body}`]));
  }
  process.send!('done', () => process.exit(0));
});
process.send!('ready');

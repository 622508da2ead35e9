/**
 * `npm run restore -- --data-dir DIR --backup PATH`: restore for IT staff, with VanThu closed (it
 * takes the data folder's instance lock, so it refuses while the app runs). `--list DIR` shows
 * the sets at a backup location. Failures print one line on stderr: exit 1, or 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import { acquireInstanceLock } from '../core/host/instance-lock.js';
import { listBackups } from '../core/backup/backup-sets.js';
import { restoreBackup } from '../core/backup/restore-backup.js';

const USAGE = `Usage:
  npm run restore -- --data-dir DIR --backup PATH   restore the backup set PATH into DIR (VanThu closed)
  npm run restore -- --list LOCATION                list the backup sets at LOCATION, newest first
The database that is replaced is kept under DIR/replaced/.`;

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], strict: true, options: { 'data-dir': { type: 'string' }, backup: { type: 'string' }, list: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.list) {
    for (const set of await listBackups(values.list)) {
      const { createdAt, appVersion, counts } = set.manifest;
      process.stdout.write(`${set.dir}\t${createdAt}\tVanThu ${appVersion}\t${counts.documents} documents, ${counts.blobs} files\n`);
    }
    return 0;
  }
  const dataDir = values['data-dir'];
  const backup = values.backup;
  if (!dataDir || !backup) return usage('--data-dir and --backup are both needed');
  const lock = acquireInstanceLock(dataDir);
  try {
    const { manifest, replacedDatabase } = await restoreBackup(dataDir, backup);
    process.stdout.write(`Restored the backup of ${manifest.createdAt} (${manifest.counts.documents} documents, ${manifest.counts.blobs} files) into ${dataDir}.\n`);
    if (replacedDatabase) process.stdout.write(`The database it replaced is kept at ${replacedDatabase}.\n`);
    return 0;
  } finally {
    lock.release();
  }
}

function usage(problem: string): number {
  process.stderr.write(`${problem}\n${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

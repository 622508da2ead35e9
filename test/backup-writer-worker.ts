/**
 * A second VanThu process writing to a data folder while it is backed up: its own connection, the
 * real store functions, each document with an attachment whose blob is durable before its row.
 * Bundled by the backup test; started with `<data dir>`; says 'writing' after its first document
 * and, when told 'stop', answers with how many documents it wrote.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { BLOBS_DIR, DATABASE_FILE } from '../electron/core/config/data-dir.js';
import { BlobStore } from '../electron/core/store/blob-store.js';
import { openDatabase } from '../electron/core/store/database.js';
import { addAttachment, createDraft } from '../electron/core/store/documents.js';

const [dataDir] = process.argv.slice(2);
const db = openDatabase(path.join(dataDir!, DATABASE_FILE), { migrate: false });
const blobs = new BlobStore(path.join(dataDir!, BLOBS_DIR));
let stop = false;
process.once('message', () => {
  stop = true;
});

async function run(): Promise<void> {
  let written = 0;
  while (!stop) {
    const id = createDraft(db, { subject: `writer ${written}`, summary: '' }, 'user:writer');
    const blob = await blobs.putBytes(randomBytes(2048));
    addAttachment(db, { documentId: id, name: `w${written}.pdf`, contentType: 'application/pdf', ...blob }, 'user:writer');
    if (written++ === 0) process.send!('writing');
  }
  db.close();
  process.send!({ written }, () => process.exit(0));
}

void run();

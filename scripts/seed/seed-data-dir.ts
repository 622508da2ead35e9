/**
 * Fills a data dir (new or empty) with generated documents for demos and benchmarks: the same
 * migrations and layout as the app's own data dir, a directory of senders from the reference
 * axis's generator, documents over several years with NĐ 30 numbers and notations, gap-free
 * registers, urgencies and handling states, and attachment rows that all point at one tiny PDF.
 * The same seed gives the same data dir.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DEMO_AGENCIES, between, generatedAgencies, initials, mulberry32, pad, pick as pickWith } from '../../axis/directory.js';
import { foldText } from '../../shared/text/fold.js';
import { BLOBS_DIR, DATABASE_FILE } from '../../electron/core/config/data-dir.js';
import { applyDirectoryRows, type DirectoryRow } from '../../electron/core/store/agencies.js';
import { BlobStore } from '../../electron/core/store/blob-store.js';
import { openDatabase, writeTransaction } from '../../electron/core/store/database.js';
import { INCOMING_REGISTER, OUTGOING_REGISTER } from '../../electron/core/store/registers.js';
import { DOCUMENT_TYPES, EXTRA_ATTACHMENTS, POSITIONS, TOPICS, UNITS, personName, subjectFor, summaryFor } from './phrasing.js';

export interface SeedOptions {
  docs: number;
  seed: number;
  /** Senders and recipients, taken from the top of the generated national directory. */
  agencies?: number;
  onProgress?: (done: number) => void;
}

const BATCH = 5000;
/** Documents are spread evenly over these years, in id order (ids are arrival order). */
const FIRST_DAY = Date.UTC(2021, 0, 4);
const LAST_DAY = Date.UTC(2026, 10, 27);
const DAY_MS = 86_400_000;
/** Demo setup makes the first demo agency this data dir's own (see setup.useDemo). */
const SELF = DEMO_AGENCIES[0]!;

interface Sender {
  id: string;
  name: string;
  /** Its part of a notation: "UBND", "SNV". */
  abbreviation: string;
  /** How it calls itself in a summary: the name before the place. */
  short: string;
}

/** "Sở Nội vụ tỉnh Nghệ An" → short "Sở Nội vụ", abbreviation "SNV"; any "UBND …" → "UBND". */
export function senderOf(id: string, name: string): Sender {
  const short = /^(.*?)(?:,| - | (?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường) ).*$/u.exec(name)?.[1] ?? name;
  const abbreviation = short.startsWith('UBND') ? 'UBND' : initials(short).slice(0, 8) || 'CQ';
  return { id, name, abbreviation, short };
}

export async function seedDataDir(dataDir: string, options: SeedOptions): Promise<{ documents: number; agencies: number }> {
  await mkdir(dataDir, { recursive: true });
  const blobs = new BlobStore(path.join(dataDir, BLOBS_DIR));
  await blobs.init();
  const blob = await blobs.putBytes(await samplePdf());
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  try {
    const present = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    if (present > 0) throw new Error(`${dataDir} already holds ${present} documents: seed a new or empty data dir.`);
    const senders = seedDirectory(db, options.agencies ?? 3000, options.seed);
    const random = mulberry32(options.seed);
    const pick = <T>(items: readonly T[]): T => pickWith(items, random);
    const weighted = <T>(items: ReadonlyArray<readonly [T, number]>): T => {
      let left = random() * items.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [item, weight] of items) if ((left -= weight) < 0) return item;
      return items[items.length - 1]![0];
    };
    const types = DOCUMENT_TYPES.map(([name, abbreviation, weight]) => [{ name, abbreviation }, weight] as const);
    const self = senderOf(SELF.code, SELF.name);
    // The default registers, whose codes key the counters: each number taken is an entry in one.
    const registerId = (code: string) => db.prepare('SELECT id FROM registers WHERE code = ?').pluck().get(code) as number;
    const registerIds = { [INCOMING_REGISTER]: registerId(INCOMING_REGISTER), [OUTGOING_REGISTER]: registerId(OUTGOING_REGISTER) };
    const numbers = new Map<string, number>();
    const next = (key: string) => {
      const value = (numbers.get(key) ?? 0) + 1;
      numbers.set(key, value);
      return value;
    };

    const insertDocument = db.prepare(
      `INSERT INTO documents (id, direction, edxml_document_id, sender_id, sender_name, subject, summary, code_number, code_notation, type_name,
         promulgation_date, signer_name, signer_position, priority, due_date, state, arrival_number, received_at, created_at, updated_at,
         register_id, register_year, register_number, registered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertRecipient = db.prepare('INSERT INTO recipient_statuses (document_id, recipient_id, state, updated_at) VALUES (?, ?, ?, ?)');
    // A bulk loader's own statements: insertAttachments prepares its statements on every call.
    const insertAttachment = db.prepare(
      'INSERT INTO attachments (document_id, position, name, content_type, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertVersion = db.prepare("INSERT INTO attachment_versions (attachment_id, version, sha256, size, step, created_at) VALUES (?, 1, ?, ?, 'original', ?)");

    // Off while children are written before their document (see below); checked at the end.
    db.pragma('foreign_keys = OFF');
    for (let start = 0; start < options.docs; start += BATCH) {
      writeTransaction(db, () => {
        for (let i = start; i < Math.min(options.docs, start + BATCH); i++) {
          const at = officeHours(FIRST_DAY + ((LAST_DAY - FIRST_DAY) * (i + random() * 0.9)) / options.docs);
          const iso = at.toISOString();
          const day = iso.slice(0, 10);
          const year = at.getUTCFullYear();
          const age = (LAST_DAY - at.getTime()) / DAY_MS;
          const direction = weighted([['incoming', 60], ['outgoing', 30], ['draft', 10]] as const);
          const type = weighted(types);
          const topic = pick(TOPICS);
          const priority = weighted([[0, 850], [1, 90], [2, 40], [3, 15], [4, 5]] as const);
          const signer = personName(pick);
          const sender = direction === 'incoming' ? pick(senders) : self;
          const notation = `${type.abbreviation ?? sender.abbreviation}-${type.abbreviation ? sender.abbreviation : pick(UNITS)}`;
          let number: string | null = null;
          let state: string;
          let arrival: number | null = null;
          let entry: { register: number; number: number } | null = null;
          if (direction === 'incoming') {
            number = pad(next(`${sender.id}|${year}`), 2);
            state = age > 30 ? weighted([['done', 80], ['processing', 8], ['returned', 4], ['revoked', 1], ['assigned', 7]] as const) : weighted([['arrived', 30], ['accepted', 25], ['assigned', 20], ['processing', 20], ['done', 5]] as const);
            if (state !== 'arrived' && state !== 'returned') {
              arrival = next(`${INCOMING_REGISTER}|${year}`);
              entry = { register: registerIds[INCOMING_REGISTER], number: arrival };
            }
          } else if (direction === 'outgoing') {
            const issued = next(`${OUTGOING_REGISTER}|${year}`);
            number = pad(issued, 2);
            entry = { register: registerIds[OUTGOING_REGISTER], number: issued };
            state = weighted([['sent', 96], ['failed', 2], ['queued', 2]] as const);
          } else {
            state = 'editing';
          }
          // Children first, then the document: the index triggers find no document for the
          // children's rows and write the document's index row once, with attachments and recipients.
          const documentId = i + 1;
          if (direction === 'outgoing') {
            const recipients = new Set(Array.from({ length: between(random, 1, 3) }, () => pick(senders).id));
            for (const recipient of recipients) insertRecipient.run(documentId, recipient, state === 'sent' ? 'sent' : 'queued', iso);
          }
          const names = direction === 'draft' && random() < 0.5 ? [] : [`${foldText(notation)}_${number ?? 'du-thao'}.pdf`];
          for (let extra = between(random, 0, 2); extra > 0; extra--) names.push(pick(EXTRA_ATTACHMENTS));
          [...new Set(names)].forEach((name, position) => {
            const attachmentId = Number(insertAttachment.run(documentId, position + 1, name, contentTypeOf(name), blob.size, blob.sha256, iso).lastInsertRowid);
            insertVersion.run(attachmentId, blob.sha256, blob.size, iso);
          });
          insertDocument.run(
            documentId,
            direction,
            direction === 'incoming' ? `${sender.id},${day},${number}/${notation}` : null,
            direction === 'draft' ? null : sender.id,
            direction === 'draft' ? null : sender.name,
            subjectFor(type.name, topic, year, pick),
            summaryFor(sender.short, topic, pick),
            number,
            number === null ? null : notation,
            type.name,
            number === null ? null : day,
            signer,
            pick(POSITIONS),
            priority,
            direction === 'incoming' && random() < 0.2 ? new Date(at.getTime() + between(random, 7, 30) * DAY_MS).toISOString().slice(0, 10) : null,
            state,
            arrival,
            direction === 'incoming' ? iso : null,
            iso,
            iso,
            entry?.register ?? null,
            entry === null ? null : year,
            entry?.number ?? null,
            entry === null ? null : iso,
          );
        }
        // The registers go on from the numbers seeded, gap-free.
        const setCounter = db.prepare(
          'INSERT INTO register_counters (register, year, last_number) VALUES (?, ?, ?) ON CONFLICT (register, year) DO UPDATE SET last_number = excluded.last_number',
        );
        for (const [key, last] of numbers) {
          const [register, year] = key.split('|') as [string, string];
          if (register === INCOMING_REGISTER || register === OUTGOING_REGISTER) setCounter.run(register, Number(year), last);
        }
      });
      options.onProgress?.(Math.min(options.docs, start + BATCH));
    }
    db.pragma('foreign_keys = ON');
    const orphans = db.pragma('foreign_key_check') as unknown[];
    if (orphans.length > 0) throw new Error(`seeding left ${orphans.length} rows without their document`);
    return { documents: options.docs, agencies: senders.length };
  } finally {
    db.close();
  }
}

/** The top of the generated national directory, into the agencies table: the senders. */
function seedDirectory(db: ReturnType<typeof openDatabase>, count: number, seed: number): Sender[] {
  const rows: DirectoryRow[] = [];
  for (const agency of generatedAgencies(seed)) {
    if (rows.length >= count) break;
    rows.push({ id: agency.code, codeQd20: agency.codeQd20 ?? null, parentId: agency.pid ?? null, name: agency.name, email: agency.mail ?? null, version: 1, deleted: false });
  }
  writeTransaction(db, () => applyDirectoryRows(db, rows));
  return rows.filter((row) => row.id !== SELF.code).map((row) => senderOf(row.id, row.name));
}

/**
 * The same instant moved into office hours, 08:00–17:00 in Vietnam (01:00–10:00 UTC), order kept:
 * so the UTC day and year written are Vietnam's too, the year registers count in (vietnamYear).
 */
function officeHours(ms: number): Date {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  return new Date(day + 3600_000 + ((ms - day) * 9) / 24);
}

function contentTypeOf(name: string): string {
  if (name.endsWith('.pdf')) return 'application/pdf';
  if (name.endsWith('.docx')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}

async function samplePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // A fixed date: the same seed writes the same bytes, hence the same blob name.
  pdf.setCreationDate(new Date(FIRST_DAY));
  pdf.setModificationDate(new Date(FIRST_DAY));
  const page = pdf.addPage([595, 842]);
  page.drawText('VanThu: generated sample document', { x: 72, y: 760, size: 14, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return pdf.save();
}

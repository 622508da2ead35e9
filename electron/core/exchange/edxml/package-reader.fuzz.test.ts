/**
 * Hostile packages through the real package reader, into a real blob store: 5,000 generated
 * packages whose attachments are hostile zips (bombs that declare their size or lie about it,
 * CRC-32s and sizes that lie, encryption, `..` and absolute names, damaged and truncated zips,
 * several entries, zips in zips) or plain bytes, and whose XML is mutated the ways the parser's
 * fuzz test mutates it. Whatever comes in, the reader stores the package or refuses it with a
 * quarantine reason, never another error; nothing is left in the blob store's temp folder, no
 * file descriptor stays open, and only accepted packages leave blobs behind.
 */
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isQuarantineReason, type QuarantineReason } from '../../../../shared/api/quarantine-reasons.js';
import { buildDocumentPackage } from '../../../../shared/edxml/builder.js';
import { collectText, sampleDocumentPackage, testBytes } from '../../../../test/edxml-fixtures.js';
import { mutation, type Mutation } from '../../../../test/edxml-mutations.js';
import { deflatedEntry, zipBytes, type ZipEntry } from '../../../../test/zip-bytes.js';
import { BlobStore } from '../../store/blob-store.js';
import { readPackageFile } from './package-reader.js';

const PACKAGES = 5_000;
const MiB = 1024 * 1024;

let dir: string;
/** 24 MB of one byte, deflated once (~24 KB): the bombs are made of it (an attachment may unzip to 16 MB at least). */
let bomb: ZipEntry;

beforeAll(async () => {
  // A RAM disk where there is one: 5,000 packages' fsyncs cost nothing there.
  dir = await mkdtemp(path.join(existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'vanthu-reader-fuzz-'));
  bomb = deflatedEntry('Công văn.pdf', Buffer.alloc(24 * MiB, 0x20));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pdf = (seed: number, length: number) => testBytes(length, seed, '%PDF-1.4\n');

/** The first bytes of an attachment: hostile zips of every kind, and plain files. */
const attachment: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3000 })).map(([seed, length]) => pdf(seed, length)),
  fc.uint8Array({ maxLength: 600 }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3000 })).map(([seed, length]) => zipBytes([{ name: 'x.pdf', data: pdf(seed, length) }])),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3000 })).map(([seed, length]) => zipBytes([deflatedEntry('x.pdf', pdf(seed, length))])),
  // Bombs: declared honestly (refused before unzipping), or declared small (cut where the declaration ends).
  fc.constant(0).map(() => zipBytes([bomb])),
  fc.integer({ min: 0, max: 256 * 1024 }).map((declared) => zipBytes([{ ...bomb, uncompressedSize: declared }])),
  fc.integer({ min: 0, max: 0xffffffff }).map((declared) => zipBytes([{ ...bomb, uncompressedSize: declared }])),
  // Headers that lie, encryption, unsafe names.
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0xffffffff })).map(([seed, crc]) => zipBytes([{ name: 'x.pdf', data: pdf(seed, 500), crc }])),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 5000 })).map(([seed, size]) => zipBytes([{ name: 'x.pdf', data: pdf(seed, 500), uncompressedSize: size }])),
  fc.nat().map((seed) => zipBytes([{ name: 'x.pdf', data: pdf(seed, 500), flags: 0x0801 }])),
  fc.tuple(fc.constantFrom('../evil.pdf', '/etc/evil', 'C:\\evil.pdf', 'a/../../b', 'nul\u0000.pdf', 'x'.repeat(5000), '', 'dir/'), fc.nat()).map(([name, seed]) => zipBytes([{ name, data: pdf(seed, 300) }])),
  // Several entries (kept whole), a zip in a zip (unwrapped once), an empty zip.
  fc.tuple(fc.nat(), fc.integer({ min: 2, max: 5 })).map(([seed, count]) => zipBytes(Array.from({ length: count }, (_, index) => ({ name: `${index}.pdf`, data: pdf(seed + index, 200) })))),
  fc.nat().map((seed) => zipBytes([{ name: 'inner.zip', data: zipBytes([{ name: 'x.pdf', data: pdf(seed, 400) }]) }])),
  fc.constant(Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)])),
  // Damaged zips: a byte changed, cut short, junk after the magic.
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([seed, at, byte]) => {
    const zip = zipBytes([deflatedEntry('x.pdf', pdf(seed, 2000))]);
    zip[at % zip.length] = byte;
    return zip;
  }),
  fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })).map(([seed, cut]) => {
    const zip = zipBytes([deflatedEntry('x.pdf', pdf(seed, 2000))]);
    return zip.subarray(0, Math.floor(zip.length * cut));
  }),
  fc.uint8Array({ maxLength: 400 }).map((junk) => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), junk])),
);

/** Packages of 1–3 attachments built by the builder, each body a marker to put the real base64 in. */
const skeletons = new Map<number, string>();
const marker = (index: number) => Buffer.from(`@@attachment-${index}@@`).toString('base64');

async function skeleton(count: number): Promise<string> {
  let xml = skeletons.get(count);
  if (xml === undefined) {
    const pkg = sampleDocumentPackage(Array.from({ length: count }, (_, index) => String(index + 1)));
    xml = await collectText(buildDocumentPackage(pkg, (id) => [Buffer.from(`@@attachment-${Number(id) - 1}@@`)]));
    skeletons.set(count, xml);
  }
  return xml;
}

/** A document package carrying `files`, as a sender builds it (the bodies base64-encoded by Node, much faster), then mutated (or not) as text. */
async function hostilePackage(files: readonly Uint8Array[], mutations: readonly Mutation[]): Promise<string> {
  const xml = files.reduce((text, file, index) => text.replace(marker(index), Buffer.from(file).toString('base64')), await skeleton(files.length));
  return mutations.reduce((text, mutate) => mutate(text), xml);
}

async function openDescriptors(): Promise<number> {
  return existsSync('/proc/self/fd') ? (await readdir('/proc/self/fd')).length : 0;
}

/** Readers at work at once, each with its own blob store: one's disk waits overlap another's parsing. */
const LANES = 8;

describe('hostile packages through the real package reader', () => {
  it(`stores or refuses with a quarantine reason each of ${PACKAGES.toLocaleString('en')} generated hostile packages, leaving no temp file and no open file`, async () => {
    const cases = fc.sample(
      fc.tuple(
        fc.array(attachment, { minLength: 1, maxLength: 3 }),
        fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) }),
      ),
      { numRuns: PACKAGES, seed: 12 },
    );
    const reasons = new Map<QuarantineReason | 'stored', number>();
    const descriptorsBefore = await openDescriptors();
    const lanes = await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        const blobs = new BlobStore(path.join(dir, `lane-${lane}`));
        await blobs.init();
        const accepted = new Set<string>();
        for (let index = lane; index < cases.length; index += LANES) {
          const [files, mutations] = cases[index]!;
          const file = path.join(dir, `package-${index}.edxml`);
          await writeFile(file, await hostilePackage(files, mutations));
          try {
            const read = await readPackageFile(file, blobs, 0);
            for (const stored of read.attachments) accepted.add(stored.sha256);
            reasons.set('stored', (reasons.get('stored') ?? 0) + 1);
          } catch (error) {
            const reason = (error as { reason?: unknown }).reason;
            if (!isQuarantineReason(reason)) throw new Error(`package ${index} (seed 12): ${String(error)}`, { cause: error });
            reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
          } finally {
            await unlink(file);
          }
          // Checked at once, as the caller would rely on it: a cleanup still running after the reader returned fails here.
          expect(await readdir(path.join(blobs.root, 'tmp')), `package ${index}`).toEqual([]);
        }
        return { blobs, accepted };
      }),
    );
    expect([...reasons.values()].reduce((sum, count) => sum + count, 0)).toBe(PACKAGES);
    // Only what accepted packages stored is in each store: nothing half-stored.
    for (const { blobs, accepted } of lanes) {
      const shards = (await readdir(blobs.root)).filter((name) => name !== 'tmp');
      const stored = (await Promise.all(shards.map((shard) => readdir(path.join(blobs.root, shard))))).flat();
      expect(new Set(stored)).toEqual(accepted);
    }
    expect(await openDescriptors()).toBeLessThanOrEqual(descriptorsBefore);
    // The generators reach every kind of outcome they are meant to: a generator that never fires would pass above.
    for (const outcome of ['stored', 'unzipped_too_large', 'bad_attachment', 'not_well_formed', 'bad_base64'] as const) {
      expect(reasons.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
    }
    console.log(`[reader fuzz] ${[...reasons].map(([outcome, count]) => `${outcome} ${count}`).join(', ')}`);
  }, 120_000);
});

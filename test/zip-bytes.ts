/**
 * Zip files written by hand, so that tests can make the ones real tools refuse to write: names
 * with `..` or a drive, sizes and CRC-32s that lie, the encryption flag, entries deflated far
 * beyond their declared size.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** The entry's content as stored in the zip (deflated already when `method` is 8). */
  data: Uint8Array;
  /** 0 stored, 8 deflated. */
  method?: 0 | 8;
  /** What the headers declare; by default the truth. */
  crc?: number;
  uncompressedSize?: number;
  /** General purpose flags (bit 0: encrypted); UTF-8 names by default. */
  flags?: number;
}

/** A deflated entry of `content`, its headers telling the truth unless told otherwise. */
export function deflatedEntry(name: string, content: Uint8Array, declared: Partial<Pick<ZipEntry, 'crc' | 'uncompressedSize' | 'flags'>> = {}): ZipEntry {
  return { name, data: deflateRawSync(content), method: 8, crc: crc32(content), uncompressedSize: content.length, ...declared };
}

export function zipBytes(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const method = entry.method ?? 0;
    const crc = entry.crc ?? crc32(entry.data);
    const size = entry.uncompressedSize ?? entry.data.length;
    const flags = entry.flags ?? 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.data));
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A zip of stored (uncompressed) entries, as VNPT's library wraps an attachment. */
export function storedZip(entries: [name: string, data: Uint8Array][]): Buffer {
  return zipBytes(entries.map(([name, data]) => ({ name, data })));
}

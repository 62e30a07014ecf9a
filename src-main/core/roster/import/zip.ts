// ZIP containers (.xlsx, .ods) read with a bound on the bytes actually inflated. The sizes a ZIP's
// directory declares are never trusted: a 2 MB file can declare tiny parts that inflate to gigabytes.
// Every part is inflated here, counting what comes out, and the spreadsheet library is then handed
// a new archive of stored (uncompressed) parts that this module wrote itself: the library has
// nothing left to inflate, so it cannot see more than was counted.
import zlib from 'node:zlib';
import { AppError } from '../../../../src-shared/result.ts';

export interface ZipPart {
  name: string;
  data: Buffer;
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  dataStart: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** Thrown for an archive this reader refuses (damaged, encrypted, ZIP64, an unknown method). */
export class BrokenZip extends Error {}

function findEocd(buf: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  for (let p = buf.length - 22; p >= from; p--) {
    if (buf.readUInt32LE(p) === EOCD && p + 22 + buf.readUInt16LE(p + 20) === buf.length) return p;
  }
  throw new BrokenZip('no end of central directory');
}

/** The entries of the central directory, each with where its data starts (read from its local header). */
function entries(buf: Buffer): Entry[] {
  if (buf.length < 22) throw new BrokenZip('too short');
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff || p + dirSize > eocd) throw new BrokenZip('ZIP64 or bad directory');
  const out: Entry[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) throw new BrokenZip('bad directory entry');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (flags & 0x1) throw new BrokenZip('encrypted');
    if (method !== STORED && method !== DEFLATED) throw new BrokenZip('unknown method');
    if (compressedSize === 0xffffffff || local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL)
      throw new BrokenZip('bad local header');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressedSize > buf.length) throw new BrokenZip('truncated');
    // Two parts of one name would let a reader pick the other one than was counted.
    if (seen.has(name)) throw new BrokenZip('duplicate name');
    seen.add(name);
    out.push({ name, method, compressedSize, dataStart });
  }
  return out;
}

/** Whether the bytes hold a ZIP whose directory names `name` (no inflation). */
export function zipNames(bytes: Uint8Array): string[] | null {
  try {
    return entries(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).map((e) => e.name);
  } catch {
    return null;
  }
}

/**
 * How many bytes a raw deflate stream inflates to, counted as they come out and never kept; `over`
 * as soon as the count passes `budget`. Memory stays at one chunk whatever the stream says.
 */
function inflatedSize(data: Buffer, budget: number): Promise<number | 'over'> {
  return new Promise((resolve, reject) => {
    const z = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    let n = 0;
    let done = false;
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > budget && !done) {
        done = true;
        z.destroy();
        resolve('over');
      }
    });
    z.on('end', () => {
      if (!done) resolve(n);
    });
    z.on('error', (e) => {
      if (!done) reject(new BrokenZip(String(e)));
    });
    z.end(data);
  });
}

/**
 * Every part of the archive inflated, refusing (`import.too_large_unpacked`) as soon as the bytes
 * actually inflated pass `limit`. The parts are counted first without being kept, so a bomb is
 * refused with almost no memory; only an archive within the limit is inflated for real.
 */
export async function unzipBounded(bytes: Uint8Array, fileName: string, limit: number): Promise<ZipPart[]> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const list = entries(buf);
  const sizes: number[] = [];
  let total = 0;
  for (const e of list) {
    const data = buf.subarray(e.dataStart, e.dataStart + e.compressedSize);
    const size = e.method === STORED ? data.length : await inflatedSize(data, limit - total);
    if (size === 'over' || total + size > limit) {
      throw new AppError('import.too_large_unpacked', { fileName, limitMb: Math.round(limit / (1024 * 1024)) });
    }
    sizes.push(size);
    total += size;
  }
  return list.map((e, i) => {
    const data = buf.subarray(e.dataStart, e.dataStart + e.compressedSize);
    if (e.method === STORED) return { name: e.name, data };
    // Exactly the counted size: the same bytes inflate the same way, and a longer output is refused.
    return { name: e.name, data: zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, sizes[i]!) }) };
  });
}

/** A ZIP of stored (uncompressed) parts: what the spreadsheet libraries are given to read. */
export function storedZip(parts: readonly ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const crc = zlib.crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(STORED, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(CENTRAL, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x800, 8);
    dir.writeUInt16LE(STORED, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(part.data.length, 20);
    dir.writeUInt32LE(part.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, name, part.data);
    central.push(dir, name);
    offset += 30 + name.length + part.data.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

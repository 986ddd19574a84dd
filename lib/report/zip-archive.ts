/**
 * A ZIP archive (PKWARE APPNOTE 6.3.10: local headers, central directory, end record; no ZIP64) of a few
 * in-memory files, each deflated by Node's native zlib — the xlsx workbook's container. fflate's zipSync
 * deflates in JavaScript, several times slower on the analysis tables for the same unzipped parts.
 */
import { crc32, deflateRawSync } from "node:zlib";
import { InputError } from "../errors";

/** Options of {@link zipArchive}. */
export interface ZipOptions {
  /** zlib deflate level, 1 (fastest) … 9 (smallest). */
  level: number;
  /** Modification time written for every entry (whole seconds, as DOS time, read in UTC), so the bytes depend on the contents only. */
  mtime: Date;
}

/** Largest size or offset of a plain (non-ZIP64) archive. */
const ZIP32_LIMIT = 0xffffffff;
/** Compression method 8 (deflate) and "version needed to extract" 2.0, as APPNOTE 4.4.3 and 4.4.5 give them. */
const DEFLATE = 8;
const VERSION_20 = 20;

/**
 * Zip `files` (name → bytes, in the order given).
 * @throws InputError on an empty or non-ASCII name, or an archive too large for plain ZIP
 * @example
 * zipArchive({ "a.txt": new TextEncoder().encode("hello") }, { level: 1, mtime: new Date("2000-01-01T00:00:00Z") })
 */
export function zipArchive(files: Readonly<Record<string, Uint8Array>>, options: ZipOptions): Uint8Array {
  const { time, date } = dosDateTime(options.mtime);
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const names = Object.keys(files);
  for (const name of names) {
    if (!/^[\x20-\x7e]+$/.test(name)) throw new InputError("zipArchive", "file names must be non-empty printable ASCII", name);
    const data = files[name];
    const deflated = deflateRawSync(data, { level: options.level });
    const entry = { name: Buffer.from(name, "latin1"), crc: crc32(data), size: data.length, compressed: deflated.length, time, date, offset };
    const local = localHeader(entry);
    parts.push(local, deflated);
    central.push(centralHeader(entry));
    offset += local.length + deflated.length;
    if (offset > ZIP32_LIMIT || data.length > ZIP32_LIMIT) throw new InputError("zipArchive", "the archive must stay under 4 GB (no ZIP64)", name);
  }
  const centralSize = central.reduce((s, c) => s + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

interface Entry { name: Buffer; crc: number; size: number; compressed: number; time: number; date: number; offset: number }

/** Local file header (APPNOTE 4.3.7). */
function localHeader(e: Entry): Buffer {
  const h = Buffer.alloc(30 + e.name.length);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(VERSION_20, 4);
  h.writeUInt16LE(DEFLATE, 8);
  h.writeUInt16LE(e.time, 10);
  h.writeUInt16LE(e.date, 12);
  h.writeUInt32LE(e.crc, 14);
  h.writeUInt32LE(e.compressed, 18);
  h.writeUInt32LE(e.size, 22);
  h.writeUInt16LE(e.name.length, 26);
  e.name.copy(h, 30);
  return h;
}

/** Central directory header (APPNOTE 4.3.12). */
function centralHeader(e: Entry): Buffer {
  const h = Buffer.alloc(46 + e.name.length);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(VERSION_20, 4);
  h.writeUInt16LE(VERSION_20, 6);
  h.writeUInt16LE(DEFLATE, 10);
  h.writeUInt16LE(e.time, 12);
  h.writeUInt16LE(e.date, 14);
  h.writeUInt32LE(e.crc, 16);
  h.writeUInt32LE(e.compressed, 20);
  h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt32LE(e.offset, 42);
  e.name.copy(h, 46);
  return h;
}

/** MS-DOS date and time (APPNOTE 4.4.6) of a moment, read in UTC; years before 1980 are written as 1980. */
function dosDateTime(d: Date): { time: number; date: number } {
  if (Number.isNaN(d.getTime())) throw new InputError("zipArchive", "mtime must be a valid date", String(d));
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

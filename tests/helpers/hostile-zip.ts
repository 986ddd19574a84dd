/**
 * Building hostile zip containers for tests: a minimal zip writer (stored or pre-deflated entries, no
 * zip64) and a deflate stream of N zero bytes made in 1 MiB chunks, so a "250 MB" part costs the test a
 * few hundred kilobytes of memory, as it costs an attacker.
 */
import * as zlib from "node:zlib";

/** One entry: either its bytes (stored uncompressed) or a raw-deflate stream with its CRC and size. */
export type ZipEntry =
  | { name: string; data: Uint8Array }
  | { name: string; deflated: Uint8Array; crc32: number; size: number };

/** A raw-deflate stream of `size` zero bytes, its CRC-32 and size (built in 1 MiB chunks). */
export async function deflatedZeros(size: number): Promise<{ deflated: Uint8Array; crc32: number; size: number }> {
  const chunk = Buffer.alloc(Math.min(size, 1 << 20));
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = zlib.crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((r) => deflate.once("drain", r));
  }
  deflate.end();
  await done;
  return { deflated: Buffer.concat(out), crc32: crc, size };
}

/** Assemble a zip archive (PKZIP 2.0 local headers, central directory, end record) from entries. */
export function buildZip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const stored = "data" in e;
    const body = stored ? Buffer.from(e.data) : Buffer.from(e.deflated);
    const crc = stored ? zlib.crc32(body) : e.crc32;
    const size = stored ? body.length : e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * Reading named parts out of a zip container (ODS, XLSX) with fflate, confined: only the requested parts
 * are inflated, each part's declared size is capped and so is their sum, and any fflate failure (truncated
 * or corrupt archive) becomes a {@link DataError} naming the file.
 *
 * Why the declared size is enough: fflate inflates each part into a buffer of exactly its declared
 * (central-directory) size, so a part whose stream inflates to more is cut at the declared size and then
 * fails as malformed XML; a lying header cannot make us allocate more than it declares.
 */
import * as zlib from "node:zlib";
import type * as Fflate from "fflate";
import { DataError } from "../../../errors";

/**
 * fflate, loaded on first use: it reads only the archives Node's zlib path leaves to it ({@link inflateWithZlib}:
 * zip64, non-ASCII names, corrupt or capped archives), and loading it takes ≈ 20 ms of a cold start, which every
 * import paid on each thread for official files that never need it.
 */
let fflateModule: typeof Fflate | undefined;
function fflate(): typeof Fflate {
  return (fflateModule ??= require("fflate") as typeof Fflate);
}

/**
 * Largest uncompressed part we inflate (bytes): 128 MiB, about three times the biggest real part (the
 * Ofsted 2023 underlying-data content.xml, 39.8 MB). A part this size costs up to ~3× its size while read
 * (bytes, decoded string, tokens), which keeps one import well under 512 MB.
 */
export const MAX_ZIP_PART_BYTES = 128 * 1024 * 1024;
/** Largest sum of the uncompressed parts inflated from one archive (bytes): the same 128 MiB budget. */
export const MAX_ZIP_TOTAL_BYTES = 128 * 1024 * 1024;

/**
 * Inflate the parts of a zip archive whose names satisfy `want`, as UTF-8 text.
 * Parts not wanted are never inflated; wanted parts are checked against {@link MAX_ZIP_PART_BYTES} and
 * {@link MAX_ZIP_TOTAL_BYTES} from their declared sizes before anything is inflated.
 * @param bytes - the archive
 * @param file - file name for error messages
 * @param want - which part names to inflate (a predicate, or the exact names)
 * @returns part name → text (parts not present are absent from the map)
 * @throws DataError when the archive is not a readable zip, a part is larger than {@link MAX_ZIP_PART_BYTES}
 *   or the wanted parts together exceed {@link MAX_ZIP_TOTAL_BYTES}
 * @example
 * readZipText(fs.readFileSync("book.xlsx"), "book.xlsx", ["xl/workbook.xml"]).get("xl/workbook.xml")
 */
export function readZipText(
  bytes: Uint8Array,
  file: string,
  want: ((name: string) => boolean) | readonly string[],
): Map<string, string> {
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const out = new Map<string, string>();
  for (const [name, data] of readZipParts(bytes, file, want)) out.set(name, decoder.decode(data));
  return out;
}

/**
 * Inflate the parts of a zip archive whose names satisfy `want`, as bytes (as {@link readZipText}, undecoded:
 * for a reader that decodes only the parts of a large part it needs).
 * @returns part name → bytes (parts not present are absent from the map)
 * @throws DataError as {@link readZipText}
 * @example
 * readZipParts(fs.readFileSync("book.ods"), "book.ods", ["content.xml"]).get("content.xml")?.length
 */
export function readZipParts(
  bytes: Uint8Array,
  file: string,
  want: ((name: string) => boolean) | readonly string[],
): Map<string, Uint8Array> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new DataError({ file, value: hexStart(bytes), expected: "a zip container (ODS/XLSX files start with bytes 50 4B)" });
  }
  const wanted = typeof want === "function" ? want : (name: string) => want.includes(name);
  const native = inflateWithZlib(bytes, wanted);
  if (native !== undefined) return new Map(Object.entries(native));
  let parts: Record<string, Uint8Array>;
  let tooBig: { name: string; size: number } | undefined;
  let total = 0;
  try {
    parts = fflate().unzipSync(bytes, {
      filter: (f) => {
        if (tooBig !== undefined || !wanted(f.name)) return false;
        total += f.originalSize;
        if (f.originalSize > MAX_ZIP_PART_BYTES || total > MAX_ZIP_TOTAL_BYTES) {
          tooBig = { name: f.name, size: f.originalSize };
          return false;
        }
        return true;
      },
    });
  } catch (err) {
    if (tooBig !== undefined) throw sizeError(file, tooBig, total);
    throw new DataError({ file, value: err instanceof Error ? err.message : String(err), expected: "a complete, uncorrupted zip archive" });
  }
  if (tooBig !== undefined) throw sizeError(file, tooBig, total);
  return new Map(Object.entries(parts));
}

/** Bytes from the end of a zip to the farthest end-of-central-directory record (22 bytes + a 65,535-byte comment + 1), as fflate searches. */
const EOCD_SEARCH = 65558;
const ZIP_EOCD_SIGNATURE = 0x06054b50;
const ZIP64_MARKER_32 = 0xffffffff;
const ZIP64_MARKER_16 = 0xffff;
/** zlib's smallest output chunk (bytes; zlib.constants.Z_MIN_CHUNK). */
const MIN_ZLIB_CHUNK = 64;

/**
 * The wanted parts inflated by Node's zlib (native, several times faster than fflate on the 40 MB content.xml
 * of the Ofsted workbook), following fflate's `unzipSync` step for step (same end-record search, same
 * central-directory fields, same size caps, same result object); or undefined whenever anything is not
 * the plain case (zip64, a name that is not ASCII, a compression other than stored/deflate, a cap reached,
 * a zlib error, an inflated size other than declared, a read past the end), so that fflate reads the
 * archive as before and gives the same result or the same error.
 */
function inflateWithZlib(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> | undefined {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let e = bytes.length - 22;
    while (e > 0 && bytes.length - e <= EOCD_SEARCH && view.getUint32(e, true) !== ZIP_EOCD_SIGNATURE) e--;
    if (e <= 0 || bytes.length - e > EOCD_SEARCH) return undefined;
    const entries = view.getUint16(e + 8, true);
    let o = view.getUint32(e + 16, true);
    if (o === ZIP64_MARKER_32 || entries === ZIP64_MARKER_16) return undefined;
    const files: Record<string, Uint8Array> = {};
    let total = 0;
    for (let i = 0; i < entries; i++) {
      const nameLength = view.getUint16(o + 28, true);
      const nameBytes = bytes.subarray(o + 46, o + 46 + nameLength);
      if (nameBytes.length !== nameLength || nameBytes.some((b) => b >= 0x80)) return undefined;
      const name = Buffer.from(nameBytes).toString("latin1"); // ASCII: the same whether flagged UTF-8 or not
      const method = view.getUint16(o + 10, true);
      const compressedSize = view.getUint32(o + 20, true);
      const size = view.getUint32(o + 24, true);
      const local = view.getUint32(o + 42, true);
      if (compressedSize === ZIP64_MARKER_32) return undefined;
      o = o + 46 + nameLength + view.getUint16(o + 30, true) + view.getUint16(o + 32, true);
      if (!wanted(name)) continue;
      total += size;
      if (size > MAX_ZIP_PART_BYTES || total > MAX_ZIP_TOTAL_BYTES) return undefined;
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const data = bytes.subarray(start, start + compressedSize);
      if (data.length !== compressedSize) return undefined;
      if (method === 0) files[name] = data.slice();
      else if (method === 8 && size > 0) {
        // one output chunk of the declared size: no growing list of 16 KiB chunks to concatenate
        const out = zlib.inflateRawSync(data, { maxOutputLength: size, chunkSize: Math.max(size, MIN_ZLIB_CHUNK) });
        if (out.length !== size) return undefined;
        files[name] = new Uint8Array(out.buffer, out.byteOffset, out.length);
      } else return undefined;
    }
    return files;
  } catch {
    return undefined; // fflate reads it again and reports what it finds
  }
}

function sizeError(file: string, part: { name: string; size: number }, total: number): DataError {
  return part.size > MAX_ZIP_PART_BYTES
    ? new DataError({ file, column: part.name, value: `${part.size} bytes`, expected: `zip parts of at most ${MAX_ZIP_PART_BYTES} bytes uncompressed` })
    : new DataError({ file, column: part.name, value: `${total} bytes in the parts read so far`, expected: `at most ${MAX_ZIP_TOTAL_BYTES} bytes uncompressed in the parts read` });
}

function hexStart(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
}

/**
 * Reading named parts out of a zip container (ODS, XLSX) with fflate, confined: only the requested parts
 * are inflated, each part's declared size is capped and so is their sum, and any fflate failure (truncated
 * or corrupt archive) becomes a {@link DataError} naming the file.
 *
 * Why the declared size is enough: fflate inflates each part into a buffer of exactly its declared
 * (central-directory) size, so a part whose stream inflates to more is cut at the declared size; a lying header
 * cannot make us allocate more than it declares. The part cut so then fails its CRC-32 check: every part
 * inflated is checked against the CRC-32 the central directory records for it (fflate checks none), so that an
 * archive altered or damaged after it was written (a stored content.xml edited in place, its CRC left as it was,
 * changed an inspection date without a word) is refused naming the file and the part.
 */
import { isUtf8 } from "node:buffer";
import * as zlib from "node:zlib";
import type * as Fflate from "fflate";
import { DataError } from "../../../errors";
import { firstInvalidUtf8, invalidByteText } from "../../csv";
import { partPlace, type PartPlace } from "./workbook-parts";

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
 * Inflate the parts of a zip archive whose names satisfy `want`, as UTF-8 text (strictly: a byte that is not UTF-8
 * is an error naming the part and the byte's offset).
 * Parts not wanted are never inflated; wanted parts are checked against {@link MAX_ZIP_PART_BYTES} and
 * {@link MAX_ZIP_TOTAL_BYTES} from their declared sizes before anything is inflated.
 * @param bytes - the archive
 * @param file - file name for error messages
 * @param want - which part names to inflate (a predicate, or the exact names)
 * @param place - where a part is, for error messages: its sheet, or words for it (default: {@link partPlace}'s words)
 * @returns part name → text (parts not present are absent from the map)
 * @throws DataError when the archive is not a readable zip, a part is larger than {@link MAX_ZIP_PART_BYTES},
 *   the wanted parts together exceed {@link MAX_ZIP_TOTAL_BYTES}, or a part is not UTF-8
 * @example
 * readZipText(fs.readFileSync("book.xlsx"), "book.xlsx", ["xl/workbook.xml"]).get("xl/workbook.xml")
 */
export function readZipText(
  bytes: Uint8Array,
  file: string,
  want: ((name: string) => boolean) | readonly string[],
  place: (part: string) => PartPlace = partPlace,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, data] of readZipParts(bytes, file, want, place)) out.set(name, decodePartUtf8(data, file, place(name)));
  return out;
}

/**
 * A part's text, strictly UTF-8 (a leading byte-order mark dropped, as TextDecoder drops it): the XML parts of an
 * XLSX workbook are UTF-8 (Excel writes nothing else), and a byte that is not, decoded with U+FFFD, would have
 * changed a cell's text without a word. isUtf8 (simdutf) checks a part at several GB/s.
 */
function decodePartUtf8(data: Uint8Array, file: string, part: PartPlace): string {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (!isUtf8(buffer)) {
    const at = firstInvalidUtf8(buffer);
    throw new DataError({ file, ...part, value: invalidByteText(buffer[at], at), expected: "UTF-8 text, as Excel and LibreOffice write it (save the workbook again from either)" });
  }
  const bom = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  return buffer.toString("utf8", bom);
}

/**
 * Inflate the parts of a zip archive whose names satisfy `want`, as bytes (as {@link readZipText}, undecoded:
 * for a reader that decodes only the parts of a large part it needs).
 * @param place - as {@link readZipText}'s
 * @returns part name → bytes (parts not present are absent from the map)
 * @throws DataError as {@link readZipText}
 * @example
 * readZipParts(fs.readFileSync("book.ods"), "book.ods", ["content.xml"]).get("content.xml")?.length
 */
export function readZipParts(
  bytes: Uint8Array,
  file: string,
  want: ((name: string) => boolean) | readonly string[],
  place: (part: string) => PartPlace = partPlace,
): Map<string, Uint8Array> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new DataError({ file, value: hexStart(bytes), expected: "a zip container (ODS/XLSX files start with bytes 50 4B)" });
  }
  // a Set: an array's includes per central-directory entry made a workbook of N sheets read in O(N²) (round 24
  // H10: 40,000 empty sheets took 18.9 s CPU, 65,000 took 69 s)
  const wantedNames = typeof want === "function" ? undefined : new Set(want);
  const wanted = typeof want === "function" ? want : (name: string) => wantedNames!.has(name);
  const native = inflateWithZlib(bytes, wanted);
  if (native !== undefined) return new Map(Object.entries(native));
  let parts: Record<string, Uint8Array>;
  let tooBig: TooBig | undefined;
  let total = 0;
  /** Each part inflated → its entry's index in the central directory (the last of a name, as fflate keeps the last). */
  const entries = new Map<string, number>();
  let entry = -1;
  try {
    parts = fflate().unzipSync(bytes, {
      filter: (f) => {
        entry++;
        if (tooBig !== undefined || !wanted(f.name)) return false;
        total += f.originalSize;
        if (f.originalSize > MAX_ZIP_PART_BYTES || total > MAX_ZIP_TOTAL_BYTES) {
          tooBig = { name: f.name, size: f.originalSize, zip64: f.originalSize === ZIP64_MARKER_32 ? (zip64UncompressedSize(bytes, entry) ?? null) : undefined };
          return false;
        }
        entries.set(f.name, entry);
        return true;
      },
    });
  } catch (err) {
    if (tooBig !== undefined) throw sizeError(file, tooBig, total, place(tooBig.name));
    throw new DataError({ file, value: err instanceof Error ? err.message : String(err), expected: "a complete, uncorrupted zip archive" });
  }
  if (tooBig !== undefined) throw sizeError(file, tooBig, total, place(tooBig.name));
  const crcs = directoryCrcs(bytes);
  for (const [name, index] of entries) checkCrc(parts[name], crcs[index], file, place(name));
  return new Map(Object.entries(parts));
}

/**
 * A part's CRC-32 against the one its central-directory entry records.
 * @throws DataError naming the file and the part (its sheet, or words for it) when they differ (or no CRC could be read for it)
 */
function checkCrc(data: Uint8Array, recorded: number | undefined, file: string, part: PartPlace): void {
  const actual = zlib.crc32(data);
  if (actual === recorded) return;
  throw new DataError({
    file,
    ...part,
    value: `CRC-32 ${crcHex(actual)} of its ${data.length} bytes as inflated`,
    expected: `the CRC-32 the archive records for the part (${recorded === undefined ? "none found" : crcHex(recorded)}): a corrupt or altered archive; save or download it again, or remove it from the folder if it is not a source`,
  });
}

const crcHex = (crc: number) => crc.toString(16).padStart(8, "0");

/**
 * The CRC-32 of every central-directory entry, in directory order, found as fflate's `unzipSync` walks the
 * directory (same end-record search, zip64 end record, entry lengths): entry k here is the k-th its filter sees.
 * Called after unzipSync read the archive, so the records are there; an entry that cannot be read ends the list
 * (its part then has no CRC and is refused).
 */
function directoryCrcs(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return directoryEntries(bytes).map((o) => view.getUint32(o + 16, true));
}

/** The offsets of the central-directory entries, in order, walked as fflate walks them ({@link directoryCrcs}); those read before a record past the end. */
function directoryEntries(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let e = bytes.length - 22;
    while (e > 0 && view.getUint32(e, true) !== ZIP_EOCD_SIGNATURE) e--;
    let count = view.getUint16(e + 8, true);
    let o = view.getUint32(e + 16, true);
    if (e >= 20 && view.getUint32(e - 20, true) === ZIP64_LOCATOR_SIGNATURE) {
      const end64 = view.getUint32(e - 12, true);
      if (view.getUint32(end64, true) === ZIP64_EOCD_SIGNATURE) {
        count = view.getUint32(end64 + 32, true);
        o = view.getUint32(end64 + 48, true);
      }
    }
    for (let k = 0; k < count; k++) {
      view.getUint32(o + 16, true); // the entry's fixed fields are there
      offsets.push(o);
      o += 46 + view.getUint16(o + 28, true) + view.getUint16(o + 30, true) + view.getUint16(o + 32, true);
    }
  } catch {
    // a record past the end: the entries read so far
  }
  return offsets;
}

/**
 * The uncompressed size an entry whose directory record says 0xffffffff (zip64: "see the extra field") gives in
 * its zip64 extended-information extra field (id 1, the uncompressed size first; APPNOTE 4.5.3); undefined when it
 * has none. fflate reads that field only in an archive with a zip64 end record, and otherwise hands the filter the
 * 0xffffffff marker itself: a fuzzed workbook's refusal said `got "4294967295 bytes"` for a part declaring 2.7 GB.
 */
function zip64UncompressedSize(bytes: Uint8Array, entry: number): number | undefined {
  const o = directoryEntries(bytes)[entry];
  if (o === undefined) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const extraEnd = Math.min(o + 46 + view.getUint16(o + 28, true) + view.getUint16(o + 30, true), bytes.length);
  for (let x = o + 46 + view.getUint16(o + 28, true); x + 12 <= extraEnd; x += 4 + view.getUint16(x + 2, true)) {
    if (view.getUint16(x, true) === 1) return Number(view.getBigUint64(x + 4, true));
  }
  return undefined;
}

/** Bytes from the end of a zip to the farthest end-of-central-directory record (22 bytes + a 65,535-byte comment + 1), as fflate searches. */
const EOCD_SEARCH = 65558;
const ZIP_EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const ZIP64_MARKER_32 = 0xffffffff;
const ZIP64_MARKER_16 = 0xffff;
/** zlib's smallest output chunk (bytes; zlib.constants.Z_MIN_CHUNK). */
const MIN_ZLIB_CHUNK = 64;

/** A part of the archive where Node's zlib path finds it: its compression method, compressed bytes, declared size and recorded CRC-32. */
interface PlainZipPart {
  name: string;
  method: number;
  data: Uint8Array;
  size: number;
  crc: number;
}

/**
 * The wanted parts located as fflate's `unzipSync` locates them (same end-record search, same
 * central-directory fields, same size caps), in directory order; or undefined whenever anything is not the
 * plain case (zip64, a name that is not ASCII, a cap reached, a read past the end), so that fflate reads
 * the archive and gives its result or its error.
 */
function plainZipParts(bytes: Uint8Array, wanted: (name: string) => boolean): PlainZipPart[] | undefined {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let e = bytes.length - 22;
    while (e > 0 && bytes.length - e <= EOCD_SEARCH && view.getUint32(e, true) !== ZIP_EOCD_SIGNATURE) e--;
    if (e <= 0 || bytes.length - e > EOCD_SEARCH) return undefined;
    const entries = view.getUint16(e + 8, true);
    let o = view.getUint32(e + 16, true);
    if (o === ZIP64_MARKER_32 || entries === ZIP64_MARKER_16) return undefined;
    const parts: PlainZipPart[] = [];
    let total = 0;
    for (let i = 0; i < entries; i++) {
      const nameLength = view.getUint16(o + 28, true);
      const nameBytes = bytes.subarray(o + 46, o + 46 + nameLength);
      if (nameBytes.length !== nameLength || nameBytes.some((b) => b >= 0x80)) return undefined;
      const name = Buffer.from(nameBytes).toString("latin1"); // ASCII: the same whether flagged UTF-8 or not
      const method = view.getUint16(o + 10, true);
      const compressedSize = view.getUint32(o + 20, true);
      const size = view.getUint32(o + 24, true);
      const crc = view.getUint32(o + 16, true);
      const local = view.getUint32(o + 42, true);
      if (compressedSize === ZIP64_MARKER_32) return undefined;
      o = o + 46 + nameLength + view.getUint16(o + 30, true) + view.getUint16(o + 32, true);
      if (!wanted(name)) continue;
      total += size;
      if (size > MAX_ZIP_PART_BYTES || total > MAX_ZIP_TOTAL_BYTES) return undefined;
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const data = bytes.subarray(start, start + compressedSize);
      if (data.length !== compressedSize) return undefined;
      parts.push({ name, method, data, size, crc });
    }
    return parts;
  } catch {
    return undefined; // fflate reads it again and reports what it finds
  }
}

/**
 * The wanted parts inflated by Node's zlib (native, several times faster than fflate on the 40 MB content.xml
 * of the Ofsted workbook), following fflate's `unzipSync` step for step ({@link plainZipParts}, same result
 * object); or undefined whenever anything is not the plain case (as {@link plainZipParts}, or a compression
 * other than stored/deflate, a zlib error, an inflated size other than declared, a CRC-32 other than recorded),
 * so that fflate reads the archive as before and gives the same result or the same error.
 */
function inflateWithZlib(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> | undefined {
  const parts = plainZipParts(bytes, wanted);
  if (parts === undefined) return undefined;
  const files: Record<string, Uint8Array> = {};
  for (const { name, method, data, size, crc } of parts) {
    if (method === 0) files[name] = data.slice();
    else if (method === 8 && size > 0) {
      let out: Buffer;
      try {
        // one output chunk of the declared size: no growing list of 16 KiB chunks to concatenate
        out = zlib.inflateRawSync(data, { maxOutputLength: size, chunkSize: Math.max(size, MIN_ZLIB_CHUNK) });
      } catch {
        return undefined; // fflate reads it again and reports what it finds
      }
      if (out.length !== size) return undefined;
      files[name] = new Uint8Array(out.buffer, out.byteOffset, out.length);
    } else return undefined;
    if (zlib.crc32(files[name]) !== crc) return undefined; // fflate's path reports it
  }
  return files;
}

/** The part of Node's zlib engine that inflates synchronously into a caller's buffer (lib/zlib.js, not public). */
interface ZlibHandle {
  writeSync(flush: number, input: Uint8Array, inOffset: number, inLength: number, output: Uint8Array, outOffset: number, outLength: number): void;
}

/**
 * A deflated part inflated piece by piece into the caller's buffers, for a reader that needs to look at a
 * large part once (or a few pieces of it) without holding it whole: touching fresh memory costs ≈ 2.6 ms per
 * MiB on the machines measured, so inflating the Ofsted workbook's 39.8 MB content.xml into one new buffer
 * took 115 ms, and into a reused 1 MiB buffer 14–19 ms (its 2 MB of deflate are inflated at memcpy speed).
 *
 * It gives exactly the bytes {@link readZipParts} gives, or gives up: {@link ZipPartInflater.open} only opens
 * a part that readZipParts would inflate with Node's zlib (the plain case, deflated, the only part of that
 * name), and {@link ZipPartInflater.read} reports a failure (-1) whenever that inflate would not have given
 * the declared size (a zlib error, a truncated stream, more or fewer bytes than declared) or the part inflated
 * whole has a CRC-32 other than recorded, so that the caller calls readZipParts, which gives the same result or
 * the same error as ever. (A part read only in part is not checked: its bytes are those of the whole part's
 * inflate, checked when the caller scanned it whole.)
 *
 * Node has no public API that inflates synchronously into a caller's buffer (inflateRawSync allocates the whole
 * output; a stream's output arrives asynchronously), so this uses the engine's handle as lib/zlib.js's own
 * processChunkSync does, checked before use: where the handle is not there or not as expected the part is
 * not opened and readZipParts reads it.
 */
export class ZipPartInflater {
  /** Bytes inflated so far. */
  private inflated = 0;
  /** CRC-32 of the bytes inflated so far. */
  private crc = 0;
  private inOffset = 0;
  private ended = false;
  private failed = false;

  private constructor(
    /** The part's declared (central-directory) size in bytes. */
    readonly size: number,
    private readonly data: Uint8Array,
    /** The CRC-32 the central directory records for the part. */
    private readonly recordedCrc: number,
    private readonly engine: zlib.InflateRaw,
    private readonly handle: ZlibHandle,
    private readonly state: Uint32Array,
  ) {}

  /**
   * The inflater of the part `name` of the archive `bytes`, or undefined when {@link readZipParts} would not
   * read it with Node's zlib (see the class comment) or the engine is not as expected.
   * @example
   * const part = ZipPartInflater.open(bytes, "content.xml"); // then part.read(buffer, 0, buffer.length) until part.done
   */
  static open(bytes: Uint8Array, name: string): ZipPartInflater | undefined {
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return undefined;
    const parts = plainZipParts(bytes, (n) => n === name);
    if (parts === undefined || parts.length !== 1) return undefined;
    const { method, data, size, crc } = parts[0];
    if (method !== 8 || size === 0) return undefined;
    const engine = zlib.createInflateRaw();
    const internals = engine as unknown as { _handle?: { writeSync?: unknown }; _writeState?: unknown };
    const handle = internals._handle;
    const state = internals._writeState;
    if (typeof handle?.writeSync !== "function" || !(state instanceof Uint32Array) || state.length < 2) {
      engine.close();
      return undefined;
    }
    // A zlib error is reported by the handle synchronously: the engine is destroyed at once (read() sees it and
    // gives up, and the caller's readZipParts reports what is wrong); its 'error' event follows on the next tick
    // and, with no listener, would end the process.
    engine.on("error", () => undefined);
    return new ZipPartInflater(size, data, crc, engine, handle as ZlibHandle, state);
  }

  /** Whether the whole part has been inflated (exactly its declared size, its deflate stream ended). */
  get done(): boolean {
    return this.ended;
  }

  /**
   * Inflate the next bytes of the part into `out[from, to)`.
   * @returns how many bytes were written (0 once {@link done}), or -1 when the part cannot be inflated as
   *   readZipParts' zlib path inflates it (the inflater is then closed)
   * @throws RangeError unless `0 <= from < to <= out.length` (zlib's handle would abort the process)
   * @example
   * for (let n = part.read(window, 0, window.length); n > 0; n = part.read(window, 0, window.length)) scan(window, n);
   */
  read(out: Uint8Array, from: number, to: number): number {
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= out.length)) {
      throw new RangeError(`ZipPartInflater.read: the output range must lie in the buffer and not be empty (got [${from}, ${to}) of ${out.length} bytes)`);
    }
    if (this.failed) return -1;
    if (this.ended) return 0;
    const room = to - from;
    const inLength = this.data.length - this.inOffset;
    try {
      this.handle.writeSync(zlib.constants.Z_FINISH, this.data, this.inOffset, inLength, out, from, room);
    } catch {
      return this.fail();
    }
    const outLeft = this.state[0];
    const inLeft = this.state[1];
    if (this.engine.destroyed || outLeft > room || inLeft > inLength) return this.fail();
    this.inOffset += inLength - inLeft;
    const written = room - outLeft;
    this.inflated += written;
    // inflateRawSync's maxOutputLength: more than declared is an error
    if (this.inflated > this.size) return this.fail();
    this.crc = zlib.crc32(out.subarray(from, from + written), this.crc);
    // with Z_FINISH, output room left without an error means the deflate stream ended (zlib's Z_STREAM_END)
    if (outLeft !== 0) {
      if (this.inflated !== this.size || this.crc !== this.recordedCrc) return this.fail();
      this.ended = true;
      this.engine.close();
    }
    return written;
  }

  /** Stop before the end (the caller needs no more of the part). */
  close(): void {
    if (this.ended || this.failed) return;
    this.failed = true;
    this.engine.close();
  }

  private fail(): -1 {
    this.close();
    return -1;
  }
}

/** A wanted part over the caps: its name, its declared size, and for the zip64 marker the size its extra field gives (null: none). */
interface TooBig {
  name: string;
  size: number;
  zip64: number | null | undefined;
}

function sizeError(file: string, part: TooBig, total: number, where: PartPlace): DataError {
  const declared =
    part.zip64 === undefined ? `${part.size} bytes` : part.zip64 === null ? "a zip64 size (0xffffffff) with no zip64 extra field giving it" : `${part.zip64} bytes (its zip64 extra field's size)`;
  // a small size behind the marker in an archive without a zip64 end record: fflate would take the marker for the size
  if (typeof part.zip64 === "number" && part.zip64 <= MAX_ZIP_PART_BYTES) {
    return new DataError({ file, ...where, value: declared, expected: "a zip64 end record in an archive whose directory gives a part's size as 0xffffffff (a corrupt or hand-made archive: save or download it again)" });
  }
  return part.size > MAX_ZIP_PART_BYTES
    ? new DataError({ file, ...where, value: declared, expected: `zip parts of at most ${MAX_ZIP_PART_BYTES} bytes uncompressed` })
    : new DataError({ file, ...where, value: `${total} bytes in the parts read so far`, expected: `at most ${MAX_ZIP_TOTAL_BYTES} bytes uncompressed in the parts read` });
}

function hexStart(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
}

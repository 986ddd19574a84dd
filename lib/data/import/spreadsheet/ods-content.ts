/**
 * content.xml of an .ods read through a small reused window instead of inflated whole: first its top-level
 * tables (names and body offsets), then only the bodies of the tables a reader asks for.
 *
 * Why: the Ofsted 2023 underlying-data workbook's content.xml is 39.8 MB and its importer reads one 0.65 MB
 * sheet. Inflated whole into one new buffer it cost ≈ 115 ms, ≈ 100 ms of it page faults on the fresh 40 MB
 * (≈ 2.6 ms per MiB on the machines measured), and its 40 MB stayed alive until the sheet was read; through a
 * reused 1 MiB window the same inflate takes 14–19 ms.
 *
 * Same results, same errors: the window is fed to the scan of ods-tables.ts ({@link OdsTableScanner}, which
 * finds what odsTablesInBytes finds in the whole part), and the part is inflated by
 * {@link ZipPartInflater}, which gives the bytes readZipParts gives or gives up; on giving up these functions
 * return undefined and the caller inflates the part whole as before, which gives the result or the error.
 */
import { ODS_CONTEXT_BYTES, OdsTableScanner, type OdsTableBytes } from "./ods-tables";
import { ZipPartInflater } from "./zip";

/** Bytes inflated at a time (into a buffer reused by every call on a thread, allocated on first use). */
export const ODS_WINDOW_BYTES = 1024 * 1024;
/** Bytes at the start of content.xml that ods.ts's DOCTYPE check reads (its first 4,096 characters take at most 16,384). */
export const ODS_HEAD_BYTES = 4 * 4096;
/**
 * Largest share of the part that the tables read may make up for their bodies to be copied out of a second
 * streamed inflate (the first is the scan's); above it the second inflate is of the whole part into a new
 * buffer instead (the RO3 and RSX data sheets are 98 % of their parts: a copy would touch as much fresh memory
 * as the whole part, and copy it once more).
 */
export const ODS_COMPACT_SHARE = 0.5;

/**
 * Most bytes a scan may carry from one window to the next (a table's start tag not yet ended) before the
 * stream gives up and the caller inflates the part whole, which reads such a tag as before. A real start tag
 * is a few hundred bytes; a hostile one (an unclosed quote) runs to the end of the part, and carried through
 * a window that doubled with it to the end, a 120 MiB one took twice the CPU and 67 MB more memory than the
 * whole-part read whose error it gives. With this limit the window grows to at most 4 MiB (twice the carry).
 */
export const ODS_MAX_CARRY_BYTES = 2 * 1024 * 1024;

/** What the scan of the whole content.xml found: as ods-tables.ts odsTablesInBytes gives it, or its error. */
export interface OdsContentScan {
  /** The part's size in bytes (declared, and inflated). */
  size: number;
  /** The top-level named tables, offsets in the inflated part. */
  tables: OdsTableBytes[];
  /** What odsTablesInBytes throws on the part, if it throws (`tables` then holds those found before). */
  failure?: { error: unknown };
  /** The first {@link ODS_HEAD_BYTES} of the part (all of it when shorter). */
  head: Uint8Array;
}

/**
 * The window, reused by every call on this thread: two windows long, so that a read of a whole window fits after
 * the bytes a scan carries over (a few bytes of a cut tag; a longer carry takes a larger buffer for that call).
 * Its pages are touched only as far as a part fills it.
 */
let reusableWindow: Buffer | undefined;

/** A window of at least `bytes` bytes holding `window[0, keep)`: the reusable one when it is large enough. */
function windowOf(bytes: number, window?: Buffer, keep = 0): Buffer {
  const reusable = (reusableWindow ??= Buffer.allocUnsafe(2 * ODS_WINDOW_BYTES));
  const next = bytes <= reusable.length ? reusable : Buffer.allocUnsafe(Math.max(bytes, 2 * (window?.length ?? 0)));
  if (window !== undefined && window !== next) window.copy(next, 0, 0, keep);
  return next;
}

/**
 * The top-level tables of an .ods's content.xml, found by inflating it through a window of `windowBytes`
 * (tests/data/import/ods-content.test.ts makes it small to cut tags at every place); undefined when the part
 * is not inflated by Node's zlib path (see {@link ZipPartInflater}) or not to its declared size, or a start
 * tag runs on past {@link ODS_MAX_CARRY_BYTES}: the caller then inflates it whole, which gives the result or
 * the error. The whole part is inflated even after a scan error, so that an archive whose inflate fails gives
 * that failure first, as before.
 * @throws RangeError unless `windowBytes` is a positive integer
 * @example
 * scanOdsContent(fs.readFileSync("book.ods"), "book.ods")?.tables.map((t) => t.name) // ["Cover", "Data"]
 */
export function scanOdsContent(bytes: Uint8Array, file: string, windowBytes = ODS_WINDOW_BYTES): OdsContentScan | undefined {
  checkWindowBytes("scanOdsContent", windowBytes);
  const part = ZipPartInflater.open(bytes, "content.xml");
  if (part === undefined) return undefined;
  try {
    const scanner = new OdsTableScanner(file);
    const head = new Uint8Array(Math.min(ODS_HEAD_BYTES, part.size));
    let failure: { error: unknown } | undefined;
    let window = windowOf(windowBytes);
    /** Offset in the part of window[0], and the bytes the window holds. */
    let base = 0;
    let length = 0;
    for (;;) {
      // a carried tag longer than a window makes the next read as long, so a long tag is rescanned O(log n) times
      const room = Math.max(windowBytes, length);
      if (window.length < length + room) window = windowOf(length + room, window, length);
      const read = part.read(window, length, length + room);
      if (read < 0) return undefined;
      const at = base + length;
      if (at < head.length) head.set(window.subarray(length, length + Math.min(read, head.length - at)), at);
      length += read;
      let keep = base + length;
      if (failure === undefined) {
        try {
          keep = scanner.scan(window.subarray(0, length), base, part.done);
        } catch (error) {
          failure = { error };
        }
      }
      if (part.done) return { size: part.size, tables: scanner.tables, ...(failure === undefined ? {} : { failure }), head };
      if (base + length - keep > ODS_MAX_CARRY_BYTES) return undefined;
      window.copyWithin(0, keep - base, length);
      length -= keep - base;
      base = keep;
    }
  } finally {
    // a zlib engine is never left open, whatever ends the scan (a no-op once the part is done or failed)
    part.close();
  }
}

/**
 * The bodies of `tables` (found by {@link scanOdsContent} in the same bytes), each with the
 * {@link ODS_CONTEXT_BYTES} after it that error messages quote, copied out of a second inflate of content.xml
 * into one buffer, and the tables' offsets in that buffer. Each table's `[bodyStart, bodyEnd +
 * ODS_CONTEXT_BYTES)` there holds the bytes it holds in the whole part (to the part's end when nearer). Undefined
 * when the bodies exceed {@link ODS_COMPACT_SHARE} of the part, or the part cannot be inflated as before: the
 * caller then inflates it whole.
 * @throws RangeError unless `windowBytes` is a positive integer and `tables` lie in the part in order, apart
 *   (as scanOdsContent finds them)
 * @example
 * const bodies = copyOdsTableBodies(bytes, scan.tables.filter((t) => t.name === "Data"), scan.size);
 * bodies && decodeSlice(bodies.xml, bodies.tables[0].bodyStart, bodies.tables[0].bodyEnd)
 */
export function copyOdsTableBodies(bytes: Uint8Array, tables: readonly OdsTableBytes[], size: number, windowBytes = ODS_WINDOW_BYTES): { xml: Uint8Array; tables: OdsTableBytes[] } | undefined {
  checkWindowBytes("copyOdsTableBodies", windowBytes);
  checkTablesInOrder(tables, size);
  // a body's context may run into the next body read
  const ranges: { start: number; end: number; at: number }[] = [];
  /** The range holding each table (found as the ranges are made: a search per table would be quadratic in a file of many tables). */
  const rangeOf: number[] = [];
  let total = 0;
  for (const table of tables) {
    const end = Math.min(table.bodyEnd + ODS_CONTEXT_BYTES, size);
    const last = ranges[ranges.length - 1];
    if (last !== undefined && table.bodyStart <= last.end) {
      total += Math.max(end, last.end) - last.end;
      last.end = Math.max(end, last.end);
    } else {
      ranges.push({ start: table.bodyStart, end, at: total });
      total += end - table.bodyStart;
    }
    rangeOf.push(ranges.length - 1);
  }
  if (total > size * ODS_COMPACT_SHARE) return undefined;
  const moved = tables.map((table, k) => {
    const range = ranges[rangeOf[k]];
    const shift = range.at - range.start;
    return { name: table.name, bodyStart: table.bodyStart + shift, bodyEnd: table.bodyEnd + shift };
  });
  const xml = new Uint8Array(total);
  if (ranges.length === 0) return { xml, tables: moved };
  const part = ZipPartInflater.open(bytes, "content.xml");
  if (part === undefined) return undefined;
  try {
    if (part.size !== size) return undefined;
    const window = windowOf(windowBytes);
    const lastEnd = ranges[ranges.length - 1].end;
    let base = 0;
    let next = 0;
    while (base < lastEnd) {
      const read = part.read(window, 0, windowBytes);
      if (read <= 0) return undefined;
      const end = base + read;
      for (let r = next; r < ranges.length && ranges[r].start < end; r++) {
        const from = Math.max(ranges[r].start, base);
        const to = Math.min(ranges[r].end, end);
        if (to > from) xml.set(window.subarray(from - base, to - base), ranges[r].at + (from - ranges[r].start));
        if (ranges[r].end <= end) next = r + 1;
      }
      base = end;
    }
    return { xml, tables: moved };
  } finally {
    // the rest of the part was inflated and checked by the scan of the same bytes; the engine is closed
    // whatever ends the copy
    part.close();
  }
}

/** @throws RangeError unless `windowBytes` is a positive integer (a read into an empty range would throw later, less clearly). */
function checkWindowBytes(caller: string, windowBytes: number): void {
  if (!(Number.isInteger(windowBytes) && windowBytes > 0)) throw new RangeError(`${caller}: windowBytes must be a positive integer (got ${windowBytes})`);
}

/**
 * @throws RangeError unless each table's body lies in `[0, size]`, starts at or after the end of the one
 *   before, and does not end before it starts (as scanOdsContent finds them: the ranges copied are built in
 *   one pass on that order, and would otherwise hold wrong bytes without an error)
 */
function checkTablesInOrder(tables: readonly OdsTableBytes[], size: number): void {
  if (!(Number.isInteger(size) && size >= 0)) throw new RangeError(`copyOdsTableBodies: size must be a non-negative integer (got ${size})`);
  let previousEnd = 0;
  tables.forEach((table, k) => {
    const { bodyStart, bodyEnd } = table;
    const where = `table ${k} ("${table.name}", body [${bodyStart}, ${bodyEnd}))`;
    if (!(Number.isInteger(bodyStart) && Number.isInteger(bodyEnd) && bodyStart >= 0 && bodyStart <= bodyEnd && bodyEnd <= size)) {
      throw new RangeError(`copyOdsTableBodies: each table's body must lie in the part [0, ${size}] and not end before it starts (got ${where})`);
    }
    if (bodyStart < previousEnd) {
      throw new RangeError(`copyOdsTableBodies: tables must be in part order and not overlap (got ${where}, which starts before the end ${previousEnd} of the table before)`);
    }
    previousEnd = bodyEnd;
  });
}

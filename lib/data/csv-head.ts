/**
 * What makes a CSV file's first bytes unreadable as the CSV readers read text (UTF-8, a byte order mark allowed,
 * lines ended by LF or CRLF): one check for every reader of CSV files (the official import's detection, the pilot's
 * record files, the SSDA903 returns, `add`'s tables and sidecars). Round 18 left one check per reader and each missed
 * a case another caught: the returns took a UTF-16 table without a byte order mark for one "with no CHILD column",
 * the pilot left out a records file with a NUL in its header (its records gone, exit 0), and `add` called UTF-16
 * "Latin-1" and read a header with a NUL in a column name as if the NUL were not there.
 *
 * The check finds; each reader decides. A reader that reads CR-only line ends correctly (the returns' and `add`'s
 * CSV parsers) accepts them, and only the pilot refuses an empty file (the import takes one for a file that is not a
 * source). Bytes ≥ 0x80 (Latin-1, Windows-1252) are left to each reader's UTF-8 decoding, which names the byte's row
 * and column.
 */

/** Something in a CSV's first bytes that the readers cannot read as UTF-8 CSV text. */
export type CsvHeadProblem =
  /**
   * Text in UTF-16 or UTF-32: by its byte order mark, or without one by the zero bytes beside its first characters
   * (`offset`: the first zero byte). `zeroBytesBeside` when some of the characters looked at have none ("€" is 0xAC 0x20
   * in UTF-16LE): how many of how many did.
   */
  | { code: "utf16" | "utf32"; byteOrder: "little-endian" | "big-endian"; byteOrderMark: boolean; offset: number; zeroBytesBeside?: { characters: number; of: number } }
  /** A NUL byte in the first line, at `offset`, in text that is not UTF-16 or UTF-32 throughout its first characters. */
  | { code: "nul"; offset: number }
  /** A CR at `offset` in the first line not followed by LF (lines ended by CR alone, as classic Mac OS saved them). */
  | { code: "cr-only"; offset: number }
  /** A whole file of nothing but a UTF-8 byte order mark and ASCII white space (or no bytes at all). */
  | { code: "empty" };

/** How far a CSV's first line is looked at (bytes): 64 KiB, about thirty times the longest official header (sfr/2016__SFR41_CareLeavers2016.csv, 2,176 bytes). */
export const CSV_HEAD_SEARCH_BYTES = 65536;
/**
 * How many first characters are looked at for the zero bytes of UTF-16 (or UTF-32) in a file without a byte order
 * mark: 32 (fewer in a shorter file). At least half of them must have them, in one byte order: a UTF-8 file with a
 * stray NUL has one such "character" (tests/data/csv-head.test.ts), and UTF-16 text whose first character is not ASCII
 * ("€", 0xAC 0x20) has all but that one. Until round 21 every one of the first 8 had to, and a UTF-16 file starting
 * with "€" was called one with "a NUL byte at offset 3".
 */
const WIDE_TEXT_CHARACTERS = 32;
const LF = 10;
const CR = 13;
/** Space, tab, LF, vertical tab, form feed, CR. */
const BLANKS: ReadonlySet<number> = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/**
 * What in a CSV's first bytes makes it unreadable as UTF-8 CSV text, or undefined when nothing does: a UTF-16 or
 * UTF-32 byte order mark; UTF-16 or UTF-32 without one (at least half of its first 32 characters stored beside zero
 * bytes, all in one byte order); a NUL
 * byte in the first line; a CR in the first line not followed by LF; a whole file of blanks. Checked in that order;
 * the first line is looked at up to its LF, within {@link CSV_HEAD_SEARCH_BYTES}.
 * @param head - the file's first bytes (the whole file, or as much of it as the reader reads to tell what it is)
 * @param options - `wholeFile`: whether `head` is the whole file. Only then is a CR as its last byte the end of a
 *   header-only file (else the LF may follow it) and a head of blanks an empty file.
 * @example
 * csvHeadProblem(Buffer.from("a,b\r1,2\r"), { wholeFile: true }) // { code: "cr-only", offset: 3 }
 * csvHeadProblem(Buffer.from("la,n\n", "utf16le"), { wholeFile: true }) // { code: "utf16", byteOrder: "little-endian", byteOrderMark: false, offset: 1 }
 * csvHeadProblem(Buffer.from("\uFEFFa,b\r\n1,2\r\n"), { wholeFile: true }) // undefined
 */
export function csvHeadProblem(head: Uint8Array, options: { wholeFile: boolean }): CsvHeadProblem | undefined {
  const wide = wideText(head);
  if (wide !== undefined) return wide;
  const searched = head.subarray(0, CSV_HEAD_SEARCH_BYTES);
  const lf = searched.indexOf(LF);
  const line = lf < 0 ? searched : searched.subarray(0, lf);
  const nul = line.indexOf(0);
  if (nul >= 0) return { code: "nul", offset: nul };
  const cr = line.indexOf(CR);
  // the byte after the CR: LF (a CRLF), none in a whole file (its last byte ends a header-only file), or not read yet
  if (cr >= 0 && cr + 1 < head.length && head[cr + 1] !== LF) return { code: "cr-only", offset: cr };
  if (options.wholeFile && isBlank(head)) return { code: "empty" };
  return undefined;
}

/** Whether bytes are only a UTF-8 byte order mark and ASCII white space (a scan that stops at the first other byte). */
function isBlank(bytes: Uint8Array): boolean {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let k = start; k < bytes.length; k++) if (!BLANKS.has(bytes[k])) return false;
  return true;
}

/** UTF-16 or UTF-32 by its byte order mark, or by the zero bytes of its first characters, else undefined. */
function wideText(head: Uint8Array): CsvHeadProblem | undefined {
  const [b0, b1, b2, b3] = head;
  // FF FE 00 00 is UTF-32's mark before UTF-16's: a UTF-16 text starting with U+0000 is no CSV
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { code: "utf32", byteOrder: "little-endian", byteOrderMark: true, offset: 0 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { code: "utf32", byteOrder: "big-endian", byteOrderMark: true, offset: 0 };
  if (b0 === 0xff && b1 === 0xfe) return { code: "utf16", byteOrder: "little-endian", byteOrderMark: true, offset: 0 };
  if (b0 === 0xfe && b1 === 0xff) return { code: "utf16", byteOrder: "big-endian", byteOrderMark: true, offset: 0 };
  for (const code of ["utf32", "utf16"] as const) {
    const width = code === "utf32" ? 4 : 2;
    const characters = Math.min(WIDE_TEXT_CHARACTERS, Math.floor(head.length / width));
    if (characters === 0) continue;
    // little-endian: a character's low byte (ASCII, not zero) first, then zeros; big-endian: zeros, then that byte
    const little = charactersBesideZeros(head, characters, width, 0);
    const big = charactersBesideZeros(head, characters, width, width - 1);
    const most = Math.max(little, big);
    if (most === 0 || most * 2 < characters || little === big) continue;
    const byteOrder = little > big ? "little-endian" : "big-endian";
    const offset = head.subarray(0, characters * width).indexOf(0);
    const problem: CsvHeadProblem = { code, byteOrder, byteOrderMark: false, offset };
    return most === characters ? problem : { ...problem, zeroBytesBeside: { characters: most, of: characters } };
  }
  return undefined;
}

/** How many of the first `characters` units of `width` bytes have a non-zero byte at `at` and zeros elsewhere. */
function charactersBesideZeros(head: Uint8Array, characters: number, width: number, at: number): number {
  let n = 0;
  for (let c = 0; c < characters; c++) {
    let fits = true;
    for (let k = 0; k < width && fits; k++) fits = (head[c * width + k] === 0) !== (k === at);
    if (fits) n++;
  }
  return n;
}

/**
 * A problem in words, naming what was found and where, for an error's "got" (each reader says what it expected).
 * @example
 * describeCsvHeadProblem({ code: "nul", offset: 3 }) // "a NUL byte at offset 3 of the first line"
 * describeCsvHeadProblem({ code: "utf16", byteOrder: "big-endian", byteOrderMark: true, offset: 0 }) // "a UTF-16 (big-endian) byte order mark (FE FF)"
 * describeCsvHeadProblem(csvHeadProblem(Buffer.from("€la_code,period\n", "utf16le"), { wholeFile: true })!)
 * // "UTF-16 (little-endian) text without a byte order mark (a NUL byte at offset 3 of the first line, and zero bytes beside 15 of its first 16 characters)"
 */
export function describeCsvHeadProblem(problem: CsvHeadProblem): string {
  switch (problem.code) {
    case "utf16":
    case "utf32": {
      const encoding = `${problem.code === "utf16" ? "UTF-16" : "UTF-32"} (${problem.byteOrder})`;
      if (problem.byteOrderMark) return `a ${encoding} byte order mark (${BYTE_ORDER_MARKS[problem.code][problem.byteOrder]})`;
      const some = problem.zeroBytesBeside;
      const beside = some === undefined ? "each of its first characters" : `${some.characters} of its first ${some.of} characters`;
      return `${encoding} text without a byte order mark (a NUL byte at offset ${problem.offset} of the first line, and zero bytes beside ${beside})`;
    }
    case "nul":
      return `a NUL byte at offset ${problem.offset} of the first line`;
    case "cr-only":
      return `CR-only line ends (a CR at offset ${problem.offset} not followed by LF)`;
    case "empty":
      return "an empty file";
  }
}

const BYTE_ORDER_MARKS = {
  utf16: { "little-endian": "FF FE", "big-endian": "FE FF" },
  utf32: { "little-endian": "FF FE 00 00", "big-endian": "00 00 FE FF" },
} as const;

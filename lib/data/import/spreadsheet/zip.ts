/**
 * Reading named parts out of a zip container (ODS, XLSX) with fflate, confined: only the requested parts
 * are inflated, each part's declared size is capped and so is their sum, and any fflate failure (truncated
 * or corrupt archive) becomes a {@link DataError} naming the file.
 *
 * Why the declared size is enough: fflate inflates each part into a buffer of exactly its declared
 * (central-directory) size, so a part whose stream inflates to more is cut at the declared size and then
 * fails as malformed XML; a lying header cannot make us allocate more than it declares.
 */
import { unzipSync } from "fflate";
import { DataError } from "../../../errors";

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
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new DataError({ file, value: hexStart(bytes), expected: "a zip container (ODS/XLSX files start with bytes 50 4B)" });
  }
  const wanted = typeof want === "function" ? want : (name: string) => want.includes(name);
  let parts: Record<string, Uint8Array>;
  let tooBig: { name: string; size: number } | undefined;
  let total = 0;
  try {
    parts = unzipSync(bytes, {
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
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const out = new Map<string, string>();
  for (const [name, data] of Object.entries(parts)) out.set(name, decoder.decode(data));
  return out;
}

function sizeError(file: string, part: { name: string; size: number }, total: number): DataError {
  return part.size > MAX_ZIP_PART_BYTES
    ? new DataError({ file, column: part.name, value: `${part.size} bytes`, expected: `zip parts of at most ${MAX_ZIP_PART_BYTES} bytes uncompressed` })
    : new DataError({ file, column: part.name, value: `${total} bytes in the parts read so far`, expected: `at most ${MAX_ZIP_TOTAL_BYTES} bytes uncompressed in the parts read` });
}

function hexStart(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
}

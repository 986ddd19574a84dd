/**
 * Reading named parts out of a zip container (ODS, XLSX) with fflate, confined: only the requested parts
 * are inflated, each part's declared size is capped, and any fflate failure (truncated or corrupt archive)
 * becomes a {@link DataError} naming the file.
 */
import { unzipSync } from "fflate";
import { DataError } from "../../../errors";

/** Largest uncompressed part we accept (bytes). The biggest real part (Ofsted 2023 content.xml) is ~40 MB. */
export const MAX_ZIP_PART_BYTES = 256 * 1024 * 1024;

/**
 * Inflate the parts of a zip archive whose names satisfy `want`, as UTF-8 text.
 * @param bytes - the archive
 * @param file - file name for error messages
 * @param want - which part names to inflate
 * @returns part name → text (parts not present are absent from the map)
 * @throws DataError when the archive is not a readable zip or a part is larger than {@link MAX_ZIP_PART_BYTES}
 * @example
 * readZipText(fs.readFileSync("book.xlsx"), "book.xlsx", (n) => n.startsWith("xl/")).get("xl/workbook.xml")
 */
export function readZipText(bytes: Uint8Array, file: string, want: (name: string) => boolean): Map<string, string> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new DataError({ file, value: hexStart(bytes), expected: "a zip container (ODS/XLSX files start with bytes 50 4B)" });
  }
  let parts: Record<string, Uint8Array>;
  let tooBig: string | undefined;
  try {
    parts = unzipSync(bytes, {
      filter: (f) => {
        if (!want(f.name)) return false;
        if (f.originalSize > MAX_ZIP_PART_BYTES) {
          tooBig = f.name;
          return false;
        }
        return true;
      },
    });
  } catch (err) {
    throw new DataError({ file, value: err instanceof Error ? err.message : String(err), expected: "a complete, uncorrupted zip archive" });
  }
  if (tooBig !== undefined) {
    throw new DataError({ file, column: tooBig, expected: `zip parts of at most ${MAX_ZIP_PART_BYTES} bytes` });
  }
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const out = new Map<string, string>();
  for (const [name, data] of Object.entries(parts)) out.set(name, decoder.decode(data));
  return out;
}

function hexStart(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
}

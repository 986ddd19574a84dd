/**
 * Pseudonymisation of respondent identifiers in the record files written (`pilot --records-out`, and
 * {@link pseudonymiseRecordsCsv}): each raw id is replaced by a keyed hash (HMAC-SHA256, RFC 2104, via
 * node:crypto), so the same person gets the same pseudonym across files, periods and waves, but nobody without
 * the key can link a pseudonym back to the id or compute it from a guessed id. (The tally itself tells
 * respondents apart in memory by SipHash under a key made for the run: lib/pilot/siphash.ts.)
 *
 * **The key lives outside the repository**: in the environment variable `VSW_PSEUDONYM_KEY`, or in a key file
 * given by path that is not inside a git working tree. With no key the import refuses to run, unless an
 * explicit ephemeral key is asked for (random, never saved: pseudonyms then differ between runs).
 *
 * A raw identifier never leaves {@link pseudonymiseRecordsCsv}: its output holds pseudonyms only.
 */
import { isUtf8 } from "node:buffer";
import { createHmac, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, DataErrors, InputError } from "../errors";
import { KEY_FILE_MAX_BYTES, readSmallFile } from "../data/small-file";
import { decodeCsvBytes, formatCsv, parseCsv, requireUniqueColumns, type CsvValue } from "../data/csv";
import { blankEndedId, crAloneRecord, hasBlankEnd, type RecordProblem } from "./record-errors";

/** Environment variable holding the pseudonymisation key. */
export const PSEUDONYM_KEY_ENV = "VSW_PSEUDONYM_KEY";
/** Pseudonyms look like `ps_` + 16 lowercase hex digits (the first 64 bits of the HMAC). */
export const PSEUDONYM_PREFIX = "ps_";
export const PSEUDONYM_HEX_DIGITS = 16;
/** A pseudonym, as a pattern (the disclosure scanner looks for it in exported files). */
export const PSEUDONYM_RE = /\bps_[0-9a-f]{16}\b/;
/** Shortest key accepted, in bytes (128 bits, NIST SP 800-107 minimum security strength for HMAC keys). */
export const MIN_KEY_BYTES = 16;
/** Bytes of an ephemeral key (256 bits, the block-size-safe choice for HMAC-SHA256). */
const EPHEMERAL_KEY_BYTES = 32;

/** A key and where it came from (never the key itself in logs). */
export interface PseudonymKey {
  key: Buffer;
  source: "env" | "file" | "ephemeral";
}

/**
 * The pseudonym of one raw identifier: `ps_` + the first 16 hex digits of HMAC-SHA256(key, id).
 * With 64 bits, the chance of any collision among a million ids is about 3 × 10⁻⁸.
 * @example
 * pseudonymise("child-0001", Buffer.from("0123456789abcdef0123456789abcdef")) // "ps_…" (16 hex digits)
 */
export function pseudonymise(rawId: string, key: Buffer): string {
  if (key.length < MIN_KEY_BYTES) throw new InputError("pseudonymise", `key must be at least ${MIN_KEY_BYTES} bytes`, key.length);
  if (rawId === "") throw new InputError("pseudonymise", "identifier must not be empty", rawId);
  return PSEUDONYM_PREFIX + createHmac("sha256", key).update(rawId, "utf8").digest("hex").slice(0, PSEUDONYM_HEX_DIGITS);
}

/**
 * The folder of the git working tree containing `p` (a `.git` entry in it or a parent), or null.
 * @example
 * enclosingGitWorkTree("/tmp/pilot.key") // null (outside any repository)
 */
export function enclosingGitWorkTree(p: string): string | null {
  let dir = path.resolve(p);
  try {
    dir = fs.realpathSync(dir);
  } catch {
    // a path that does not exist yet: walk up from it as given
  }
  for (;;) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * Find the pseudonymisation key: a key file (outside any git working tree), else `VSW_PSEUDONYM_KEY`, else an
 * ephemeral random key when explicitly allowed.
 * The key file is text: its content, trimmed of white space at both ends, as UTF-8 bytes (e.g. the 64 hex digits
 * that `openssl rand -hex 32` writes). A file that is not UTF-8 (raw random bytes) is refused.
 * @throws InputError when there is no key and `ephemeral` is not set, when the key file is inside a git
 *   working tree, is not UTF-8 text, or when the key is shorter than 16 bytes; DataError when the key file holds
 *   more than `KEY_FILE_MAX_BYTES` (4 KiB: a device such as /dev/urandom named by mistake is not read on)
 * @example
 * const { key, source } = resolvePseudonymKey({ keyFile: "/secure/pilot.key" });
 */
export function resolvePseudonymKey(options: { keyFile?: string; ephemeral?: boolean; env?: NodeJS.ProcessEnv } = {}): PseudonymKey {
  const env = options.env ?? process.env;
  if (options.keyFile !== undefined) {
    const file = path.resolve(options.keyFile);
    if (!fs.existsSync(file)) throw new InputError("resolvePseudonymKey", "key file not found", options.keyFile);
    const repo = enclosingGitWorkTree(path.dirname(file));
    if (repo !== null) {
      throw new InputError("resolvePseudonymKey", `the key file must live outside any repository (it is inside ${repo})`, options.keyFile);
    }
    // bounded: a key file named as /dev/urandom had been read until memory ran out (2.96 GB, then abort)
    const bytes = readSmallFile(file, KEY_FILE_MAX_BYTES, "a key file (one line of text)");
    // the file is read as text, trimmed, and its UTF-8 bytes are the key, as it always has been: pseudonyms must
    // stay the same across pilot waves. Raw random bytes (`head -c 32 /dev/urandom`) are refused rather than
    // degraded: read as text, each invalid sequence became U+FFFD and whitespace bytes at the ends were dropped,
    // so two different key files could give one key. The message names neither the key nor its bytes.
    if (!isUtf8(bytes)) {
      throw new InputError(
        "resolvePseudonymKey",
        `the key file must be text (UTF-8), a key of at least ${MIN_KEY_BYTES} characters on one line; this one holds raw bytes. ` +
          `Make one with: openssl rand -hex 32 > FILE`,
        options.keyFile,
      );
    }
    const key = Buffer.from(bytes.toString("utf8").trim(), "utf8");
    if (key.length < MIN_KEY_BYTES) throw new InputError("resolvePseudonymKey", `the key in the key file must be at least ${MIN_KEY_BYTES} bytes`, key.length);
    return { key, source: "file" };
  }
  const fromEnv = env[PSEUDONYM_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== "") {
    const key = Buffer.from(fromEnv, "utf8");
    if (key.length < MIN_KEY_BYTES) throw new InputError("resolvePseudonymKey", `${PSEUDONYM_KEY_ENV} must hold at least ${MIN_KEY_BYTES} bytes`, key.length);
    return { key, source: "env" };
  }
  if (options.ephemeral) return { key: randomBytes(EPHEMERAL_KEY_BYTES), source: "ephemeral" };
  throw new InputError(
    "resolvePseudonymKey",
    `no pseudonymisation key: set ${PSEUDONYM_KEY_ENV}, give a key file outside the repository, or ask for an ephemeral key explicitly`,
  );
}

/**
 * The import step: replace the `respondent_id` column of a record CSV by pseudonyms. Every other column is
 * copied unchanged (validation comes next, on the pseudonymised file). A raw id never appears in the output.
 * @param source the raw record CSV: the file's bytes (decoded strictly as UTF-8: a byte that is not UTF-8 is an
 *   error naming row, column and byte, where decoding with U+FFFD would make two ids differing in one byte one
 *   respondent), or its text
 * @param file name used in error messages
 * @returns the pseudonymised CSV text and counts
 * @throws DataErrors when a line ends in a carriage return alone (as the CLI's tally refuses it: file, row and byte
 *   offset), the bytes are not UTF-8, the CSV is malformed, has no respondent_id column, or an id is blank or has white space or an invisible character at either end
 * @example
 * const { csv } = pseudonymiseRecordsCsv(fs.readFileSync("raw.csv"), "raw.csv", key);
 */
export function pseudonymiseRecordsCsv(source: Uint8Array | string, file: string, key: Buffer): { csv: string; records: number; respondents: number } {
  const crAlone = loneCarriageReturn(typeof source === "string" ? Buffer.from(source, "utf8") : source, file);
  if (crAlone !== undefined) throw new DataErrors([new DataError(crAlone)], `pseudonymiseRecordsCsv(${file})`);
  let parsed;
  try {
    parsed = parseCsv(typeof source === "string" ? source : decodeCsvBytes(source, file), file);
    requireUniqueColumns(file, parsed.header, parsed.header); // a second respondent_id would be copied raw
  } catch (e) {
    if (e instanceof DataError) throw new DataErrors([e], `pseudonymiseRecordsCsv(${file})`);
    throw e;
  }
  const col = parsed.header.indexOf("respondent_id");
  if (col < 0) throw new DataErrors([new DataError({ file, row: 0, column: "respondent_id", expected: 'a column "respondent_id"' })], `pseudonymiseRecordsCsv(${file})`);
  const cache = new Map<string, string>();
  const errors: DataError[] = [];
  const rows: Record<string, CsvValue>[] = new Array(parsed.rows.length);
  for (let r = 0; r < parsed.rows.length; r++) {
    const cells = parsed.rows[r];
    const raw = cells[col];
    let pseudonym = "";
    if (raw === "") errors.push(new DataError({ file, row: r + 1, column: "respondent_id", value: "", expected: "a respondent id" }));
    else if (hasBlankEnd(raw)) errors.push(new DataError(blankEndedId(file, r + 1))); // as the CLI's tally: "CH-0001 " is not another child
    else {
      let p = cache.get(raw);
      if (p === undefined) cache.set(raw, (p = pseudonymise(raw, key)));
      pseudonym = p;
    }
    const row: Record<string, CsvValue> = {};
    parsed.header.forEach((h, k) => (row[h] = k === col ? pseudonym : cells[k]));
    rows[r] = row;
  }
  if (errors.length > 0) throw new DataErrors(errors, `pseudonymiseRecordsCsv(${file})`);
  return { csv: formatCsv(rows, parsed.header), records: rows.length, respondents: cache.size };
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * The first carriage return outside quotes not followed by a line feed (nor the file's last byte), as the pilot's
 * tally refuses it ({@link crAloneRecord}: file, row, byte offset), or undefined. parseCsv ends a line at such a CR,
 * so the library had read "a,b\rc,d" as two records where the CLI refuses the file: one rule for every pass over the
 * records (lib/pilot/record-errors.ts).
 */
function loneCarriageReturn(bytes: Uint8Array, file: string): RecordProblem | undefined {
  const search = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (search.indexOf(CR) < 0) return undefined;
  let row = 0;
  let quoted = false;
  for (let k = 0; k < bytes.length; k++) {
    const c = bytes[k];
    if (c === QUOTE) quoted = !quoted; // an escaped quote ("") toggles twice
    else if (quoted) continue;
    else if (c === LF) row++;
    else if (c === CR && k + 1 < bytes.length && bytes[k + 1] !== LF) return crAloneRecord(file, row, k);
  }
  return undefined;
}

/**
 * Writing pseudonymised record files from the raw ones by streaming: each raw file is read again in chunks
 * (after the whole import has been validated), its ids replaced by their keyed pseudonyms, and its records
 * written with the record schema's six columns only, in schema order, as `formatCsv` writes them (LF line
 * ends, quotes only where needed). The files are staged as hidden temporary files and renamed into place
 * together at the end (as lib/data/atomic-write.ts does for files held in memory); on failure none is left.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { formatCsv, parseCsv } from "../data/csv";
import { removeStaleTempFiles, TEMP_MARKER } from "../data/atomic-write";
import { DataError, DataErrors } from "../errors";
import { HmacSha256Prefix } from "./hmac-sha256";
import { PSEUDONYM_HEX_DIGITS, PSEUDONYM_PREFIX } from "./pseudonymise";
import { RecordChunks } from "./record-chunks";
import { RECORD_FIELDS, RECORD_HEADER } from "./records";
import { decode, FIELD_OK, newFieldState, scanFields } from "./record-scan";
import { MAX_RECORD_BYTES } from "./tally-builder";
import { READ_CHUNK_BYTES, readFileInChunks } from "./read-chunks";

const LF = 10;
/** Output is handed to the file system in pieces of about this many characters. */
const WRITE_BUFFER_CHARS = 1 << 20;
let stagedCounter = 0;

/** One record file being rewritten: header roles, pseudonyms, buffered output. */
class PseudonymisingWriter {
  private roleOf: Int32Array | null = null;
  private readonly fields = newFieldState();
  private readonly hmac: HmacSha256Prefix;
  /** the previous row's raw id (a copy of its bytes) and its pseudonym */
  private previousRaw: Uint8Array = new Uint8Array(0);
  private previousPseudonym = "";
  private readonly cells = new Map<string, string>();
  private out: string[] = [];
  private outChars = 0;

  constructor(private readonly fd: number, private readonly file: string, key: Uint8Array) {
    this.hmac = new HmacSha256Prefix(key);
  }

  /** Rewrite the complete records at the start of `bytes`; returns the bytes used. */
  consume(bytes: Uint8Array, final: boolean): number {
    let pos = 0;
    const len = bytes.length;
    if (this.roleOf === null) {
      let eol = 0;
      while (eol < len && bytes[eol] !== LF) eol++;
      if (eol >= len && !final) return 0;
      const bom = len >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      const header = parseCsv(decode(bytes, bom, eol).replace(/\r$/, ""), this.file).header;
      this.roleOf = Int32Array.from(header, (h) => (RECORD_FIELDS as readonly string[]).indexOf(h));
      this.push(RECORD_HEADER + "\n");
      pos = Math.min(eol + 1, len);
    }
    const roleOf = this.roleOf;
    while (pos < len) {
      let end = scanFields(bytes, pos, roleOf.length, roleOf, this.fields);
      while (end < len && bytes[end] !== LF) end++;
      if (end >= len && !final) return pos;
      if (this.fields.error !== FIELD_OK) throw new DataErrors([new DataError({ file: this.file, expected: "a file that has not changed since it was validated" })], "writePseudonymisedRecordFiles");
      this.writeRecord();
      pos = end + 1;
    }
    return len;
  }

  private writeRecord(): void {
    const f = this.fields;
    let line = this.pseudonym(f.bytes[0], f.start[0], f.end[0]);
    for (let role = 1; role < RECORD_FIELDS.length; role++) line += "," + this.cell(decode(f.bytes[role], f.start[role], f.end[role]));
    this.push(line + "\n");
  }

  /** The pseudonym of the raw id bytes[start, end), hashed from the bytes as the tally hashes them. */
  private pseudonym(bytes: Uint8Array, start: number, end: number): string {
    const prev = this.previousRaw;
    if (prev.length === end - start && prev.every((b, i) => b === bytes[start + i])) return this.previousPseudonym;
    this.hmac.digest(bytes, start, end);
    const hex = (this.hmac.hi >>> 0).toString(16).padStart(8, "0") + (this.hmac.lo >>> 0).toString(16).padStart(8, "0");
    this.previousRaw = bytes.slice(start, end);
    return (this.previousPseudonym = PSEUDONYM_PREFIX + hex.slice(0, PSEUDONYM_HEX_DIGITS));
  }

  /** The cell as formatCsv writes it (validated values: a bounded set, so their formatting is cached). */
  private cell(value: string): string {
    let c = this.cells.get(value);
    if (c === undefined) this.cells.set(value, (c = formatCsv([{ v: value }], ["v"]).slice(2, -1)));
    return c;
  }

  private push(text: string): void {
    this.out.push(text);
    this.outChars += text.length;
    if (this.outChars >= WRITE_BUFFER_CHARS) this.flush();
  }

  /** Write what is buffered. */
  flush(): void {
    if (this.out.length > 0) fs.writeSync(this.fd, this.out.join(""));
    this.out = [];
    this.outChars = 0;
  }
}

/** Stage one pseudonymised copy of `file` in `temp` (written in full and flushed to disk). */
function stageRecordFile(file: string, temp: string, key: Uint8Array, chunkBytes: number): void {
  const fd = fs.openSync(temp, "wx", 0o644);
  try {
    const writer = new PseudonymisingWriter(fd, file, key);
    const consume = (bytes: Uint8Array, final: boolean) => writer.consume(bytes, final);
    const chunks = new RecordChunks(MAX_RECORD_BYTES);
    readFileInChunks(file, chunkBytes, (chunk) => {
      if (!chunks.write(chunk, consume)) throw new DataErrors([new DataError({ file, expected: "a file that has not changed since it was validated" })], "writePseudonymisedRecordFiles");
    });
    chunks.end(consume);
    writer.flush();
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Write pseudonymised copies of validated raw record files into `dir` (same file names), streaming: memory
 * holds one chunk, never a file. Only the six record columns are written, in schema order; a raw id never
 * reaches the disk (each is replaced by `ps_` + the first 16 hex digits of HMAC-SHA256(key, id)).
 * Call it only after the files have been validated (importPilotRecords does).
 * @returns the paths written
 * @throws DataErrors when two files have the same name (nothing is written)
 * @example
 * writePseudonymisedRecordFiles("/secure/pseudonymised", ["raw/records.csv"], key);
 */
export function writePseudonymisedRecordFiles(dir: string, files: readonly string[], key: Uint8Array, chunkBytes = READ_CHUNK_BYTES): string[] {
  const names = new Set<string>();
  for (const file of files) {
    const name = path.basename(file);
    if (names.has(name)) throw new DataErrors([new DataError({ file, expected: "record files with distinct names" })], "writePseudonymisedRecordFiles");
    names.add(name);
  }
  fs.mkdirSync(dir, { recursive: true });
  removeStaleTempFiles(dir);
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const file of files) {
      const name = path.basename(file);
      const temp = path.join(dir, `.${name}${TEMP_MARKER}${process.pid}-s${++stagedCounter}`);
      staged.push({ temp, target: path.join(dir, name) });
      stageRecordFile(file, temp, key, chunkBytes);
    }
  } catch (e) {
    for (const s of staged) fs.rmSync(s.temp, { force: true });
    throw e;
  }
  for (const s of staged) fs.renameSync(s.temp, s.target);
  return staged.map((s) => s.target);
}

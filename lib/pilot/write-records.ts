/**
 * Writing pseudonymised record files from the raw ones by streaming: each raw file is read again in chunks
 * (after the whole import has been validated), its ids replaced by their keyed pseudonyms, and its records
 * written with the record schema's six columns only, in schema order, as `formatCsv` writes them (LF line
 * ends, quotes only where needed). The files are staged as hidden temporary files and renamed into place
 * together at the end (as lib/data/atomic-write.ts does for files held in memory); on failure none is left.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ByteInterner } from "../data/byte-interner";
import { formatCsv, parseCsv } from "../data/csv";
import { makeFolders, removeStaleTempFiles, TEMP_MARKER } from "../data/atomic-write";
import { DataError, DataErrors, isSystemError } from "../errors";
import { PendingPseudonyms, PSEUDONYM_BYTES } from "./pending-pseudonyms";
import { RecordChunks } from "./record-chunks";
import { RECORD_FIELDS, RECORD_HEADER } from "./records";
import { decode, FIELD_OK, newFieldState, sameBytes, scanFields, scanPlainFields } from "./record-scan";
import { MAX_RECORD_BYTES } from "./tally-builder";
import { READ_CHUNK_BYTES, readFileInChunks } from "./read-chunks";

const LF = 10;
const COMMA = 44;
const QUOTE = 34;
const CR = 13;
/** append's "no separator before the piece". */
const NO_BYTE = -1;
const EMPTY = new Uint8Array(0);
/** Output is handed to the file system in pieces of about this many bytes. */
const WRITE_BUFFER_BYTES = 1 << 20;
let stagedCounter = 0;

/**
 * One record file being rewritten, byte by byte: header roles, the pseudonyms (hashed four at a time and written
 * into their places before the buffer is written out), each distinct cell's bytes as formatCsv writes the cell, and
 * a buffer of output bytes.
 */
class PseudonymisingWriter {
  private roleOf: Int32Array | null = null;
  private readonly fields = newFieldState();
  private readonly pseudonyms: PendingPseudonyms;
  /** Distinct cell values (validated: a bounded set) and each one's bytes as formatCsv writes it. */
  private readonly cellIds = new ByteInterner();
  private formatted: Uint8Array[] = [];
  /** The bytes given to consume, and where in them each field of the previous row lay (-1: not there) with its id. */
  private rowBytes: Uint8Array | null = null;
  private readonly previousCellStart = new Int32Array(RECORD_FIELDS.length).fill(-1);
  private readonly previousCellEnd = new Int32Array(RECORD_FIELDS.length);
  private readonly previousCellId = new Int32Array(RECORD_FIELDS.length);
  private out = new Uint8Array(WRITE_BUFFER_BYTES + MAX_RECORD_BYTES);
  private outLength = 0;

  constructor(private readonly fd: number, private readonly file: string, key: Uint8Array) {
    this.pseudonyms = new PendingPseudonyms(key, MAX_RECORD_BYTES);
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
      this.append(Buffer.from(RECORD_HEADER + "\n", "utf8"), NO_BYTE);
      pos = Math.min(eol + 1, len);
    }
    const roleOf = this.roleOf;
    // no quote and no carriage return in these bytes: the simpler scanner, fields pointing into them (as the tally)
    const search = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const plain = search.indexOf(QUOTE, pos) < 0 && search.indexOf(CR, pos) < 0;
    if (plain) this.fields.bytes.fill(bytes);
    this.rowBytes = bytes;
    this.previousCellStart.fill(-1);
    while (pos < len) {
      let end = plain ? scanPlainFields(bytes, pos, roleOf.length, roleOf, this.fields) : scanFields(bytes, pos, roleOf.length, roleOf, this.fields);
      while (end < len && bytes[end] !== LF) end++;
      if (end >= len && !final) return pos;
      if (this.fields.error !== FIELD_OK) throw new DataErrors([new DataError({ file: this.file, expected: "a file that has not changed since it was validated" })], "writePseudonymisedRecordFiles");
      this.writeRecord();
      pos = end + 1;
    }
    return len;
  }

  /** The row's pseudonym and its other schema fields, in schema order, as formatCsv writes them. */
  private writeRecord(): void {
    if (this.outLength >= WRITE_BUFFER_BYTES) this.flush();
    const f = this.fields;
    // the pseudonym's place (there is room: a record's margin is left beyond WRITE_BUFFER_BYTES)
    this.pseudonyms.place(this.out, this.outLength, f.bytes[0], f.start[0], f.end[0]);
    this.outLength += PSEUDONYM_BYTES;
    for (let role = 1; role < RECORD_FIELDS.length; role++) this.append(this.formatted[this.cellId(role)], COMMA);
    this.append(EMPTY, LF);
  }

  /**
   * The id of the row's cell in field `role` among the distinct cell values, its bytes as formatCsv writes it
   * computed once per value. A cell equal to the previous row's (same bytes, same call of consume) is not looked up.
   */
  private cellId(role: number): number {
    const f = this.fields;
    const bytes = f.bytes[role], start = f.start[role], end = f.end[role];
    const prev = this.previousCellStart[role];
    if (prev >= 0 && bytes === this.rowBytes && end - start === this.previousCellEnd[role] - prev && sameBytes(bytes, start, prev, end - start)) return this.previousCellId[role];
    const id = this.cellIds.intern(bytes, start, end);
    if (id === this.formatted.length) this.formatted.push(Buffer.from(formatCsv([{ v: decode(bytes, start, end) }], ["v"]).slice(2, -1), "utf8"));
    if (bytes === this.rowBytes) {
      this.previousCellStart[role] = start;
      this.previousCellEnd[role] = end;
      this.previousCellId[role] = id;
    } else this.previousCellStart[role] = -1;
    return id;
  }

  /** Buffer the byte `before` (unless NO_BYTE), then `piece`. */
  private append(piece: Uint8Array, before: number): void {
    const need = piece.length + 1;
    if (this.outLength + need > this.out.length) {
      this.flush();
      if (need > this.out.length) this.out = new Uint8Array(2 * need);
    }
    if (before !== NO_BYTE) this.out[this.outLength++] = before;
    this.out.set(piece, this.outLength);
    this.outLength += piece.length;
  }

  /** Write what is buffered (once it has reached WRITE_BUFFER_BYTES, or at the end). */
  flush(): void {
    this.pseudonyms.fill(this.out);
    let written = 0;
    while (written < this.outLength) written += fs.writeSync(this.fd, this.out, written, this.outLength - written);
    this.outLength = 0;
  }
}

/** Stage one pseudonymised copy of `file` in `temp` (written in full and flushed to disk). */
function stageRecordFile(file: string, temp: string, key: Uint8Array, chunkBytes: number): void {
  const fd = fs.openSync(temp, "wx", 0o644);
  try {
    const writer = new PseudonymisingWriter(fd, file, key);
    // an error of writing the copy is the copy's, not the record file's
    let writeError: unknown;
    const consume = (bytes: Uint8Array, final: boolean) => {
      try {
        return writer.consume(bytes, final);
      } catch (e) {
        writeError = e;
        throw e;
      }
    };
    const chunks = new RecordChunks(MAX_RECORD_BYTES);
    try {
      readFileInChunks(file, chunkBytes, (chunk) => {
        if (!chunks.write(chunk, consume)) throw new DataErrors([new DataError({ file, expected: "a file that has not changed since it was validated" })], "writePseudonymisedRecordFiles");
      });
    } catch (e) {
      if (e === writeError || !isSystemError(e)) throw e;
      throw new DataErrors([readAgainError(file, e)], "writePseudonymisedRecordFiles");
    }
    chunks.end(consume);
    writer.flush();
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A record file that could not be read again for its pseudonymised copy (gone, locked or replaced since it was
 * validated), named with what happened: it had been Node's bare ENOENT or EACCES.
 */
function readAgainError(file: string, error: NodeJS.ErrnoException): DataError {
  const what = error.code === "ENOENT" ? "gone since it was validated"
    : error.code === "EACCES" || error.code === "EPERM" ? "no longer readable (permission denied)"
    : error.code === "EISDIR" ? "a folder now, not the file validated"
    : "could not be read again";
  return new DataError({
    file,
    value: `${error.code}: ${what}`,
    expected: "the record file as it was validated, read again to write its pseudonymised copy (no copy was written: put the file back, or run the command again)",
  });
}

/**
 * Write pseudonymised copies of validated raw record files into `dir` (same file names), streaming: memory
 * holds one chunk, never a file. Only the six record columns are written, in schema order; a raw id never
 * reaches the disk (each is replaced by `ps_` + the first 16 hex digits of HMAC-SHA256(key, id)).
 * Call it only after the files have been validated (importPilotRecords does).
 * @returns the paths written
 * @throws DataErrors when two files have the same name, or a file has changed, gone or cannot be read since it was
 *   validated (nothing is written, and a folder made for them is removed)
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
  const made = !fs.existsSync(dir);
  makeFolders(dir);
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
    if (made && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
    throw e;
  }
  for (const s of staged) fs.renameSync(s.temp, s.target);
  return staged.map((s) => s.target);
}

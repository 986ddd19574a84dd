/**
 * readZipText inflates with Node's zlib when the archive is plain and with fflate otherwise: either way the
 * parts read are those fflate's unzipSync gives (same names, same text), and an archive fflate rejects is
 * still a DataError. ZipPartInflater, which streams one part through the caller's buffer, gives the bytes the
 * zlib path gives or gives up (-1, or no inflater) wherever that path would not give them.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as zlib from "node:zlib";
import { strToU8, unzipSync, zipSync } from "fflate";
import { DataError } from "../../../lib/errors";
import { MAX_ZIP_PART_BYTES, ZipPartInflater, readZipParts, readZipText } from "../../../lib/data/import/spreadsheet/zip";
import { buildZip } from "../../helpers/hostile-zip";
import { centralRecord, partDataStart } from "./zip-fixtures";

/**
 * What fflate alone reads from the archive (the reader before zlib), or the error it throws; a part that is not
 * UTF-8 (a part cut short inside a character) is an error too, where it had been read with U+FFFD.
 */
function fflateText(bytes: Uint8Array, want: (n: string) => boolean): Map<string, string> | "error" {
  try {
    const parts = unzipSync(bytes, { filter: (f) => want(f.name) });
    return new Map(Object.entries(parts).map(([n, d]) => [n, new TextDecoder("utf-8", { fatal: true }).decode(d)]));
  } catch {
    return "error";
  }
}

const TEXT = `<a>${"été, naïve — ✓ ".repeat(5000)}</a>`;
const archive = () =>
  zipSync({ mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }], "content.xml": [strToU8(TEXT), { level: 6 }], "styles.xml": strToU8("<s/>") });

test("stored and deflated parts (non-ASCII text) read as fflate reads them; parts not wanted are absent", () => {
  const bytes = archive();
  const want = (n: string) => n !== "styles.xml";
  const got = readZipText(bytes, "t.ods", want);
  assert.deepEqual(got, fflateText(bytes, want));
  assert.equal(got.get("content.xml"), TEXT);
  assert.equal(got.has("styles.xml"), false);
});

test("a part declaring fewer bytes than its stream inflates to is cut there and refused by its CRC-32; one declaring more is read whole or refused", () => {
  for (const delta of [-1000, -1, 1, 1000]) {
    const bytes = archive().slice();
    const view = new DataView(bytes.buffer);
    const o = centralRecord(bytes, "content.xml");
    view.setUint32(o + 24, view.getUint32(o + 24, true) + delta, true);
    if (delta < 0) {
      // fflate reads it cut at the declared size, without a word
      const whole = strToU8(TEXT);
      assert.deepEqual(unzipSync(bytes)["content.xml"], whole.subarray(0, whole.length + delta));
      assert.throws(() => readZipText(bytes, "t.ods", () => true), (e: unknown) => e instanceof DataError && e.file === "t.ods" && e.part === "the spreadsheet's contents (all its sheets)" && e.column === undefined && /got "CRC-32 [0-9a-f]{8} of its \d+ bytes as inflated", expected the CRC-32 the archive records for the part \([0-9a-f]{8}\): a corrupt or altered archive/.test(e.message), `delta ${delta}`);
      continue;
    }
    let read: Map<string, string> | undefined;
    try {
      read = readZipText(bytes, "t.ods", () => true);
    } catch (e) {
      assert.ok(e instanceof DataError, `delta ${delta}: ${String(e)}`);
    }
    if (read !== undefined) assert.equal(read.get("content.xml"), TEXT, `delta ${delta}`);
  }
});

test("a part whose bytes are not those its recorded CRC-32 was made of is refused naming the file and the part, stored or deflated, read by zlib or fflate", () => {
  const altered = TEXT.replace("a", "b");
  assert.notEqual(altered, TEXT);
  const cases = [
    { name: "stored", zip: zipSync({ "content.xml": [strToU8(altered), { level: 0 }] }) },
    { name: "deflated", zip: zipSync({ "content.xml": strToU8(altered) }) },
    { name: "deflated, fflate (a non-ASCII name)", zip: zipSync({ "caf\u00e9.xml": strToU8("x"), "content.xml": strToU8(altered) }) },
  ];
  for (const { name, zip } of cases) {
    const bytes = zip.slice();
    const view = new DataView(bytes.buffer);
    const o = centralRecord(bytes, "content.xml");
    assert.deepEqual(readZipText(bytes, "t.ods", ["content.xml"]).get("content.xml"), altered, name);
    view.setUint32(o + 16, zlib.crc32(TEXT), true); // the original's CRC, as if the part were edited in place
    assert.throws(() => readZipText(bytes, "t.ods", ["content.xml"]), (e: unknown) => e instanceof DataError && e.file === "t.ods" && e.part === "the spreadsheet's contents (all its sheets)" && e.column === undefined && e.message.includes(`(${zlib.crc32(TEXT).toString(16).padStart(8, "0")})`), name);
    const part = ZipPartInflater.open(bytes, "content.xml");
    if (part !== undefined) assert.equal(streamed(part, 4096), "gave up", `${name}: streamed, it gives up and leaves the error to readZipParts`);
  }
});

test("a corrupt deflate stream is a DataError naming the file", () => {
  const bytes = archive().slice();
  const start = partDataStart(bytes, centralRecord(bytes, "content.xml"));
  bytes.fill(0xff, start, start + 64);
  assert.throws(() => readZipText(bytes, "broken.ods", ["content.xml"]), (e: unknown) => e instanceof DataError && /broken\.ods/.test(e.message));
});

/** The part `name` inflated by a ZipPartInflater through a window of `window` bytes: its bytes, or "gave up" (-1 from read). */
function streamed(part: ZipPartInflater, window: number): Buffer | "gave up" {
  const out = Buffer.alloc(window + 3);
  const pieces: Buffer[] = [];
  while (!part.done) {
    // an offset inside the buffer, as a reader that carries bytes over uses it
    const n = part.read(out, 3, 3 + window);
    if (n < 0) return "gave up";
    pieces.push(Buffer.from(out.subarray(3, 3 + n)));
  }
  return Buffer.concat(pieces);
}

test("ZipPartInflater streams a deflated part: the bytes readZipParts gives, through any window size", () => {
  // this is the path content.xml of every normal .ods takes: it must exist on this Node (lib/zlib.js internals)
  const bytes = archive();
  const whole = readZipParts(bytes, "t.ods", ["content.xml"]).get("content.xml");
  for (const window of [1, 2, 7, 64, 1000, 1 << 20]) {
    const part = ZipPartInflater.open(bytes, "content.xml");
    assert.ok(part !== undefined, "the streaming path is taken for a plain deflated part");
    assert.equal(part.size, whole?.length);
    assert.deepEqual(streamed(part, window), Buffer.from(whole as Uint8Array), `window ${window}`);
    assert.equal(part.read(Buffer.alloc(8), 0, 8), 0, "nothing after the end");
  }
});

test("ZipPartInflater gives up where the zlib path would not give the declared size: readZipParts then reads as before", () => {
  const withSize = (delta: number) => {
    const bytes = archive().slice();
    const o = centralRecord(bytes, "content.xml");
    const view = new DataView(bytes.buffer);
    view.setUint32(o + 24, view.getUint32(o + 24, true) + delta, true);
    return bytes;
  };
  const corrupt = () => {
    const bytes = archive().slice();
    const start = partDataStart(bytes, centralRecord(bytes, "content.xml"));
    bytes.fill(0xff, start + 40, start + 104);
    return bytes;
  };
  const deflated = zlib.deflateRawSync(Buffer.from(TEXT));
  const truncated = buildZip([{ name: "content.xml", deflated: deflated.subarray(0, deflated.length >> 1), crc32: zlib.crc32(TEXT), size: Buffer.byteLength(TEXT) }]);
  const cases: [string, Uint8Array][] = [["declares 1 byte more", withSize(1)], ["declares 1 byte less", withSize(-1)], ["declares 1000 bytes less", withSize(-1000)], ["a corrupt stream", corrupt()], ["a truncated stream", truncated]];
  for (const [what, bytes] of cases) {
    for (const window of [1, 100, 1 << 20]) {
      const part = ZipPartInflater.open(bytes, "content.xml");
      assert.ok(part !== undefined, what);
      assert.equal(streamed(part, window), "gave up", `${what}, window ${window}`);
      assert.equal(part.read(Buffer.alloc(8), 0, 8), -1, "and stays given up");
    }
  }
});

test("ZipPartInflater does not open what the zlib path does not inflate (stored, capped, non-ASCII, twice, not a zip)", () => {
  const stored = zipSync({ "content.xml": [strToU8(TEXT), { level: 0 }] });
  const capped = archive().slice();
  new DataView(capped.buffer).setUint32(centralRecord(capped, "content.xml") + 24, MAX_ZIP_PART_BYTES + 1, true);
  const nonAscii = zipSync({ "content.xml": strToU8(TEXT), "é.xml": strToU8("x") });
  const deflatedPart = (text: string) => ({ name: "content.xml", deflated: zlib.deflateRawSync(text), crc32: zlib.crc32(text), size: Buffer.byteLength(text) });
  const twice = buildZip([deflatedPart("a"), deflatedPart("b")]);
  const cases: [string, Uint8Array][] = [["stored", stored], ["capped", capped], ["a non-ASCII name", nonAscii], ["twice", twice], ["not a zip", Buffer.from("not a zip at all, not even close")], ["absent", zipSync({ "styles.xml": strToU8("<s/>") })]];
  for (const [what, bytes] of cases) assert.equal(ZipPartInflater.open(bytes, "content.xml"), undefined, what);
});

test("ZipPartInflater.read refuses an empty or out-of-bounds output range (which zlib's handle would abort on)", () => {
  const part = ZipPartInflater.open(archive(), "content.xml");
  assert.ok(part !== undefined);
  const out = Buffer.alloc(16);
  for (const [from, to] of [[4, 4], [5, 4], [-1, 8], [0, 17], [0.5, 8]]) assert.throws(() => part.read(out, from, to), RangeError, `[${from}, ${to})`);
  assert.equal(part.read(out, 0, 16), 16, "and reads on after");
  part.close();
});

test("a part whose directory record gives its size as the zip64 marker is refused naming the size its zip64 extra field declares, not the marker", () => {
  const zip64Field = (uncompressed: bigint, compressed: bigint) => {
    const field = new Uint8Array(16);
    new DataView(field.buffer).setBigUint64(0, uncompressed, true);
    new DataView(field.buffer).setBigUint64(8, compressed, true);
    return field;
  };
  const bomb = (field: Uint8Array | undefined) => {
    const text = strToU8("<x/>");
    const bytes = zipSync({ "content.xml": [text, { level: 0, ...(field === undefined ? {} : { extra: { 1: field } }) }] });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const o = centralRecord(bytes, "content.xml");
    view.setUint32(o + 20, 0xffffffff, true);
    view.setUint32(o + 24, 0xffffffff, true); // "see the zip64 extra field", in an archive without a zip64 end record
    return bytes;
  };
  assert.throws(
    () => readZipText(bomb(zip64Field(2684408444n, 4n)), "b.xlsx", ["content.xml"]),
    (e: unknown) => e instanceof DataError && e.file === "b.xlsx" && e.part === "the spreadsheet's contents (all its sheets)" && e.column === undefined && /got "2684408444 bytes \(its zip64 extra field's size\)", expected zip parts of at most 134217728 bytes uncompressed/.test(e.message),
  );
  assert.throws(() => readZipText(bomb(undefined), "b.xlsx", ["content.xml"]), /got "a zip64 size \(0xffffffff\) with no zip64 extra field giving it"/);
  assert.throws(() => readZipText(bomb(zip64Field(4n, 4n)), "b.xlsx", ["content.xml"]), /got "4 bytes \(its zip64 extra field's size\)", expected a zip64 end record in an archive whose directory gives a part's size as 0xffffffff/);
});

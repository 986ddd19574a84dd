/**
 * readZipText inflates with Node's zlib when the archive is plain and with fflate otherwise: either way the
 * parts read are those fflate's unzipSync gives (same names, same text), and an archive fflate rejects is
 * still a DataError.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { strToU8, unzipSync, zipSync } from "fflate";
import { DataError } from "../../../lib/errors";
import { readZipText } from "../../../lib/data/import/spreadsheet/zip";

/** What fflate alone reads from the archive (the reader before zlib), or the error it throws. */
function fflateText(bytes: Uint8Array, want: (n: string) => boolean): Map<string, string> | "error" {
  try {
    const parts = unzipSync(bytes, { filter: (f) => want(f.name) });
    return new Map(Object.entries(parts).map(([n, d]) => [n, new TextDecoder().decode(d)]));
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

/** Offset of the central-directory record of `name`. */
function centralRecord(bytes: Uint8Array, name: string): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let o = bytes.length - 46; o >= 0; o--) {
    if (view.getUint32(o, true) !== 0x02014b50) continue;
    const n = view.getUint16(o + 28, true);
    if (new TextDecoder().decode(bytes.subarray(o + 46, o + 46 + n)) === name) return o;
  }
  throw new Error(`no central record for ${name}`);
}

test("a part declaring fewer or more bytes than its stream inflates to reads as fflate reads it (or fails as it fails)", () => {
  for (const delta of [-1000, -1, 1, 1000]) {
    const bytes = archive().slice();
    const view = new DataView(bytes.buffer);
    const o = centralRecord(bytes, "content.xml");
    view.setUint32(o + 24, view.getUint32(o + 24, true) + delta, true);
    const before = fflateText(bytes, () => true);
    if (before === "error") assert.throws(() => readZipText(bytes, "t.ods", () => true), DataError, `delta ${delta}`);
    else assert.deepEqual(readZipText(bytes, "t.ods", () => true), before, `delta ${delta}`);
  }
});

test("a corrupt deflate stream is a DataError naming the file", () => {
  const bytes = archive().slice();
  const view = new DataView(bytes.buffer);
  const o = centralRecord(bytes, "content.xml");
  const local = view.getUint32(o + 42, true);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  bytes.fill(0xff, start, start + 64);
  assert.throws(() => readZipText(bytes, "broken.ods", ["content.xml"]), (e: unknown) => e instanceof DataError && /broken\.ods/.test(e.message));
});

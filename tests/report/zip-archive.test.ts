import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { unzipSync } from "fflate";
import { InputError } from "../../lib/errors";
import { zipArchive } from "../../lib/report/zip-archive";
import { tempDir } from "../helpers/temp-dirs";

const MTIME = new Date("2000-01-01T00:00:00Z");
const text = (s: string) => new TextEncoder().encode(s);

describe("zipArchive", () => {
  const files = {
    "[Content_Types].xml": text("<Types/>"),
    "xl/worksheets/sheet1.xml": text(`<sheetData>${"<row><c><v>1.5</v></c></row>".repeat(5000)}é</sheetData>`),
    "empty.txt": new Uint8Array(0),
  };

  it("unzips (fflate) to exactly the files given, in order, at every level", () => {
    for (const level of [1, 6, 9]) {
      const back = unzipSync(zipArchive(files, { level, mtime: MTIME }));
      assert.deepEqual(Object.keys(back), Object.keys(files));
      for (const [name, bytes] of Object.entries(files)) assert.deepEqual(back[name], bytes, `${name} at level ${level}`);
    }
  });

  it("is a valid archive for Python's zipfile (CRCs checked) with the fixed date, and the same bytes every time", () => {
    const zip = zipArchive(files, { level: 1, mtime: MTIME });
    assert.deepEqual(zipArchive(files, { level: 1, mtime: MTIME }), zip);
    const file = path.join(tempDir("vsw-zip-"), "t.zip");
    fs.writeFileSync(file, zip);
    const script = "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(z.testzip())\nprint([(i.filename, i.date_time, i.file_size) for i in z.infolist()])";
    let out: string;
    try {
      out = execFileSync("python3", ["-c", script, file], { encoding: "utf8" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return; // no python3 here: the fflate round trip above still holds
      throw e;
    }
    const [bad, entries] = out.trim().split("\n");
    assert.equal(bad, "None", "every CRC matches");
    assert.match(entries, /\('\[Content_Types\]\.xml', \(2000, 1, 1, 0, 0, 0\), 8\)/);
    assert.match(entries, /\('empty\.txt', \(2000, 1, 1, 0, 0, 0\), 0\)/);
  });

  it("refuses names it cannot write plainly and an invalid date", () => {
    assert.throws(() => zipArchive({ "": text("x") }, { level: 1, mtime: MTIME }), InputError);
    assert.throws(() => zipArchive({ "fichier-é.txt": text("x") }, { level: 1, mtime: MTIME }), InputError);
    assert.throws(() => zipArchive({ "a.txt": text("x") }, { level: 1, mtime: new Date("nope") }), InputError);
  });
});

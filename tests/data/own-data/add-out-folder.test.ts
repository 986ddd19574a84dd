/**
 * `add --out FOLDER` replaces FOLDER by the new package: a folder that holds anything but a package (or a copy of the
 * same package) is refused, nothing removed. A hostile-input review found a thesis and a sub-folder deleted.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataErrors } from "../../../lib/errors";
import { validatePackage } from "../../../lib/data/package";
import { addOwnData } from "../../../lib/data/own-data/add";
import { tempFile, writeFixturePackage } from "./fixture";
import { tempDir } from "../../helpers/temp-dirs";

const META = { unit: "percent", polarity: "up", domain: "workforce" } as const;
const csv = () => tempFile("reviews.csv", "la_code,period,reviews_pct\nE06000023,2019,45\nE08000038,2019,50\n");

test("--out at a folder holding other files is refused and every file stays as it was", () => {
  const pkg = writeFixturePackage();
  const out = tempDir("vsw-add-out-");
  fs.writeFileSync(path.join(out, "my-thesis.docx"), "chapter 1");
  fs.mkdirSync(path.join(out, "sub"));
  fs.writeFileSync(path.join(out, "sub", "data.txt"), "keep me");
  assert.throws(() => addOwnData(pkg, csv(), { metadata: META, out }), (e: unknown) =>
    e instanceof DataErrors && /my-thesis\.docx, sub/.test(e.message) && /not a package's/.test(e.message));
  assert.deepEqual(fs.readdirSync(out).sort(), ["my-thesis.docx", "sub"]);
  assert.equal(fs.readFileSync(path.join(out, "sub", "data.txt"), "utf8"), "keep me");
  assert.deepEqual(fs.readdirSync(path.dirname(out)).filter((f) => f.startsWith(`${path.basename(out)}.`)), [], "no temporary folder left beside it");
});

test("--out at an empty folder, or again at the copy it made, writes the package", () => {
  const pkg = writeFixturePackage();
  const out = tempDir("vsw-add-out-");
  addOwnData(pkg, csv(), { metadata: META, out });
  assert.equal(validatePackage(out).errors.length, 0);
  assert.ok(fs.existsSync(path.join(out, "README.md")), "the package's own other files are carried");
  // the same add again into its own copy: the copy is a package holding the source's files only
  addOwnData(pkg, csv(), { metadata: META, out, replace: true });
  assert.equal(validatePackage(out).errors.length, 0);
});

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

/** The names and bytes of every file under `dir`, for "nothing changed". */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort().map((f) => {
    const p = path.join(dir, f);
    return [f, fs.statSync(p).isDirectory() ? "/" : fs.readFileSync(p, "utf8")];
  }));
}

test("--out inside the input package, or at a folder holding it, is refused and the input stays as it was (a review's pkgA/sub/sub/sub)", () => {
  const pkg = writeFixturePackage();
  const before = snapshot(pkg);
  for (const out of [path.join(pkg, "sub"), path.join(pkg, "sub", "deeper"), path.dirname(pkg)]) {
    assert.throws(() => addOwnData(pkg, csv(), { metadata: META, out }), (e: unknown) =>
      e instanceof DataErrors && e.message.includes(`${out}: got "${out}"`) && /expected a folder (outside the package|that does not hold the package)/.test(e.message), out);
    assert.deepEqual(snapshot(pkg), before, out);
  }
});

test("--out at another package is refused naming what differs: a user's README.md, another package's resources, indicators an earlier add put there", () => {
  const pkg = writeFixturePackage();
  // another package with the user's own README.md (a review found it overwritten)
  const other = writeFixturePackage();
  fs.writeFileSync(path.join(other, "README.md"), "my own notes\n");
  const before = snapshot(other);
  assert.throws(() => addOwnData(pkg, csv(), { metadata: META, out: other }), (e: unknown) =>
    e instanceof DataErrors && e.message.includes(`${other}: got "README.md"`) && /a copy of the input package/.test(e.message));
  assert.deepEqual(snapshot(other), before);
  // a package whose areas differ is another package, whatever its other files
  const areas = writeFixturePackage();
  const descriptor = JSON.parse(fs.readFileSync(path.join(areas, "datapackage.json"), "utf8"));
  descriptor.resources.find((r: { name: string }) => r.name === "areas").hash = "sha256:0000";
  fs.writeFileSync(path.join(areas, "datapackage.json"), JSON.stringify(descriptor));
  assert.throws(() => addOwnData(pkg, csv(), { metadata: META, out: areas }), /got "areas\.csv", expected a new or empty folder, or a copy of the input package/);
  // a copy that an earlier add gave other indicators: they would be dropped
  const copy = tempDir("vsw-add-out-");
  addOwnData(pkg, tempFile("visits.csv", "la_code,period,visits_pct\nE06000023,2019,45\n"), { metadata: META, out: copy });
  assert.throws(() => addOwnData(pkg, csv(), { metadata: META, out: copy }), /got "visits_pct", expected a folder whose indicators the new package keeps/);
  assert.ok(snapshot(copy)["catalogue.csv"].includes("visits_pct"));
});

test("--out that is a link to a folder writes the folder it names, refused as that folder would be; the link stays", () => {
  const pkg = writeFixturePackage();
  const real = tempDir("vsw-add-out-");
  const link = path.join(tempDir("vsw-add-link-"), "out");
  fs.symlinkSync(real, link);
  addOwnData(pkg, csv(), { metadata: META, out: link });
  assert.ok(fs.lstatSync(link).isSymbolicLink());
  assert.equal(validatePackage(real).errors.length, 0);
  // a link to another package is refused as that package is
  const other = writeFixturePackage();
  fs.writeFileSync(path.join(other, "README.md"), "my own notes\n");
  const otherLink = path.join(tempDir("vsw-add-link-"), "other");
  fs.symlinkSync(other, otherLink);
  assert.throws(() => addOwnData(pkg, csv(), { metadata: META, out: otherLink }), /got "README\.md"/);
  assert.ok(fs.lstatSync(otherLink).isSymbolicLink());
  // a package given through a link is written in place, where the link points
  const pkgLink = path.join(tempDir("vsw-add-link-"), "pkg");
  fs.symlinkSync(pkg, pkgLink);
  addOwnData(pkgLink, csv(), { metadata: META });
  assert.ok(fs.lstatSync(pkgLink).isSymbolicLink());
  assert.match(fs.readFileSync(path.join(pkg, "catalogue.csv"), "utf8"), /reviews_pct/);
});

/**
 * A package is never written with a resource file the reader refuses (MAX_RESOURCE_BYTES, 64 MiB): a review's `add`
 * of a 1.93 M-row CSV wrote the whole package, then failed its validation naming the temporary folder
 * (`pkgbig2.tmp-2861-…/indicators.csv`) with no advice. The writer refuses the file as it writes it, naming the
 * package the user asked for, with how many rows fit and what to do. A catalogue definition longer than the cap
 * makes a file over it cheaply (one cell, 64 MiB).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_DATASET } from "../../lib/cli/paths";
import { MAX_RESOURCE_BYTES, packageContent, readPackage, writePackage } from "../../lib/data/package";
import { writePackageAtomically } from "../../lib/data/own-data/write-atomically";
import type { PackageContent } from "../../lib/data/types";
import { DataErrors } from "../../lib/errors";
import { tempDir } from "../helpers/temp-dirs";

/** The embedded package with its first indicator's definition one byte longer than the cap. */
function contentOverTheCap(): PackageContent {
  const content = packageContent(readPackage(DEFAULT_DATASET));
  const catalogue = content.catalogue.map((row, i) => (i === 0 ? { ...row, definition: "x".repeat(MAX_RESOURCE_BYTES + 1) } : row));
  return { ...content, catalogue };
}

test("writePackage refuses a resource over the cap as it writes it, says how many rows fit, and leaves the folder as it was", () => {
  const dir = tempDir("vsw-write-cap-");
  const content = contentOverTheCap();
  assert.throws(() => writePackage(dir, content), (e: DataErrors) => {
    assert.equal(e.errors.length, 1);
    const rows = content.catalogue.length;
    assert.match(
      e.errors[0].message,
      new RegExp(
        `^${path.join(dir, "catalogue.csv").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: got "\\d+ bytes for ${rows} rows", expected a resource file of at most ${MAX_RESOURCE_BYTES} bytes \\(64 MiB, the most a package is read with\\): at their average of \\d+ bytes a row, about \\d+ rows fit; write fewer rows to the package \\(fewer indicators, years or LAs\\), or put some of them in a package of their own; nothing was written$`,
      ),
    );
    return true;
  });
  assert.deepEqual(fs.readdirSync(dir), [], "no file is left, not even a temporary one");
});

test("add's write names the package asked for, not the temporary folder it is written in first", () => {
  const target = path.join(tempDir("vsw-write-cap-"), "pkg");
  assert.throws(
    () => writePackageAtomically(target, contentOverTheCap()),
    (e: DataErrors) => {
      assert.match(e.message, new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} was not written`));
      assert.equal(e.errors[0].file, path.join(target, "catalogue.csv"));
      assert.doesNotMatch(e.message, /\.tmp-/);
      return true;
    },
  );
  assert.deepEqual(fs.readdirSync(path.dirname(target)), [], "neither the package nor its temporary copy is there");
});

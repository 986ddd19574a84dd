import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { importedNeighbourFolder } from "../../lib/cli/commands/profile";
import { sha256 } from "../../lib/data/package";

test("profile finds DfE's neighbour files where the package was imported from, only when they are unchanged", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-neighbour-folder-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, "sn_model_2025_wide.csv");
  fs.writeFileSync(file, "la_code,sn1\n");
  const source = { title: "sn_model_2025_wide.csv", path: path.relative(process.cwd(), file), sha256: sha256(fs.readFileSync(file)) };
  assert.equal(importedNeighbourFolder([{ title: "ks2_la.csv", path: "elsewhere/ks2_la.csv", sha256: "0" }, source]), dir);
  // another file name, other bytes since the import, or a file gone: not that folder
  assert.equal(importedNeighbourFolder([{ ...source, path: path.join(path.dirname(source.path), "other.csv") }]), undefined);
  assert.equal(importedNeighbourFolder([{ ...source, sha256: sha256("other bytes") }]), undefined);
  fs.rmSync(file);
  assert.equal(importedNeighbourFolder([source]), undefined);
});

test("a relative neighbour path is found from the package's parent folder when profile runs elsewhere, still only with the imported bytes", (t) => {
  // import run in <dir>/work as `import downloads --out pkg`: the sources say downloads/…, the package is <dir>/work/pkg
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vsw-neighbour-base-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const downloads = path.join(dir, "work", "downloads");
  fs.mkdirSync(downloads, { recursive: true });
  fs.mkdirSync(path.join(dir, "work", "pkg"));
  const file = path.join(downloads, "sn_model_2025_wide.csv");
  fs.writeFileSync(file, "la_code,sn1\n");
  const source = { title: "sn_model_2025_wide.csv", path: "downloads/sn_model_2025_wide.csv", sha256: sha256(fs.readFileSync(file)) };
  assert.equal(importedNeighbourFolder([source]), undefined, "not from the current folder");
  assert.equal(importedNeighbourFolder([source], path.join(dir, "work", "pkg")), downloads);
  assert.equal(importedNeighbourFolder([{ ...source, sha256: sha256("other bytes") }], path.join(dir, "work", "pkg")), undefined);
});

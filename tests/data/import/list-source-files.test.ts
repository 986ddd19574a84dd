/**
 * listSourceFiles (lib/data/import/import-official.ts) takes plain files and folders from their directory entries'
 * types: the same files, in the same order, and the same links skipped with the same reasons, as asking the file
 * system about every entry (the previous walk, kept here as the reference) — on random trees of files, folders,
 * hidden entries and symbolic links inside, outside, broken and looping.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { listSourceFiles } from "../../../lib/data/import/import-official";

/** The walk before: realpath, lstat and stat of every entry. */
function listByStat(paths: readonly string[], skipped: { file: string; reason: string }[]): string[] {
  const out: string[] = [];
  const inside = (root: string, target: string) => {
    const rel = path.relative(root, target);
    return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
  };
  const walk = (p: string, root: string, ancestors: ReadonlySet<string>) => {
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch (e) {
      skipped.push({ file: p, reason: `unreadable path or broken symbolic link (${(e as NodeJS.ErrnoException).code ?? "error"})` });
      return;
    }
    if (fs.lstatSync(p).isSymbolicLink() && !inside(root, real)) {
      skipped.push({ file: p, reason: "symbolic link pointing outside the source folder (not followed)" });
      return;
    }
    const st = fs.statSync(real);
    if (st.isDirectory()) {
      if (ancestors.has(real)) {
        skipped.push({ file: p, reason: "symbolic link loop (a folder inside itself; not followed)" });
        return;
      }
      const next = new Set(ancestors).add(real);
      for (const e of fs.readdirSync(p).sort()) if (!e.startsWith(".")) walk(path.join(p, e), root, next);
    } else if (st.isFile()) out.push(p);
    else skipped.push({ file: p, reason: "not a regular file" });
  };
  for (const p of paths) {
    const root = fs.realpathSync(p);
    walk(p, fs.statSync(root).isDirectory() ? root : path.dirname(root), new Set());
  }
  return [...new Set(out)];
}

/** An entry to make under the tree: a file, a folder, or a link to another entry (by index), to outside, or to nothing. */
const entry = fc.record({
  parent: fc.nat(),
  name: fc.constantFrom("a", "b", "B", ".h", "z.csv", "é", "10", "9"),
  kind: fc.constantFrom("file", "folder", "folder", "link", "link", "outside", "broken"),
  target: fc.nat(),
});

test("listSourceFiles lists and skips what the walk asking about every entry did (property, random trees with links)", () => {
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 14 }), (entries) => {
      const base = fs.mkdtempSync(path.join(os.tmpdir(), "list-sources-"));
      try {
        const outside = path.join(base, "outside");
        fs.mkdirSync(outside);
        fs.writeFileSync(path.join(outside, "x.csv"), "x");
        const src = path.join(base, "src");
        fs.mkdirSync(src);
        const folders = [src];
        const made = [src];
        for (const e of entries) {
          const at = path.join(folders[e.parent % folders.length], e.name);
          if (fs.existsSync(at) || isLink(at)) continue;
          if (e.kind === "file") fs.writeFileSync(at, "v");
          else if (e.kind === "folder") folders.push(at), fs.mkdirSync(at);
          else if (e.kind === "link") fs.symlinkSync(made[e.target % made.length], at);
          else if (e.kind === "outside") fs.symlinkSync(e.target % 2 === 0 ? outside : path.join(outside, "x.csv"), at);
          else fs.symlinkSync(path.join(base, "nothing"), at);
          made.push(at);
        }
        for (const paths of [[src], [src, path.join(src, "a")].filter((p) => fs.existsSync(p))]) {
          const skipped: { file: string; reason: string }[] = [];
          const expectedSkipped: { file: string; reason: string }[] = [];
          assert.deepEqual(listSourceFiles(paths, skipped), listByStat(paths, expectedSkipped));
          assert.deepEqual(skipped, expectedSkipped);
        }
      } finally {
        fs.rmSync(base, { recursive: true, force: true });
      }
    }),
    { numRuns: 150 },
  );
});

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

test("listSourceFiles lists the official folder as the walk asking about every entry did", () => {
  const official = path.join(__dirname, "..", "..", "..", "..", "shared", "data", "official");
  if (!fs.existsSync(official)) return;
  const skipped: { file: string; reason: string }[] = [];
  assert.deepEqual(listSourceFiles([official], skipped), listByStat([official], []));
  assert.deepEqual(skipped, []);
});

test("a plain folder reached through a link that is one of the folders being walked is skipped as a loop, as before", () => {
  // src/l1 → src/x/y; inside it, l2 → src/x, whose plain folder y is src/x/y again
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "list-sources-"));
  const src = path.join(base, "src");
  fs.mkdirSync(path.join(src, "x", "y"), { recursive: true });
  fs.writeFileSync(path.join(src, "x", "y", "f.csv"), "v");
  fs.symlinkSync(path.join(src, "x", "y"), path.join(src, "l1"));
  fs.symlinkSync(path.join(src, "x"), path.join(src, "x", "y", "l2"));
  const skipped: { file: string; reason: string }[] = [];
  const expectedSkipped: { file: string; reason: string }[] = [];
  assert.deepEqual(listSourceFiles([src], skipped), listByStat([src], expectedSkipped));
  assert.deepEqual(skipped, expectedSkipped);
  assert.ok(skipped.some((s) => s.file === path.join(src, "l1", "l2", "y") && /loop/.test(s.reason)), JSON.stringify(skipped));
  fs.rmSync(base, { recursive: true, force: true });
});

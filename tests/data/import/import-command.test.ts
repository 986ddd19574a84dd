/** `vital-signs import` end to end on a small folder of hand-made official-format files. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { main } from "../../../lib/cli/main";
import { importOfficial } from "../../../lib/data/import/import-official";
import { validatePackage } from "../../../lib/data/package";
import { capture } from "../../helpers/cli";
import { tempDir } from "../../helpers/temp-dirs";

const LOOKUP = [
  "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
  "301,E09000002,Barking and Dagenham,E13000002,Outer London,2013,2025,",
  "805,E06000001,Hartlepool,E12000001,North East,2013,2025,",
].join("\n");
const HEAD = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category";
const C1 = [
  `${HEAD},referral_count,rereferral_count,rereferral_percent`,
  "2025,Reporting year,National,E92000001,England,,,,,,R,632830,142900,22.6",
  "2025,Reporting year,Local authority,E92000001,England,E12000001,North East,805,E06000001,Hartlepool,R,2020,536,26.5",
  "2025,Reporting year,Local authority,E92000001,England,E13000002,Outer London,301,E09000002,Barking and Dagenham,R,3000,c,c",
].join("\n");

function sources(c1 = C1): string {
  const dir = tempDir("vsw-src-");
  fs.mkdirSync(path.join(dir, "derived"));
  fs.writeFileSync(path.join(dir, "derived", "la_lookup_dfe_ons_codes.csv"), LOOKUP);
  fs.writeFileSync(path.join(dir, "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"), `\uFEFF${c1}`);
  fs.writeFileSync(path.join(dir, "notes.txt"), "not data");
  return dir;
}

test("import writes a package that validates, with import-log.json, and reports the unknown file", async () => {
  const src = sources();
  const out = tempDir("vsw-out-");
  const c = capture();
  const code = await main(["import", src, "--out", out, "--created", "2026-01-01T00:00:00Z"], c.io);
  assert.equal(code, 0, c.err.join(""));
  assert.match(c.out.join(""), /package validates/);
  assert.match(c.err.join(""), /unknown file: .*notes\.txt \(unsupported file type "\.txt"\)/);
  assert.deepEqual(validatePackage(out).errors, []);
  const rows = fs.readFileSync(path.join(out, "indicators.csv"), "utf8").trim().split("\n");
  assert.equal(rows.length, 1 + 2 + 2 + 2, "2 LAs × (count, re-referral %) + referral rate rows without population");
  assert.ok(rows.includes("E06000001,2025,cin_rereferral_pct,26.5,536,2020,"));
  assert.ok(rows.includes("E09000002,2025,cin_rereferral_pct,,,3000,suppressed:c"));
  const dp = JSON.parse(fs.readFileSync(path.join(out, "datapackage.json"), "utf8"));
  const c1 = dp.sources.find((s: { title: string }) => s.title.startsWith("c1_"));
  assert.match(c1.sha256, /^[0-9a-f]{64}$/);
  for (const s of dp.sources as { path: string; sha256: string }[]) assert.equal(s.sha256, createHash("sha256").update(fs.readFileSync(s.path)).digest("hex"), s.path);
  assert.match(c1.mapping, /cin_rereferral_pct ← c1_children_in_need_referrals_and_rereferrals\*\.csv: rereferral_percent/);
  const log = JSON.parse(fs.readFileSync(path.join(out, "import-log.json"), "utf8"));
  assert.ok(log.entries.some((e: { action: string; file: string }) => e.action === "unknown-file" && e.file.endsWith("notes.txt")));
});

test("a non-numeric cell makes import exit 1 with file, row, column and value, writing nothing", async () => {
  const src = sources(C1.replace("2020,536,26.5", "2020,536,about 26"));
  const out = path.join(tempDir("vsw-out-"), "pkg");
  const c = capture();
  const code = await main(["import", src, "--out", out], c.io);
  assert.equal(code, 1);
  assert.match(c.err.join(""), /c1_children_in_need_referrals_and_rereferrals_2013_to_2025\.csv, row 2, column "rereferral_percent": got "about 26"/);
  assert.equal(fs.existsSync(path.join(out, "datapackage.json")), false);
});

/** A CliIO whose stderr is a terminal (as in an interactive shell), recording what is written. */
function terminal() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), isTTY: true }, out, err };
}

test("importOfficial reports each source file to onProgress, with the same result as without", async () => {
  const src = sources();
  const calls: [number, number][] = [];
  const withProgress = await importOfficial([src], { created: "2026-01-01T00:00:00Z", onProgress: (done, total) => calls.push([done, total]) });
  const without = await importOfficial([src], { created: "2026-01-01T00:00:00Z" });
  assert.deepEqual(withProgress, without);
  assert.deepEqual(calls, [[0, 3], [1, 3], [2, 3], [3, 3]]); // lookup, c1 and notes.txt
});

test("import draws a progress bar on a terminal's stderr and nothing when stderr is not a terminal", async () => {
  const tty = terminal();
  assert.equal(await main(["import", sources(), "--out", tempDir("vsw-out-"), "--created", "2026-01-01T00:00:00Z"], tty.io), 0);
  const drawn = tty.err.join("");
  assert.match(drawn, /^\rimport \[-{30}\]   0% 0\/3\r/);
  assert.match(drawn, /\rimport \[#{30}\] 100% 3\/3\n/);
  const piped = capture();
  assert.equal(await main(["import", sources(), "--out", tempDir("vsw-out-"), "--created", "2026-01-01T00:00:00Z"], piped.io), 0);
  assert.doesNotMatch(piped.err.join(""), /\r|import \[/);
  const summary = (lines: string[]) => lines.slice(1).map((l) => l.replace(/vsw-out-\w+/, "vsw-out-…")); // first line: timing
  assert.deepEqual(summary(piped.out), summary(tty.out));
});

test("a failed import ends the bar's line before the error", async () => {
  const tty = terminal();
  const src = sources(C1.replace("2020,536,26.5", "2020,536,about 26"));
  assert.equal(await main(["import", src, "--out", path.join(tempDir("vsw-out-"), "pkg")], tty.io), 1);
  assert.match(tty.err.join(""), /^\rimport \[[#-]+\][^\n]*\n[^\r]*about 26/);
});

test("import without SRC or --out prints usage and exits 2", async () => {
  const c = capture();
  assert.equal(await main(["import", "--out", "/tmp/x"], c.io), 2);
  assert.match(c.err.join(""), /SRC and --out DIR are required/);
});

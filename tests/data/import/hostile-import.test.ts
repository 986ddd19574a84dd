/**
 * Hostile official sources (issue 15): duplicate headers, negative and fractional counts, a workbook
 * renamed .parquet, symbolic links out of the source folder and loops, prototype keys as symbols.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { DataError, DataErrors, InputError } from "../../../lib/errors";
import { buildAreas } from "../../../lib/data/import/areas";
import { detectSource, hasParquetMagic } from "../../../lib/data/import/detect";
import { applyEesMappings, readEesTable } from "../../../lib/data/import/ees";
import { importOfficial, listSourceFiles } from "../../../lib/data/import/import-official";
import { ImportLog } from "../../../lib/data/import/import-log";
import type { EesMapping, SfrMapping } from "../../../lib/data/import/mappings";
import { importSfrCsv } from "../../../lib/data/import/sfr-csv";
import { countProblem, parseDfeCell } from "../../../lib/data/import/symbols";
import { tempDir } from "../../helpers/temp-dirs";

const LOOKUP = [
  "old_la_code,new_la_code,la_name,region_code,region_name,first_year,last_year,note",
  "301,E09000002,Barking and Dagenham,E13000002,Outer London,2013,2025,",
  "314,E09000021,Kingston upon Thames,E13000002,Outer London,2013,2025,",
].join("\n");
const HEAD = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name";
const MAPPING: readonly EesMapping[] = [{ indicator: "cin_rate", file: /^b1\.csv$/, value: { column: "At31_rate" }, numerator: { column: "At31_episodes" }, denominator: { column: "population" } }];

function ees(text: string) {
  const areas = buildAreas(LOOKUP, "lookup.csv");
  const log = new ImportLog();
  return applyEesMappings(readEesTable(text, "b1.csv", areas, log), MAPPING, areas, log);
}

test("EES: At31_episodes twice in the header is a DataError naming both positions", () => {
  const text = `${HEAD},At31_episodes,At31_rate,population,At31_episodes\n2015,Financial year,Local authority,E92000001,England,E13000002,Outer London,301,E09000002,Barking,10,5,20000,99\n`;
  assert.throws(() => ees(text), (e: unknown) => e instanceof DataError && e.file === "b1.csv" && e.column === "At31_episodes" && /columns 11 and 14/.test(e.message));
});

test("EES: a negative or fractional count is reported against the source file, row and column", () => {
  const row = (num: string) => `2015,Financial year,Local authority,E92000001,England,E13000002,Outer London,301,E09000002,Barking,${num},5,20000`;
  for (const [num, re] of [["-3", /a count ≥ 0/], ["2.5", /a whole-number count/]] as const) {
    assert.throws(
      () => ees(`${HEAD},At31_episodes,At31_rate,population\n${row(num)}\n`),
      (e: unknown) => e instanceof DataErrors && e.errors.some((x) => x.file === "b1.csv" && x.row === 1 && x.column === "At31_episodes" && x.value === num && re.test(x.message)),
    );
  }
  assert.equal(countProblem(3396.9, "inpost_fte"), undefined);
  assert.equal(countProblem(-1, "inpost_fte"), "a count ≥ 0");
});

test("SFR: a negative count, a fractional count and a duplicated count column are errors against the source file", () => {
  const mapping: readonly SfrMapping[] = [{ indicator: "x_pct", file: /^2015__T\.csv$/, numerator: ["A"], denominator: ["A", "B"] }];
  const areas = buildAreas(LOOKUP, "lookup.csv");
  const run = (header: string, row: string) => importSfrCsv(`${header}\n${row}\n`, "2015__T.csv", areas, new ImportLog(), mapping);
  const head = "New_geog_code,geog_l,geog_c,geog_n,A,B";
  assert.throws(() => run(head, "E09000002,LA,301,Barking,-4,10"), (e: unknown) => e instanceof DataErrors && e.errors.some((x) => x.row === 1 && x.column === "A" && x.value === "-4"));
  assert.throws(() => run(head, "E09000002,LA,301,Barking,4.5,10"), (e: unknown) => e instanceof DataErrors && e.errors.some((x) => x.column === "A" && /whole-number/.test(x.message)));
  assert.throws(() => run(`${head},A`, "E09000002,LA,301,Barking,4,10,40"), (e: unknown) => e instanceof DataError && /columns 5 and 7/.test(e.message));
  assert.equal(run(head, "E09000002,LA,301,Barking,4,12").indicators[0].value, 25);
});

test("an .ods renamed .parquet is detected by its bytes as not Parquet: unknown under a name of its own, an error under LAIT's", () => {
  const ods = zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet"), "content.xml": strToU8("<x/>") });
  const d = detectSource("lait/data.parquet", ods);
  assert.equal(d.kind, "unknown");
  assert.match(d.reason ?? "", /not a Parquet file/);
  assert.throws(
    () => detectSource("lait/bds_long_0.parquet", ods),
    (e: unknown) => e instanceof DataError && e.file === "lait/bds_long_0.parquet" && /got "not a Parquet file.*", expected the source its name is a file of \(Local Authority Interactive Tool \(LAIT\) data and dictionary \(DfE\)\), readable as one/.test(e.message),
  );
  assert.equal(hasParquetMagic(strToU8("PAR1....data....PAR1")), true);
  assert.equal(hasParquetMagic(strToU8("PAR1")), false);
});

test("import does not follow symbolic links out of the source folder and stops at a loop", () => {
  const root = tempDir("vsw-links-");
  const outside = tempDir("vsw-outside-");
  fs.writeFileSync(path.join(outside, "private.csv"), "a\n1\n");
  fs.mkdirSync(path.join(root, "src"));
  fs.writeFileSync(path.join(root, "src", "data.csv"), "a\n1\n");
  fs.symlinkSync(path.join(outside, "private.csv"), path.join(root, "src", "out-file.csv"));
  fs.symlinkSync(outside, path.join(root, "src", "out-dir"));
  fs.symlinkSync(path.join(root, "src"), path.join(root, "src", "loop"));
  fs.symlinkSync(path.join(root, "src", "data.csv"), path.join(root, "src", "inside.csv"));
  const skipped: { file: string; reason: string }[] = [];
  const files = listSourceFiles([path.join(root, "src")], skipped);
  assert.deepEqual(files.map((f) => path.basename(f)).sort(), ["data.csv", "inside.csv"]);
  assert.deepEqual(skipped.map((s) => [path.basename(s.file), /outside/.test(s.reason) ? "outside" : /loop/.test(s.reason) ? "loop" : s.reason]).sort(), [
    ["loop", "loop"],
    ["out-dir", "outside"],
    ["out-file.csv", "outside"],
  ]);
});

test("a cell reading constructor or __proto__ is not a DfE symbol", () => {
  assert.equal(parseDfeCell("constructor"), undefined);
  assert.equal(parseDfeCell("__proto__"), undefined);
  assert.deepEqual(parseDfeCell("C"), { value: null, status: "suppressed:c" });
});

test("import: an .ods renamed .parquet is an unknown file, a real-looking parquet without its dictionary is not counted as imported, and a Latin-1 CSV names its byte", async () => {
  const { importOfficial } = await import("../../../lib/data/import/import-official");
  const src = tempDir("vsw-src-");
  fs.writeFileSync(path.join(src, "la_lookup_dfe_ons_codes.csv"), LOOKUP);
  fs.writeFileSync(path.join(src, "renamed.parquet"), zipSync({ mimetype: strToU8("application/vnd.oasis.opendocument.spreadsheet") }));
  fs.writeFileSync(path.join(src, "bds_long_0.parquet"), strToU8("PAR1 not really a parquet PAR1"));
  const r = await importOfficial([src], { created: "2026-01-01T00:00:00Z" });
  const kind = (name: string) => r.detected.find((d) => path.basename(d.file) === name)?.kind;
  assert.equal(kind("renamed.parquet"), "unknown");
  assert.equal(kind("bds_long_0.parquet"), "not-imported");
  assert.ok(!r.content.sources?.some((s) => (s.path ?? "").endsWith("renamed.parquet")));
  assert.match(r.content.sources?.find((s) => (s.path ?? "").endsWith("bds_long_0.parquet"))?.mapping ?? "", /not imported: LAIT parquet without its data dictionary/);
  fs.writeFileSync(path.join(src, "la_lookup_dfe_ons_codes.csv"), Buffer.from(LOOKUP.replace("Barking", "B\u00e9rking"), "latin1"));
  await assert.rejects(importOfficial([src], { created: "2026-01-01T00:00:00Z" }), (e: unknown) => e instanceof DataError && /la_lookup_dfe_ons_codes\.csv, row 2: got "byte 0xe9 at offset \d+"/.test(e.message));
});

test("import skips and logs a source file over the size cap without reading it (a sparse 65 MiB file)", async () => {
  const { importOfficial, MAX_SOURCE_FILE_BYTES } = await import("../../../lib/data/import/import-official");
  const src = tempDir("vsw-src-");
  fs.writeFileSync(path.join(src, "la_lookup_dfe_ons_codes.csv"), LOOKUP);
  fs.writeFileSync(path.join(src, "huge.csv"), "note,text\n"); // a header no source has (one a source has is an error: unreadable-sources.test.ts)
  fs.truncateSync(path.join(src, "huge.csv"), MAX_SOURCE_FILE_BYTES + 1);
  const r = await importOfficial([src], { created: "2026-01-01T00:00:00Z" });
  assert.ok(r.log.some((e) => e.file.endsWith("huge.csv") && e.action === "skipped-file" && /larger than 67108864 bytes/.test(e.rule)));
});

test("derived CLA file and population estimates: a negative or fractional count is reported against the source row", async () => {
  const { importDerivedCla } = await import("../../../lib/data/import/sfr-derived");
  const { importPopulation } = await import("../../../lib/data/import/population");
  const areas = buildAreas(LOOKUP, "lookup.csv");
  const derived = [
    "geographic_level,old_la_code,new_la_code,time_period,indicator,value,basis,source",
    "Local authority,301,E09000002,2015,missing_pct,10,published,x",
    "Local authority,301,E09000002,2015,missing_children_count,-5,published,x",
    "Local authority,301,E09000002,2015,cla_during_year_count,50.5,published,x",
  ].join("\n");
  assert.throws(
    () => importDerivedCla(derived, "long.csv", areas, new ImportLog()),
    (e: unknown) => e instanceof DataErrors && e.errors.some((x) => x.row === 2 && /a count ≥ 0/.test(x.message)) && e.errors.some((x) => x.row === 3 && /whole-number/.test(x.message)),
  );
  const pop = `${HEAD},age_group,population_estimate\n2015,Calendar year,Local authority,E92000001,England,E13000002,Outer London,301,E09000002,Barking,Children aged 0 to 17 years,-40\n`;
  assert.throws(() => importPopulation(pop, "pop.csv", areas, new ImportLog()), (e: unknown) => e instanceof DataErrors && e.errors.some((x) => x.row === 1 && x.column === "population_estimate" && /population count ≥ 0/.test(x.message)));
});

test("import: the same LA, period and indicator from two files is a DataError naming both files (and no other row is flagged)", async () => {
  const { importOfficial } = await import("../../../lib/data/import/import-official");
  const src = tempDir("vsw-src-");
  fs.writeFileSync(path.join(src, "la_lookup_dfe_ons_codes.csv"), LOOKUP);
  const header = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,referral_count,rereferral_count,rereferral_percent";
  const row = (year: number) => `${year},Reporting year,Local authority,E92000001,England,E13000002,Outer London,301,E09000002,Barking and Dagenham,Referrals and Re-referrals,1000,200,20.0`;
  fs.writeFileSync(path.join(src, "c1_children_in_need_referrals_and_rereferrals_a.csv"), [header, row(2015), row(2016)].join("\n"));
  fs.writeFileSync(path.join(src, "c1_children_in_need_referrals_and_rereferrals_b.csv"), [header, row(2016), row(2017)].join("\n"));
  await assert.rejects(importOfficial([src], { created: "2026-01-01T00:00:00Z" }), (e: unknown) => {
    assert.ok(e instanceof DataErrors, String(e));
    const dup = e.errors.filter((x) => /one source per LA, period and indicator/.test(x.message));
    assert.ok(dup.length > 0, e.message);
    for (const x of dup) {
      assert.match(x.message, /_b\.csv/);
      assert.match(x.message, /also in .*_a\.csv/);
      assert.match(x.message, /E09000002, 2016,/);
    }
    return true;
  });
});

test("a PNG saved as ks4_la.csv is an error naming the publication, a CSV of no source's header under a name of its own is unknown", () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  assert.throws(() => detectSource("ees/ks4_la.csv", png), (e: unknown) => e instanceof DataError && e.file === "ees/ks4_la.csv" && /got "CSV header not recognised \(.*PNG…\)", expected the source its name is a file of \(Outcomes for children in need/.test(e.message));
  assert.equal(detectSource("ees/data.csv", png).kind, "unknown");
  assert.equal(detectSource("ees/data.csv", strToU8("note,text\n1,2\n")).kind, "unknown");
});

test("import: a lookup cut short (fewer than 150 current LAs) while the sources name LAs it lacks is an error naming the lookup and the counts", async () => {
  const { importOfficial } = await import("../../../lib/data/import/import-official");
  const src = tempDir("vsw-src-");
  fs.writeFileSync(path.join(src, "la_lookup_dfe_ons_codes.csv"), LOOKUP);
  const moves = (number: string, code: string, name: string) =>
    ["Total children,276,100", "With one or more mid-year moves during the year,30,11"].map((rest) => `2024,Reporting year,Local authority,E92000001,England,E13000002,Outer London,${number},${name},${code},CLA on 31 March,Mid-year moves,${rest}`);
  const file = (las: string[][]) =>
    ["time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,cla_group,move_measure,school_stability,number,percentage", ...las.flatMap(([n, c, name]) => moves(n, c, name))].join("\n");
  // the sources name only the lookup's LAs: a subset on purpose, imported
  fs.writeFileSync(path.join(src, "la_cla_school_moves.csv"), file([["301", "E09000002", "Barking and Dagenham"], ["314", "E09000021", "Kingston upon Thames"]]));
  const r = await importOfficial([src], { created: "2026-01-01T00:00:00Z" });
  assert.equal(r.content.areas.length, 2);
  // they name an LA the lookup lacks: refused, not imported with a warning
  fs.writeFileSync(path.join(src, "la_cla_school_moves.csv"), file([["301", "E09000002", "Barking and Dagenham"], ["302", "E09000003", "Barnet"]]));
  await assert.rejects(importOfficial([src], { created: "2026-01-01T00:00:00Z" }), (e: unknown) =>
    e instanceof DataErrors && e.errors.length === 1 && e.errors[0].file === path.join(src, "la_lookup_dfe_ons_codes.csv") && e.errors[0].value === "2 current LAs" &&
    /expected a lookup of England's LAs \(at least 150 current LAs\): the sources name 2 rows of LAs not in it \(e\.g\. 302 \/ E09000003 in .*la_cla_school_moves\.csv\)/.test(e.errors[0].message),
  );
});

test("importOfficial given a folder as a string, not a list, refuses (it had walked '/' and the whole disk, a character at a time)", async () => {
  await assert.rejects(importOfficial("/nonexistent-folder" as unknown as string[]), (e: unknown) => e instanceof InputError && /importOfficial: paths must be a list of files and folders \(\["\/nonexistent-folder"\]\), not string/.test(e.message));
});

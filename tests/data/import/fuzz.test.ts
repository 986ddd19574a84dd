/**
 * Fuzzing the importers: thousands of seeded mutations of small samples of the real files (dropped and
 * duplicated columns, random symbols, truncated rows, BOMs, garbage bytes, truncated zips). The only
 * acceptable failures are DataError / DataErrors; any other exception (TypeError, RangeError, …) is a bug.
 * Samples come from ../shared/data/official (skipped or failing per tests/helpers/official.ts).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { strToU8, zipSync } from "fflate";
import { DataError, DataErrors } from "../../../lib/errors";
import { buildAreas, type AreaIndex } from "../../../lib/data/import/areas";
import { applyEesMappings, readEesTable } from "../../../lib/data/import/ees";
import { ImportLog } from "../../../lib/data/import/import-log";
import { importIod } from "../../../lib/data/import/iod-xlsx";
import { EES_MAPPINGS } from "../../../lib/data/import/mappings";
import { importOfstedOds } from "../../../lib/data/import/ofsted-ods";
import { importPopulation } from "../../../lib/data/import/population";
import { importDerivedCla } from "../../../lib/data/import/sfr-derived";
import { readOdsSheets } from "../../../lib/data/import/spreadsheet/ods";
import { officialFile, officialTest } from "../../helpers/official";

/** Seed of the mutation generator (any fixed value; failures print the case number to replay). */
const FUZZ_SEED = 20260101;
/** Cases per input kind. */
const CSV_CASES = 1500;
const ZIP_CASES = 300;

/** mulberry32: a small seeded PRNG (public domain). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYMBOLS = ["c", "x", "z", "low", "k", "u", ":", "", "n/a", "-", "1e5", "NaN", "12%", '"', "9999999999999999999999", "-3", " ", "é"];

function mutateCsv(text: string, rnd: () => number): string {
  const lines = text.split("\n");
  const pick = (n: number) => Math.floor(rnd() * n);
  const k = 1 + pick(3);
  for (let m = 0; m < k; m++) {
    const i = pick(lines.length);
    const cells = lines[i].split(",");
    switch (pick(9)) {
      case 0: // drop a column everywhere
      case 1: {
        const c = pick(cells.length);
        for (let j = 0; j < lines.length; j++) lines[j] = lines[j].split(",").filter((_, q) => q !== c).join(",");
        break;
      }
      case 2: {
        const c = pick(cells.length);
        for (let j = 0; j < lines.length; j++) {
          const cs = lines[j].split(",");
          cs.splice(c, 0, cs[c] ?? "");
          lines[j] = cs.join(",");
        }
        break;
      }
      case 3:
        cells[pick(cells.length)] = SYMBOLS[pick(SYMBOLS.length)];
        lines[i] = cells.join(",");
        break;
      case 4:
        lines[i] = lines[i].slice(0, pick(lines[i].length + 1));
        break;
      case 5:
        lines.splice(i, 0, lines[i]);
        break;
      case 6:
        lines[0] = `\uFEFF${lines[0]}`;
        break;
      case 7: {
        const s = lines[i];
        const p = pick(s.length + 1);
        lines[i] = s.slice(0, p) + String.fromCharCode(pick(256)) + s.slice(p);
        break;
      }
      default:
        lines.splice(i, 1);
    }
  }
  return lines.join("\n");
}

function mutateBytes(bytes: Uint8Array, rnd: () => number): Uint8Array {
  const out = bytes.slice();
  const pick = (n: number) => Math.floor(rnd() * n);
  switch (pick(3)) {
    case 0:
      return out.subarray(0, pick(out.length));
    case 1:
      for (let k = 0; k < 1 + pick(8); k++) out[pick(out.length)] = pick(256);
      return out;
    default:
      return out.subarray(pick(64));
  }
}

function expectTyped(label: string, f: () => unknown): "ok" | "error" {
  try {
    f();
    return "ok";
  } catch (e) {
    if (e instanceof DataError || e instanceof DataErrors) return "error";
    assert.fail(`${label}: threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`);
  }
}

function head(file: string, lines: number): string {
  return fs.readFileSync(file, "utf8").split("\n").slice(0, lines).join("\n");
}

let areas: AreaIndex | undefined;
const getAreas = () => (areas ??= buildAreas(fs.readFileSync(officialFile("derived", "la_lookup_dfe_ons_codes.csv"), "utf8"), "lookup.csv"));

officialTest("mutated EES, derived and population CSVs give results or typed errors, never crashes", () => {
  const samples: { name: string; text: string; run: (file: string, text: string) => unknown }[] = [
    { name: "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", text: head(officialFile("ees", "cin", "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"), 40), run: ees },
    { name: "la_conviction_health_outcome_cla.csv", text: head(officialFile("ees", "cla", "la_conviction_health_outcome_cla.csv"), 60), run: ees },
    { name: "csww_indicators_2017_to_2025.csv", text: head(officialFile("ees", "csww", "csww_indicators_2017_to_2025.csv"), 40), run: ees },
    { name: "cla_indicators_la_2011_2016_long.csv", text: head(officialFile("derived", "cla_indicators_la_2011_2016_long.csv"), 60), run: (f, t) => importDerivedCla(t, f, getAreas(), new ImportLog()) },
    { name: "ons_mid-year_population_estimates_2012_to_2024.csv", text: head(officialFile("ees", "population", "ons_mid-year_population_estimates_2012_to_2024.csv"), 40), run: (f, t) => importPopulation(t, f, getAreas(), new ImportLog()) },
  ];
  function ees(file: string, text: string) {
    const log = new ImportLog();
    return applyEesMappings(readEesTable(text, file, getAreas(), log), EES_MAPPINGS, getAreas(), log);
  }
  const rnd = prng(FUZZ_SEED);
  const outcomes = { ok: 0, error: 0 };
  for (const s of samples) {
    assert.equal(expectTyped(`${s.name} unmutated`, () => s.run(s.name, s.text)), "ok", `${s.name} sample imports cleanly`);
    for (let i = 0; i < CSV_CASES; i++) outcomes[expectTyped(`${s.name} case ${i}`, () => s.run(s.name, mutateCsv(s.text, rnd)))]++;
  }
  assert.equal(outcomes.ok + outcomes.error, samples.length * CSV_CASES);
  assert.ok(outcomes.error > 0 && outcomes.ok > 0, `both outcomes occur (${JSON.stringify(outcomes)})`);
  if (process.env.VSW_FUZZ_VERBOSE) console.log("csv fuzz", outcomes);
});

officialTest("mutated Ofsted ODS and IoD XLSX samples give results or typed errors, never crashes", () => {
  // a small ODS rebuilt from the first rows of the real ILACS history sheet
  const real = readOdsSheets(fs.readFileSync(officialFile("ofsted", "LA_Inspection_Outcomes_as_at_31_March_2025.ods")), "ofsted.ods", ["ILACS_inspection_history"])[0];
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const cell = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? `<table:table-cell office:value-type="date" office:date-value="${v}"><text:p>${v}</text:p></table:table-cell>` : `<table:table-cell office:value-type="string"><text:p>${esc(v)}</text:p></table:table-cell>`);
  const rowsXml = real.rows.slice(0, 14).map((r) => `<table:table-row>${r.map(cell).join("")}</table:table-row>`).join("");
  const contentXml = `<?xml version="1.0"?><office:document-content><office:body><office:spreadsheet><table:table table:name="ILACS_inspection_history">${rowsXml}</table:table></office:spreadsheet></office:body></office:document-content>`;
  const odsBytes = zipSync({ "content.xml": strToU8(contentXml) });
  const iodBytes = fs.readFileSync(officialFile("iod2019", "File_11_IoD2019_UTLA.xlsx"));
  const rnd = prng(FUZZ_SEED + 1);
  const ofsted = (b: Uint8Array) => importOfstedOds(b, "ofsted.ods", getAreas(), new ImportLog());
  assert.equal(expectTyped("ods unmutated", () => ofsted(odsBytes)), "ok");
  const outcomes = { ok: 0, error: 0 };
  for (let i = 0; i < ZIP_CASES; i++) {
    outcomes[expectTyped(`ods bytes case ${i}`, () => ofsted(mutateBytes(odsBytes, rnd)))]++;
    const xml = mutateCsv(contentXml.replace(/></g, ">\n<"), rnd).replace(/>\n</g, "><");
    outcomes[expectTyped(`ods xml case ${i}`, () => ofsted(zipSync({ "content.xml": strToU8(xml) })))]++;
  }
  for (let i = 0; i < ZIP_CASES / 3; i++) {
    outcomes[expectTyped(`xlsx case ${i}`, () => importIod(mutateBytes(iodBytes, rnd), "iod.xlsx", getAreas(), new ImportLog()))]++;
  }
  assert.ok(outcomes.error > 0, JSON.stringify(outcomes));
  if (process.env.VSW_FUZZ_VERBOSE) console.log("zip fuzz", outcomes);
});

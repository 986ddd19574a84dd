/**
 * Property-based fuzzing of the pilot readers: instrument definitions (instruments.json) and record CSVs
 * (pseudonymisation, then the byte-level tally). Hostile JSON and CSV give a result or DataErrors /
 * InputError within the bounds; a raw respondent id never survives pseudonymisation.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { parseInstruments } from "../../lib/pilot/instruments";
import { pseudonymiseRecordsCsv } from "../../lib/pilot/pseudonymise";
import { tallyPilotRecords } from "../../lib/pilot/tally-records";
import { expectClearOutcome, fuzzParams, hostileCell, hostileCsv, seedNote } from "./fuzz-settings";

const DATASET = path.resolve(__dirname, "..", "..", "datasets", "pilot-records-synthetic");
const instrumentsText = fs.readFileSync(path.join(DATASET, "instruments.json"), "utf8");
const instruments = parseInstruments(instrumentsText, "instruments.json");
const recordsText = fs.readFileSync(path.join(DATASET, "records-case_audit.csv"), "utf8").split("\n").slice(0, 40).join("\n") + "\n";
const areaCodes = fs.readFileSync(path.join(DATASET, "areas.csv"), "utf8").split("\n").slice(1).filter((l) => l !== "").map((l) => l.split(",")[0]);
const KEY = Buffer.alloc(32, 7);
const RECORD_HEADER = ["respondent_id", "la_code", "period", "instrument", "item", "response"];

/**
 * Odd values for any field. Prototype keys ("constructor", "toString") as a scale name are left out here:
 * that lookup is fixed, with its regression test, on the branch that owns instruments.json (issue 15).
 */
const JSON_VALUES: unknown[] = [null, true, 0, -1, 1e308, "", "likert5", "yesno", "x".repeat(300), [], {}, ["4", "5"], [null], [1, 2]];

/** Paths of instruments.json worth changing: every object field reached in the real file. */
function fieldPaths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      const p = [...at, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      fieldPaths(x, p, out);
    }
  }
  return out;
}
const PATHS = fieldPaths(JSON.parse(instrumentsText));

test("instruments.json: hostile definitions give an instrument set or DataErrors", (t) => {
  t.diagnostic(seedNote());
  const edit = fc.record({ p: fc.constantFrom(...PATHS), value: fc.oneof(fc.constantFrom(...JSON_VALUES), fc.jsonValue({ maxDepth: 2 })), op: fc.constantFrom("set", "delete", "duplicate") });
  const text = fc.oneof(
    { weight: 4, arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
      const root = JSON.parse(instrumentsText);
      for (const e of edits) {
        let parent: Record<string | number, unknown> = root;
        for (const k of e.p.slice(0, -1)) parent = (parent?.[k] ?? {}) as Record<string | number, unknown>;
        const last = e.p[e.p.length - 1];
        if (parent === null || typeof parent !== "object") continue;
        if (e.op === "delete") delete parent[last];
        else if (e.op === "duplicate" && Array.isArray(parent)) parent.push(structuredClone(parent[last as number]));
        else parent[last] = e.value;
      }
      return JSON.stringify(root);
    }) },
    { weight: 1, arbitrary: fc.nat().map((n) => instrumentsText.slice(0, n % instrumentsText.length)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "") },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  );
  fc.assert(
    fc.property(text, (s) => void expectClearOutcome("parseInstruments", () => parseInstruments(s, "instruments.json"))),
    fuzzParams(300),
  );
});

test("record CSVs: hostile files are pseudonymised and tallied, or give DataErrors; raw ids never survive", (t) => {
  t.diagnostic(seedNote());
  const structured = fc
    .array(fc.record({ id: fc.oneof(fc.constantFrom("RAW-ID-0001", "RAW-ID-0002"), hostileCell), la: fc.oneof(fc.constantFrom(...areaCodes.slice(0, 3)), hostileCell), period: fc.oneof(fc.constantFrom("2023"), hostileCell), item: fc.oneof(fc.constantFrom("plan_quality", "voice_of_child"), hostileCell), response: hostileCell }), { maxLength: 15 })
    .map((rows) => [RECORD_HEADER.join(","), ...rows.map((r) => [r.id, r.la, r.period, "case_audit", r.item, r.response].map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))].join("\n") + "\n");
  const mutated = fc.nat().chain((n) => fc.constant(recordsText.slice(0, n % recordsText.length)));
  fc.assert(
    fc.property(fc.oneof(structured, hostileCsv(RECORD_HEADER, ["respondent_id", "child_name"]), mutated), (text) => {
      const pseudo = expectClearOutcome("pseudonymiseRecordsCsv", () => pseudonymiseRecordsCsv(text, "records.csv", KEY));
      if (pseudo === undefined) return;
      for (const raw of ["RAW-ID-0001", "RAW-ID-0002"]) assert.ok(!pseudo.csv.includes(raw), "a raw respondent id survived pseudonymisation");
      expectClearOutcome("tallyPilotRecords", () => tallyPilotRecords([{ file: "records.csv", bytes: Buffer.from(pseudo.csv) }], instruments, areaCodes));
    }),
    fuzzParams(300),
  );
});

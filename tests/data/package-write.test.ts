/**
 * writePackage's cell type check (fast paths: a required number field in a loop of its own, a text field coded
 * as its rows were read taken as well typed) against the rule cell by cell: a package is refused with a type
 * error for exactly the cells the reader would not type, in indicators.csv and in context.csv.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { DataErrors } from "../../lib/errors";
import { writePackage, writePackageWithIndicatorColumns } from "../../lib/data/package-write";
import { indicatorRowColumns } from "../../lib/data/indicator-row-columns";
import { expectedType, isValidDate } from "../../lib/data/package-cells";
import { SCHEMAS } from "../../lib/data/schema";
import type { FieldDescriptor, PackageContent } from "../../lib/data/types";
import { tempDir } from "../helpers/temp-dirs";

const FIXED_SEED = 20261205;

/** The rule, cell by cell: what the reader types (an optional field may be absent). */
function wellTyped(f: FieldDescriptor, v: unknown): boolean {
  if (v === undefined) return f.optional === true;
  if (f.type === "string") return typeof v === "string";
  if (f.type === "date") return typeof v === "string" && (v === "" || isValidDate(v));
  if (v === null) return true;
  return typeof v === "number" && Number.isFinite(v) && (f.type !== "integer" || Number.isInteger(v));
}

const oddCell = fc.constantFrom<unknown>(undefined, null, "", "x", 2.5, Number.NaN, Number.POSITIVE_INFINITY, true, 7);

test("writePackage reports a type error for exactly the cells the reader would not type, whatever the cell", () => {
  const dir = tempDir("vsw-write-types-");
  const base = { la_code: "E06900001", period: 2018, indicator: "a", value: 1, numerator: null, denominator: null, status: "" };
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), oddCell, fc.integer({ min: 0, max: 3 }), oddCell), { minLength: 1, maxLength: 12 }),
      (edits) => {
        const indicators: Record<string, unknown>[] = Array.from({ length: 6 }, (_, i) => ({ ...base, period: 2000 + i }));
        const context: Record<string, unknown>[] = Array.from({ length: 4 }, (_, i) => ({ la_code: "E06900001", period: 2000 + i, variable: "v", value: 1 }));
        for (const [k, v, j, w] of edits) {
          indicators[k % 6][SCHEMAS.indicators[k % 7].name] = v;
          context[j][SCHEMAS.context[(k + j) % 4].name] = w;
        }
        const content = {
          name: "t", title: "t", created: "2026-01-01T00:00:00Z",
          areas: [{ la_code: "E06900001", la_name: "A", region_code: "E12000001", region_name: "R", old_la_code: "", first_period: null, last_period: null }],
          catalogue: [{ indicator: "a", label: "A", domain: "d", polarity: "up", unit: "number", numerator: "", denominator: "", source: "s", definition: "d" }],
          indicators, context, outcomes: [],
        } as unknown as PackageContent;
        const expected: string[] = [];
        for (const [name, rows] of [["indicators", indicators], ["context", context]] as const) {
          rows.forEach((r, i) => {
            for (const f of SCHEMAS[name]) if (!wellTyped(f, r[f.name])) expected.push(`${name}.csv ${i + 1} ${f.name}`);
          });
        }
        let got: string[] = [];
        try {
          writePackage(dir, content);
        } catch (e) {
          if (!(e instanceof DataErrors)) throw e;
          const typeErrors = new Set(["indicators", "context"].flatMap((n) => SCHEMAS[n as "indicators"].map((f) => expectedType(f))));
          got = e.errors.filter((x) => typeErrors.has(x.expected as string)).map((x) => `${x.file} ${x.row} ${x.column}`);
        }
        assert.deepEqual(got, expected);
      },
    ),
    { seed: FIXED_SEED, numRuns: 300 },
  );
});

test("writePackageWithIndicatorColumns given the indicators' columns writes writePackage's bytes; writePackage itself takes no columns, so stale ones cannot be written", () => {
  const dirs = [0, 1, 2].map(() => tempDir("vsw-write-cols-"));
  const indicators = Array.from({ length: 40 }, (_, i) => ({ la_code: i % 3 === 0 ? "E06900002" : "E06900001", period: 2000 + i, indicator: i % 2 ? "a" : "b", value: i % 5 === 0 ? null : i / 8, numerator: null, denominator: null, status: i % 5 === 0 ? "suppressed" : "" }));
  const content = {
    name: "t", title: "t", created: "2026-01-01T00:00:00Z",
    areas: ["E06900001", "E06900002"].map((la_code) => ({ la_code, la_name: "A", region_code: "E12000001", region_name: "R", old_la_code: "", first_period: null, last_period: null })),
    catalogue: ["a", "b"].map((indicator) => ({ indicator, label: "A", domain: "child-safe", polarity: "up", unit: "ratio", numerator: "", denominator: "", source: "s", definition: "d" })),
    indicators, context: [], outcomes: [],
  } as unknown as PackageContent;
  writePackage(dirs[0], content);
  writePackageWithIndicatorColumns(dirs[1], content, {}, indicatorRowColumns(indicators));
  for (const f of fs.readdirSync(dirs[0])) assert.ok(fs.readFileSync(path.join(dirs[1], f)).equals(fs.readFileSync(path.join(dirs[0], f))), f);
  // a caller passing columns made before it changed the rows: the public writer writes the rows as they are now
  const stale = indicatorRowColumns(indicators);
  indicators[1].value = 12345.5;
  writePackage(dirs[2], content, { indicatorColumns: stale } as never);
  assert.match(fs.readFileSync(path.join(dirs[2], "indicators.csv"), "utf8"), /,12345\.5,/);
  indicators[2].la_code = "E99999999";
  assert.throws(() => writePackage(dirs[2], content, { indicatorColumns: stale } as never), /E99999999/);
});

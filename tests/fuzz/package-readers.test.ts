/**
 * Property-based fuzzing of the package readers (datapackage.json and the resource CSVs): hostile CSV text
 * in each resource, hostile descriptors. validatePackage never throws; readPackage gives a package whose
 * numbers are all finite, or DataErrors; never another exception, never over the time/memory bound.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { readPackage, validatePackage, writePackage } from "../../lib/data/package";
import { fieldNames } from "../../lib/data/schema";
import { RESOURCE_NAMES, type PackageContent, type ResourceName } from "../../lib/data/types";
import { expectClearOutcome, fuzzParams, hostileCell, hostileCsv, seedNote } from "./fuzz-settings";
import { tempDir } from "../helpers/temp-dirs";

function fixture(): PackageContent {
  return {
    name: "tiny",
    title: "Tiny",
    created: "2026-01-01T00:00:00Z",
    areas: [
      { la_code: "E06900001", la_name: "Northbridge", region_code: "E12000001", region_name: "North East", old_la_code: "901", first_period: null, last_period: null },
      { la_code: "E06900002", la_name: "Southvale", region_code: "E12000001", region_name: "North East", old_la_code: "902", first_period: null, last_period: null },
    ],
    catalogue: [{ indicator: "rereferral_pct", label: "Re-referrals", domain: "child-safe", polarity: "down", unit: "percent", numerator: "re-referrals", denominator: "referrals", source: "synthetic", definition: "share" }],
    indicators: [
      { la_code: "E06900001", period: 2018, indicator: "rereferral_pct", value: 21.5, numerator: 43, denominator: 200, status: "" },
      { la_code: "E06900002", period: 2018, indicator: "rereferral_pct", value: null, numerator: null, denominator: 200, status: "suppressed:c" },
    ],
    context: [{ la_code: "E06900001", period: 2018, variable: "idaci_score", value: 0.21 }],
    outcomes: [{ la_code: "E06900001", outcome: "ofsted_overall", value: 2, label: "Good", date: "2018-06-01", period: 2019 }],
    benchmarks: [{ geography: "england", code: "E92000001", period: 2018, indicator: "rereferral_pct", value: 20, numerator: 2000, denominator: 10000, status: "" }],
  };
}

const base = tempDir("vsw-fuzz-pkg-base-");
writePackage(base, fixture());
const baseDescriptor = fs.readFileSync(path.join(base, "datapackage.json"), "utf8");
const work = tempDir("vsw-fuzz-pkg-");

/** Reset the work package to the base, let `plant` change it, optionally re-record the hashes. */
function prepare(plant: (dir: string) => void, rehash: boolean): string {
  for (const f of fs.readdirSync(work)) fs.rmSync(path.join(work, f), { recursive: true, force: true });
  for (const f of fs.readdirSync(base)) fs.copyFileSync(path.join(base, f), path.join(work, f));
  plant(work);
  if (rehash) {
    const dpFile = path.join(work, "datapackage.json");
    try {
      const dp = JSON.parse(fs.readFileSync(dpFile, "utf8"));
      for (const r of dp.resources) {
        const f = path.join(work, String(r.path));
        if (fs.existsSync(f) && fs.statSync(f).isFile()) r.hash = createHash("sha256").update(fs.readFileSync(f)).digest("hex");
      }
      fs.writeFileSync(dpFile, JSON.stringify(dp));
    } catch {
      // a hostile descriptor that cannot be rehashed is read as it is
    }
  }
  return work;
}

/** The oracle: validate never throws; read gives DataErrors, or a package consistent with validate. */
function checkPackage(dir: string): void {
  const v = expectClearOutcome("validatePackage", () => validatePackage(dir));
  assert.ok(v !== undefined, "validatePackage must return its problems, not throw");
  const pkg = expectClearOutcome("readPackage", () => readPackage(dir));
  assert.equal(pkg !== undefined, v.errors.length === 0, "readPackage succeeds exactly when validation finds no error");
  if (pkg === undefined) return;
  for (const name of ["indicators", "context", "outcomes"] as const) {
    for (const col of ["value", "numerator", "denominator", "period"]) {
      if (!fieldNames(name).includes(col)) continue;
      for (const x of pkg[name].array(col) as unknown[]) assert.ok(x === null || Number.isFinite(x), `${name}.${col} holds ${String(x)}`);
    }
  }
}

test("package CSVs: hostile text in any resource gives a clear validation result", (t) => {
  t.diagnostic(seedNote());
  const resource = fc.constantFrom<ResourceName>(...RESOURCE_NAMES);
  fc.assert(
    fc.property(
      resource.chain((name) => fc.tuple(fc.constant(name), hostileCsv(fieldNames(name), ["extra"]), fc.boolean())),
      ([name, text, rehash]) => {
        checkPackage(prepare((d) => fs.writeFileSync(path.join(d, `${name}.csv`), text), rehash));
      },
    ),
    fuzzParams(60),
  );
});

test("package CSVs: random bytes, BOMs and Latin-1 in a resource give a clear validation result", (t) => {
  t.diagnostic(seedNote());
  fc.assert(
    fc.property(fc.constantFrom<ResourceName>(...RESOURCE_NAMES), fc.uint8Array({ maxLength: 300 }), fc.boolean(), (name, bytes, keepHeader) => {
      const header = Buffer.from(`${fieldNames(name).join(",")}\n`);
      checkPackage(prepare((d) => fs.writeFileSync(path.join(d, `${name}.csv`), keepHeader ? Buffer.concat([header, bytes]) : bytes), true));
    }),
    fuzzParams(40),
  );
});

/** The content of /etc/hostname, which a hostile path points at: it must never appear in a message. */
const OUTSIDE_CONTENT = fs.existsSync("/etc/hostname") ? fs.readFileSync("/etc/hostname", "utf8").trim() : "";
const HOSTILE_PATHS = ["../../../etc/hostname", "/etc/hostname", "", ".", "..", "areas.csv/", "a\u0000b.csv", "areas.csv", "./areas.csv", "sub/../areas.csv", "nonexistent.csv", "datapackage.json", "%2e%2e/x"];

/** A descriptor mutation: one field of one resource, the resources list, or the whole text. */
const descriptorText: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      index: fc.nat({ max: 6 }),
      field: fc.constantFrom("name", "path", "hash", "rows", "schema", "format"),
      value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<unknown>(...HOSTILE_PATHS, ...RESOURCE_NAMES, null, -1, 1e309)),
    })
    .map(({ index, field, value }) => {
      const dp = JSON.parse(baseDescriptor);
      const r = dp.resources[index % dp.resources.length];
      if (value === undefined) delete r[field];
      else r[field] = value;
      return JSON.stringify(dp);
    }),
  fc.record({ op: fc.constantFrom("duplicate", "drop", "null", "scalar", "empty"), index: fc.nat({ max: 6 }) }).map(({ op, index }) => {
    const dp = JSON.parse(baseDescriptor);
    const i = index % dp.resources.length;
    if (op === "duplicate") dp.resources.push({ ...dp.resources[i] });
    if (op === "drop") dp.resources.splice(i, 1);
    if (op === "null") dp.resources[i] = null;
    if (op === "scalar") dp.resources = 7;
    if (op === "empty") dp.resources = [];
    return JSON.stringify(dp);
  }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "null"),
  fc.nat().map((n) => baseDescriptor.slice(0, n % baseDescriptor.length)),
  fc.string({ maxLength: 50 }),
  hostileCell,
);

test("datapackage.json: hostile descriptors give a clear validation result and never read outside the package", (t) => {
  t.diagnostic(seedNote());
  fc.assert(
    fc.property(descriptorText, fc.boolean(), (text, rehash) => {
      checkPackage(prepare((d) => fs.writeFileSync(path.join(d, "datapackage.json"), text), rehash));
      if (OUTSIDE_CONTENT.length >= 6) {
        for (const e of validatePackage(work).errors) assert.ok(!e.message.includes(OUTSIDE_CONTENT), "no content of a file outside the package is echoed");
      }
    }),
    fuzzParams(80),
  );
});

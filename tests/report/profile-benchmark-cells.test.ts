/**
 * An empty benchmark cell of the profile's indicators table says why the benchmark is missing, never the LA's own
 * status (task h24-prof, a review's finding 2): Leeds' own count withheld had England, region and neighbours read
 * "suppressed (disclosure)" where no benchmark existed, beside a note that there is no England figure.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import type { AreaRow, IndicatorRow } from "../../lib/data/types";
import { buildLaProfile, profileIndex } from "../../lib/profile";
import { writeProfile } from "../../lib/report/profile-report";
import { tableHtml } from "../../lib/report/html-table";
import { tempDir } from "../helpers/temp-dirs";
import { writeVisitsPackage } from "../profile/visits-fixture";

const AREAS: AreaRow[] = Array.from({ length: 16 }, (_, i) => ({
  la_code: `E069100${String(i).padStart(2, "0")}`, la_name: `Area ${String.fromCharCode(65 + i)}`, region_code: i < 8 ? "E12000001" : "E12000002",
  region_name: i < 8 ? "North East" : "North West", old_la_code: "", first_period: null, last_period: null,
}));

/** The cells of the indicators table's row of `label` in a profile page, as text. */
function rowCells(html: string, label: string): string[] {
  const row = html.split("<tr>").find((r) => r.startsWith(`<td>${label}</td>`) || r.includes(`>${label}</td>`));
  assert.ok(row, `no row for ${label}`);
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, ""));
}

test("the LA's withheld own value: its cell says suppressed, the England cell without a figure says none", () => {
  // own visits on time of 3 LAs, the first LA's 3 of 161 withheld: no England or region figure from 2 LAs
  const indicators: IndicatorRow[] = AREAS.slice(0, 3).map((a, i) => {
    const [num, den] = i === 0 ? [3, 161] : [40 + i, 100 + 10 * i];
    return { la_code: a.la_code, period: 2023, indicator: "visits_pct", value: Number(((100 * num) / den).toFixed(6)), numerator: num, denominator: den, status: "" };
  });
  const dir = writeVisitsPackage({ name: "benchmark-cells", title: "Empty benchmark cells" }, AREAS, indicators, "Own data: visits.csv");
  const profile = buildLaProfile(profileIndex(readPackage(dir)), AREAS[0].la_code, { neighbours: "context" });
  const x = profile.indicators[0];
  assert.deepEqual([x.value, x.status, x.england.value, x.region.value], [null, "suppressed:disclosure", null, null]);
  const out = tempDir("vsw-benchmark-cells-");
  writeProfile(profile, dir, out);
  const html = fs.readFileSync(path.join(out, "profile.html"), "utf8");
  const cells = rowCells(html, "Visits on time (%)");
  assert.equal(cells.filter((c) => c === "suppressed (disclosure)").length, 1, `only the value's cell: ${JSON.stringify(cells)}`);
  assert.ok(cells.includes("none"), JSON.stringify(cells));
});

test("tableHtml: a column's missing values explained by its own column, the others by status", () => {
  const html = tableHtml([{ v: null, b: null, status: "suppressed:disclosure", b_why: "none" }], { columns: ["v", "b"], missingWhy: { b: "b_why" } });
  const cells = [...html.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, ""));
  assert.deepEqual(cells, ["suppressed (disclosure)", "none"]);
  assert.throws(() => tableHtml([{ v: 1, status: "" }], { columns: ["v"], missingWhy: { v: "nope" } }), /missingWhy must map a shown column/);
});

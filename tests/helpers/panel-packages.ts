/**
 * Small data packages for the panel's tests (lib/vitals/panel.ts), written to a temporary folder so that the library
 * and the CLI read the same thing: shapes the synthetic pilot does not have.
 */
import type { IndicatorRow, OutcomeRow } from "../../lib/data/types";
import { writePackage } from "../../lib/data/package";
import { tempDir } from "./temp-dirs";

/** LA codes E06000001 … of n LAs. */
function laCodes(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `E0600${String(i + 1).padStart(4, "0")}`);
}

/** An indicator row with a value (no numerator or denominator). */
function valueRow(la: string, period: number, indicator: string, value: number): IndicatorRow {
  return { la_code: la, period, indicator, value, numerator: null, denominator: null, status: "" };
}

/** Write a package of these LAs, indicator rows (polarity up, unit score) and grades; returns its folder. */
function writeTestPackage(name: string, las: readonly string[], rows: readonly IndicatorRow[], outcomes: readonly OutcomeRow[] = []): string {
  const dir = tempDir("vsw-panel-pkg-");
  const ids = [...new Set(rows.map((r) => r.indicator))];
  writePackage(dir, {
    name, title: name, created: "2026-01-01",
    areas: las.map((la) => ({ la_code: la, la_name: `LA ${la}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null })),
    catalogue: ids.map((id) => ({
      indicator: id, label: `label of ${id}`, domain: "reaching-children", polarity: "up", unit: "score", numerator: "", denominator: "",
      source: "test", definition: `test indicator ${id}`, framework_role: "practice", framework_area: "",
    })),
    indicators: rows, context: [], outcomes,
  });
  return dir;
}

/** A seeded uniform(−0.5, 0.5) stream (a linear congruential generator: the same numbers every run). */
function noiseStream(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
}

/**
 * 30 LAs × 6 years (2018–2023). `y` moves within every LA; `many` moves with it in every LA (plus noise); `few` is
 * constant in every LA but one, where it changes once, in step with `y`: its within coefficient rests on that LA
 * alone; `oneyear` has values in 2020 only, so no LA has two years of it. Returns the package's folder.
 */
export function varyingPanelPackage(): string {
  const las = laCodes(30);
  const years = [2018, 2019, 2020, 2021, 2022, 2023];
  const rows: IndicatorRow[] = [];
  const noise = noiseStream(7);
  las.forEach((la, i) => years.forEach((year, t) => {
    const y = 50 + i + 3 * noise() + (i === 0 && t >= 3 ? 4 : 0);
    const values: Record<string, number> = { y, many: y / 2 + 2 * noise(), few: i === 0 && t >= 3 ? 8 : 7 };
    if (year === 2020) values.oneyear = y + noise();
    for (const [indicator, value] of Object.entries(values)) rows.push(valueRow(la, year, indicator, value));
  }));
  return writeTestPackage("varying", las, rows);
}

/**
 * One judgement per LA, as one inspection round gives: 60 LAs judged once each (`ofsted_overall`), in 2019–2022 in
 * turn, with yearly indicators 2019–2022. `marker` differs between LAs with their grade (between-LA r ≈ 0.99);
 * `noise` does not. Returns the package's folder.
 */
export function oneJudgementPackage(): string {
  const las = laCodes(60);
  const years = [2019, 2020, 2021, 2022];
  const noise = noiseStream(11);
  const rows: IndicatorRow[] = [];
  const outcomes: OutcomeRow[] = [];
  las.forEach((la, i) => {
    const grade = 1 + (i % 4);
    const period = years[Math.floor(i / 4) % years.length];
    outcomes.push({ la_code: la, outcome: "ofsted_overall", value: grade, label: ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"][grade - 1], date: `${period - 1}-06-01`, period });
    for (const year of years) {
      rows.push(valueRow(la, year, "marker", 10 * grade + 4 * noise()));
      rows.push(valueRow(la, year, "noise", 50 + 10 * noise()));
    }
  });
  return writeTestPackage("one judgement per LA", las, rows, outcomes);
}

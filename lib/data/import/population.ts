/**
 * ONS mid-year population estimates of children aged 0–17 (EES file
 * `ons_mid-year_population_estimates_*.csv`) → context.csv, and rates per 10,000 recomputed from counts.
 *
 * Period rule (DfE's method for rates per 10,000): a rate for the year ending 31 March Y uses the ONS
 * mid-year estimate for 30 June Y−1, so the estimate for mid-year T is stored as `child_population_0_17`
 * with period T + 1.
 */
import { DataError, DataErrors } from "../../errors";
import type { BenchmarkRow, ContextRow, IndicatorRow } from "../types";
import type { AreaIndex } from "./areas";
import type { ImportLog } from "./import-log";
import { readEesTable } from "./ees";
import { trimmedEesCodes } from "./ees-cells";
import { POPULATION_RATE_MAPPINGS } from "./mappings";
import { countProblem, parseDfeCell } from "./symbols";

export const POPULATION_VARIABLE = "child_population_0_17";
export const POPULATION_AGE_GROUP = "Children aged 0 to 17 years";
export const POPULATION_PERIOD_RULE =
  "child_population_0_17: the ONS mid-year estimate for 30 June T is attached to the year ending 31 March T+1 (the denominator DfE uses for rates per 10,000 in that year).";

/**
 * Whether an EES header is the population file's.
 * @example
 * isPopulationHeader(["time_period","geographic_level","old_la_code","new_la_code","age_group","population_estimate"]) // true
 */
export function isPopulationHeader(header: readonly string[]): boolean {
  return header.includes("age_group") && header.includes("population_estimate") && header.includes("time_period");
}

/**
 * Read the ONS 0–17 population file into context rows (LA) and England/region totals (benchmarks of
 * the `child_population_0_17` variable).
 * @throws DataErrors for a non-numeric estimate, a missing column or a duplicate LA-year
 * @example
 * importPopulation(fs.readFileSync("ons_mid-year_population_estimates_2012_to_2024.csv", "utf8"), "pop.csv", areas, log).context[0].variable // "child_population_0_17"
 */
export function importPopulation(text: string | Uint8Array, file: string, areas: AreaIndex, log: ImportLog): { context: ContextRow[]; benchmarks: BenchmarkRow[] } {
  const table = readEesTable(text, file, areas, log, ["age_group", "population_estimate"]);
  for (const c of ["age_group", "population_estimate"]) {
    if (!table.column.has(c)) throw new DataError({ file, row: 0, column: c, expected: `a column named ${c}` });
  }
  const ageGroup = trimmedEesCodes(table, "age_group");
  const estimateAt = table.column.get("population_estimate") as number;
  const errors: DataError[] = [];
  const context: ContextRow[] = [];
  const benchmarks: BenchmarkRow[] = [];
  let otherAges = 0;
  for (const g of table.groups) {
    const rows = g.rows.filter((ri) => ageGroup.values[ageGroup.codes[ri]] === POPULATION_AGE_GROUP);
    otherAges += g.rows.length - rows.length;
    if (rows.length === 0) continue;
    if (rows.length > 1) {
      errors.push(new DataError({ file, row: rows[1] + 1, column: "age_group", value: POPULATION_AGE_GROUP, expected: "one row per year and geography" }));
      continue;
    }
    const raw = table.csv.cell(estimateAt, rows[0]);
    const parsed = parseDfeCell(raw);
    if (parsed === undefined) {
      errors.push(new DataError({ file, row: rows[0] + 1, column: "population_estimate", value: raw, expected: "a number or a DfE symbol" }));
      continue;
    }
    const bad = parsed.value === null ? undefined : countProblem(parsed.value, "population_estimate");
    if (bad !== undefined) {
      errors.push(new DataError({ file, row: rows[0] + 1, column: "population_estimate", value: raw, expected: `a population ${bad.replace(/^a /, "")}` }));
      continue;
    }
    const period = g.period + 1;
    if (g.geography.kind === "la") {
      for (const la of g.geography.laCodes) context.push({ la_code: la, period, variable: POPULATION_VARIABLE, value: parsed.value });
    } else {
      benchmarks.push({ geography: g.geography.kind, code: g.geography.code, period, indicator: POPULATION_VARIABLE, value: parsed.value, numerator: null, denominator: null, status: parsed.status });
    }
  }
  if (errors.length > 0) throw new DataErrors(errors, `importPopulation(${file})`);
  if (otherAges > 0) log.add({ action: "dropped", file, rule: `age groups other than "${POPULATION_AGE_GROUP}"`, count: otherAges });
  log.add({ action: "check", file, rule: POPULATION_PERIOD_RULE, count: context.length });
  return { context, benchmarks };
}

/** Multiplier of rates per 10,000. */
export const PER_10K = 10000;

/**
 * Rates per 10,000 children from published counts and the 0–17 population of the same period
 * (rate = count / population × 10,000), for each {@link POPULATION_RATE_MAPPINGS} entry.
 * A missing count keeps its status; a missing population gives `not-available:population`.
 * @example
 * ratesFromCounts([{ la_code: "E1", period: 2015, indicator: "cin_at31_count", value: 300, numerator: null, denominator: null, status: "" }],
 *   [{ la_code: "E1", period: 2015, variable: "child_population_0_17", value: 60000 }])[0].value // 50
 */
export function ratesFromCounts(indicators: readonly IndicatorRow[], population: readonly ContextRow[]): IndicatorRow[] {
  const pop = populationByLaPeriod(population);
  // one pass over the rows, each mapping's rates kept apart: the same order as a pass per mapping
  const byMapping = POPULATION_RATE_MAPPINGS.map((): IndicatorRow[] => []);
  const mappingsOf = new Map<string, number[]>(); // count indicator → the mappings reading it
  POPULATION_RATE_MAPPINGS.forEach((m, k) => mappingsOf.set(m.countIndicator, [...(mappingsOf.get(m.countIndicator) ?? []), k]));
  for (const r of indicators) {
    const mappings = mappingsOf.get(r.indicator);
    if (mappings === undefined) continue;
    for (const k of mappings) {
      const m = POPULATION_RATE_MAPPINGS[k];
      const out = byMapping[k];
      const p = pop(r.la_code, r.period);
      if (r.value === null) {
        out.push({ la_code: r.la_code, period: r.period, indicator: m.indicator, value: null, numerator: null, denominator: p ?? null, status: r.status });
      } else if (p === undefined || p === null || p <= 0) {
        out.push({ la_code: r.la_code, period: r.period, indicator: m.indicator, value: null, numerator: r.value, denominator: null, status: "not-available:population" });
      } else {
        out.push({ la_code: r.la_code, period: r.period, indicator: m.indicator, value: (r.value / p) * PER_10K, numerator: r.value, denominator: p, status: "" });
      }
    }
  }
  return byMapping.flat();
}

/** The 0–17 population of an LA and period (the last row given for it; null when missing, undefined when absent), without a key string per look-up. */
function populationByLaPeriod(population: readonly ContextRow[]): (laCode: string, period: number) => number | null | undefined {
  const byLa = new Map<string, Map<number, number | null>>();
  for (const p of population) {
    if (p.variable !== POPULATION_VARIABLE) continue;
    let byPeriod = byLa.get(p.la_code);
    if (byPeriod === undefined) byLa.set(p.la_code, (byPeriod = new Map()));
    byPeriod.set(p.period, p.value);
  }
  return (laCode, period) => byLa.get(laCode)?.get(period);
}

/**
 * Check published rates per 10,000 against count / population × 10,000 (published rates are rounded to
 * whole numbers, so agreement means |difference| ≤ 0.5 + `tolerance`).
 * @returns counts of rows compared, agreeing and disagreeing, and the disagreeing rows (first 50)
 * @example
 * checkPublishedRates(indicators, "cla_rate_per_10k", population).agree
 */
export function checkPublishedRates(
  indicators: readonly IndicatorRow[],
  indicator: string,
  population: readonly ContextRow[],
  tolerance = 0.01,
): {
  n: number;
  agree: number;
  disagree: number;
  byPeriod: Record<string, { n: number; agree: number }>;
  examples: { la_code: string; period: number; published: number; recomputed: number }[];
} {
  const pop = populationByLaPeriod(population);
  let n = 0;
  let agree = 0;
  const byPeriod: Record<string, { n: number; agree: number }> = {};
  const examples: { la_code: string; period: number; published: number; recomputed: number }[] = [];
  for (const r of indicators) {
    if (r.indicator !== indicator || r.value === null || r.numerator === null) continue;
    const p = pop(r.la_code, r.period);
    if (p === undefined || p === null || p <= 0) continue;
    n++;
    const bp = (byPeriod[String(r.period)] ??= { n: 0, agree: 0 });
    bp.n++;
    const recomputed = (r.numerator / p) * PER_10K;
    if (Math.abs(recomputed - r.value) <= 0.5 + tolerance) {
      agree++;
      bp.agree++;
    } else if (examples.length < 50) examples.push({ la_code: r.la_code, period: r.period, published: r.value, recomputed });
  }
  return { n, agree, disagree: n - agree, byPeriod, examples };
}

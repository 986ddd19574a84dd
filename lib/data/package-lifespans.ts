/**
 * The package rules on LAs' lifespans (areas.csv first_period/last_period), for checkRules (./package-rules.ts): an
 * area's first period not after its last, and indicator rows inside their LA's lifespan.
 */
import { DataError } from "../errors";
import { isWithinLifespan, type Lifespan } from "./lifespan";
import { codedColumn, type ResourceColumns } from "./package-columns";

/**
 * An area's first_period ≤ its last_period.
 * @example checkAreaPeriods(resources.areas, "areas.csv", errors) // an error for a row with first_period 2020, last_period 2010
 */
export function checkAreaPeriods(areas: ResourceColumns, file: string, errors: DataError[]): void {
  const first = areas.columns.first_period as readonly (number | null)[];
  const last = areas.columns.last_period as readonly (number | null)[];
  for (let i = 0; i < areas.length; i++) {
    const f = first[i];
    const l = last[i];
    if (f !== null && l !== null && f > l) {
      errors.push(new DataError({ file, row: i + 1, column: "last_period", value: String(l), expected: `a period ≥ first_period (${f})` }));
    }
  }
}

/**
 * Indicator rows outside their LA's lifespan (areas.csv first/last period; {@link isWithinLifespan}, the rule by which
 * the import leaves such rows out): one warning per LA, with how many rows,
 * their periods and the first rows. A warning, as the project has treated such rows: completeness and analyse leave
 * them out and say so (analyse-counts: "did not exist in …"), and the import kept such a value with a warning; the
 * import now stores none (./import/lifespans.ts: the official package had 8,362, among them LAIT's "Dorset (Pre LG)"
 * 2020–2025 under E10000009, whose last period is 2019), so in a package they mark rows a hand or an older import
 * put there. Each distinct code is looked up once; a package whose areas have no first or last period costs one pass
 * over them.
 * @example checkIndicatorLifespans(resources.indicators, resources.areas, "indicators.csv", warnings) // "indicators.csv: 6 row(s) of E10000009 for periods outside its lifespan …"
 */
export function checkIndicatorLifespans(indicators: ResourceColumns, areas: ResourceColumns, file: string, warnings: string[]): void {
  const first = areas.columns.first_period as readonly (number | null)[];
  const last = areas.columns.last_period as readonly (number | null)[];
  const spans = new Map<string, Lifespan>();
  for (let i = 0; i < areas.length; i++) if (first[i] !== null || last[i] !== null) spans.set(String(areas.columns.la_code[i]), { first_period: first[i], last_period: last[i] });
  if (spans.size === 0) return;
  const coded = codedColumn(indicators, "la_code", "value");
  const spanOf = coded.values.map((code) => (typeof code === "string" ? spans.get(code) : undefined));
  const periods = indicators.columns.period as readonly (number | null)[];
  const outside = new Map<number, { rows: number[]; periods: Set<number> }>(); // la_code's code → its rows outside
  for (let r = 0; r < indicators.length; r++) {
    const code = coded.codes[r];
    const span = spanOf[code];
    const period = periods[r];
    if (span === undefined || period === null) continue;
    if (!isWithinLifespan(span, period)) {
      let o = outside.get(code);
      if (o === undefined) outside.set(code, (o = { rows: [], periods: new Set() }));
      o.rows.push(r + 1);
      o.periods.add(period);
    }
  }
  for (const [code, o] of outside) {
    const span = spanOf[code] as Lifespan;
    const rows = `${o.rows.slice(0, 5).join(", ")}${o.rows.length > 5 ? ", …" : ""}`;
    warnings.push(`${file}: ${o.rows.length} row(s) of ${coded.values[code]} for periods outside its lifespan in areas.csv (${span.first_period ?? "…"}–${span.last_period ?? "…"}): ${[...o.periods].sort((a, b) => a - b).join(", ")} (rows ${rows})`);
  }
}

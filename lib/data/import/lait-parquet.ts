/**
 * LAIT (Local Authority Interactive Tool) "big data sheet" (long parquet) and its data dictionary.
 *
 * - The dictionary (`lait_data_dictionary.csv`) gives each measure's topic, polarity (High/Low/-),
 *   y-axis unit, description and year type; it fills the catalogue's polarity and definition.
 * - The parquet (`bds_long_*.parquet`: Short Desc, Data item, Years, LA and Regions, Values, LA Number,
 *   Region) is read by ./lait-parquet-reader.ts (hyparquet's page readers). Measures of the CSC topics ({@link LAIT_CSC_TOPICS}) are
 *   imported; a measure that has an EES counterpart (`lait` in INDICATOR_META) is cross-checked against the
 *   EES/SFR values of the same LA and year, and fills LA-years those files lack only if the two agree on
 *   at least {@link LAIT_FILL_MIN_AGREEMENT} of the overlap: one indicator per measure, its sources listed.
 *   A mapped series that agrees less (or has no overlap to check) is kept as its own `lait_*` indicator,
 *   the reason in its catalogue definition and the log. Other CSC measures become `lait_*` indicators
 *   (./lait-combine.ts does this: combineLait). Its England and region rows (LA numbers 970 and 980–989) are
 *   benchmarks of the indicator the measure's LA rows went to, kept where EES/SFR publish none.
 * - Years: `2016` → 2016, `2016-17` (and `2016-17 (OT)`) → 2017; September-census measures → year + 1.
 *   Other labels (multi-year ranges, revised/provisional tags) are logged and skipped.
 * - `-` and `NA` are missing (`not-available:-`); other non-numeric values are DataErrors.
 */
import { DataError, DataErrors } from "../../errors";
import { parseCsv, requireColumns } from "../csv";
import type { Polarity, Unit } from "../types";
import { LAIT_AGREEMENT_TOLERANCE, LAIT_RATE_RELATIVE_TOLERANCE, LAIT_CSC_TOPICS, LAIT_SEPTEMBER_YEAR_TYPES } from "./lait-measures";
import { INDICATOR_META } from "./mappings";

/** One dictionary entry. */
export interface LaitMeasure {
  code: string;
  topic: string;
  measure: string;
  polarity: Polarity;
  yAxis: string;
  description: string;
  yearType: string;
}

export { LAIT_PARQUET_COLUMNS, laitValueAt, readLaitParquet, type LaitValue, type LaitValues } from "./lait-parquet-reader";

const DICTIONARY_COLUMNS = ["Measure_short", "Topic", "Measure", "Polarity", "y_axis_name", "Description", "Year_Type"];

/**
 * Whether a CSV header is the LAIT dictionary's.
 * @example
 * isLaitDictionaryHeader(["Measure_code","Topic","Measure","Measure_short","Polarity"]) // true
 */
export function isLaitDictionaryHeader(header: readonly string[]): boolean {
  return header.includes("Measure_short") && header.includes("Polarity") && header.includes("Topic");
}

/**
 * Read the LAIT data dictionary.
 * @throws DataError for a missing column; DataErrors for an unknown polarity
 * @example
 * readLaitDictionary(fs.readFileSync("lait_data_dictionary.csv", "utf8"), "dict.csv").get("ReReferral")?.polarity // "down"
 */
export function readLaitDictionary(text: string, file: string): Map<string, LaitMeasure> {
  const csv = parseCsv(text, file);
  const col = requireColumns(csv, DICTIONARY_COLUMNS);
  const errors: DataError[] = [];
  const out = new Map<string, LaitMeasure>();
  csv.rows.forEach((r, i) => {
    const get = (c: string) => r[col.get(c) as number].trim();
    const pol = get("Polarity");
    const polarity: Polarity | undefined = pol === "High" ? "up" : pol === "Low" ? "down" : pol === "-" || pol === "NA" || pol === "" ? "none" : undefined;
    if (polarity === undefined) {
      errors.push(new DataError({ file, row: i + 1, column: "Polarity", value: pol, expected: "High, Low, - or NA" }));
      return;
    }
    const code = get("Measure_short");
    if (code === "" || out.has(code)) return; // the dictionary repeats some measures across topics: first wins
    out.set(code, { code, topic: get("Topic"), measure: get("Measure"), polarity, yAxis: get("y_axis_name"), description: get("Description"), yearType: get("Year_Type") });
  });
  if (errors.length > 0) throw new DataErrors(errors, `readLaitDictionary(${file})`);
  return out;
}

/** How {@link laitPeriod} reads LAIT year labels, in the words of datapackage.json `provenance.period_rules`. */
export const LAIT_PERIOD_RULE = "LAIT '2016-17' is 2017.";

/**
 * Year ending March of a LAIT year label, or undefined for labels we do not map.
 * @example
 * laitPeriod("2016-17 (OT)", "Financial Year") // 2017
 * laitPeriod("2016", "Annual (end of Sept)")   // 2017
 */
export function laitPeriod(years: string, yearType: string): number | undefined {
  const shift = LAIT_SEPTEMBER_YEAR_TYPES.includes(yearType) ? 1 : 0;
  let m = /^(\d{4})$/.exec(years.trim());
  if (m) return Number(m[1]) + shift;
  m = /^(\d{4})-(\d{2})( \(OT\))?$/.exec(years.trim());
  if (m && (Number(m[1]) + 1) % 100 === Number(m[2])) return Number(m[1]) + 1 + shift;
  return undefined;
}

/**
 * Unit of a LAIT measure from its y-axis label; undefined when none of ours fits.
 * @example
 * laitUnit("Rate per 10,000") // "rate_per_10k"
 */
export function laitUnit(yAxis: string): Unit | undefined {
  const y = yAxis.toLowerCase();
  if (/rate per 10,?000/.test(y)) return "rate_per_10k";
  if (/%|percent|proportion/.test(y)) return "percent";
  if (/^(number|num )|count|cases|social workers|fte/.test(y)) return "count";
  if (/score|case load|caseload|average/.test(y)) return "score";
  return undefined;
}

/**
 * Whether a LAIT measure code belongs to a children's social care topic (the `keep` filter for
 * {@link readLaitParquet}).
 * @example
 * isLaitCscMeasure(dictionary, "ReReferral") // true (topic Child Protection)
 */
export function isLaitCscMeasure(dictionary: ReadonlyMap<string, LaitMeasure>, code: string): boolean {
  const meta = dictionary.get(code);
  return meta !== undefined && (LAIT_CSC_TOPICS[meta.topic] !== undefined || laitCounterparts().has(code));
}

let counterparts: ReadonlyMap<string, string> | undefined;
/**
 * LAIT measure code → our indicator publishing the same measure (INDICATOR_META `lait`).
 * @example
 * laitCounterparts().get("ReReferral") // "cin_rereferral_pct"
 */
export function laitCounterparts(): ReadonlyMap<string, string> {
  if (counterparts === undefined) {
    const m = new Map<string, string>();
    for (const [id, meta] of Object.entries(INDICATOR_META)) if (meta.lait) m.set(meta.lait, id);
    counterparts = m;
  }
  return counterparts;
}

/**
 * Our id for a LAIT-only measure.
 * @example
 * laitIndicatorId("LAC_RetHome_CarePlan_%") // "lait_lac_rethome_careplan_pct"
 */
export function laitIndicatorId(code: string): string {
  return `lait_${code.toLowerCase().replace(/%/g, "pct").replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "")}`;
}

/**
 * Whether a LAIT value agrees with the EES/SFR value of the same LA, year and measure: within
 * {@link LAIT_AGREEMENT_TOLERANCE}, and for rates per 10,000 also within {@link LAIT_RATE_RELATIVE_TOLERANCE}
 * of the EES value (the two may divide the same count by differently revised population estimates).
 * @example
 * laitValuesAgree(109, 107, "rate_per_10k") // true (1.8 % apart)
 * laitValuesAgree(59, 60, "percent")        // false
 */
export function laitValuesAgree(ees: number, lait: number, unit: Unit): boolean {
  const diff = Math.abs(ees - lait);
  if (diff <= LAIT_AGREEMENT_TOLERANCE) return true;
  return unit === "rate_per_10k" && diff <= LAIT_RATE_RELATIVE_TOLERANCE * Math.abs(ees) + 1e-9;
}

/**
 * Count columns of a CSV that pandas wrote from a count of rows, found by the table's shape, for the disclosure
 * scanner's table rule (./scan-rules.ts scanTable). A review passed each with 0 findings (round 24, S2-3):
 * - `df.groupby("la").size().to_csv()`: a Series without a name is written under the column name `0`, beside its
 *   index (`la,0` / `Rutland,6`). A column `0` last, after an LA column (./la-columns.ts), is read as a count of rows
 *   per LA; grouped by a region (`region,0`) it counts LAs and is not;
 * - `df.groupby(["la", "placement"]).size().unstack(fill_value=0).to_csv()` and `df.pivot_table(index="la",
 *   columns="placement", values="age", aggfunc="count").to_csv()` (3.0, and blank where no row was): an LA column, then
 *   two or more columns named for categories (Foster, Kinship; ./cross-tabs.ts reads the printed and HTML forms, which
 *   keep the columns' name) whose cells are all whole numbers. A column named as a variable is not a category: a name
 *   with an underscore (`cla_rate_per_10k`), of a rate, score, grade or year (`ofsted_grade`, `2022`): a wide table of
 *   LAs' values keeps its columns' own rules. A period column among the LA keys (`la_name,year,Foster,Kinship`: counts
 *   per LA and year) keeps the pivot a pivot; a second read found it passed (round 25, S1-4), as did DfE's category
 *   names with a colon ("Mixed: White and Black Caribbean") or over 60 characters ("Placed with own parents or other
 *   person with parental responsibility", 68).
 */
import { laKeyColumn, periodColumn } from "./la-columns";
import { WHOLE_NUMBER_TEXT_RE } from "./scan-collector";
import { isWithheldCell } from "./cross-tabs";

/** A category as a column name: words (Foster, Requires improvement, Mixed: White and Black Caribbean, 10 to 15), no variable's underscore. */
const CATEGORY_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9 .,:;'&()/+-]{0,119}$/;
/**
 * Words that make a column a variable of LAs, not a category of children (a rate, a grade, a year, a code). A review's
 * ILACS judgements coded 1-4 under Ofsted's headings ("Overall effectiveness") and IMD deciles and IDACI quintiles by LA
 * were read as counts (round 25, S2-1): an Ofsted judgement's heading and a deprivation decile, quintile, band or tier
 * are LAs' values, as a band and quartile are in ./field-names.ts.
 */
const VARIABLE_WORD_RE = /\b(?:pct|percent\w*|rate|rates|share|ratio|mean|median|average|score|prop\w*|grade|rating|judgement|ofsted|effectiveness|rank|decile|quintile|quartile|percentile|centile|band|tier|year|period|code|id|total|value|number|per)\b|^\d{4}(?:[-/]\d{2,4})?$/i;

/** True for a column of whole numbers (3, 3.0), blank and withheld cells apart (`c`, `[c]`, `<5`: isWithheldCell), with at least one. */
function wholeColumn(rows: readonly (readonly string[])[], k: number): boolean {
  let any = false;
  for (const cells of rows) {
    const v = (cells[k] ?? "").trim();
    if (v === "" || isWithheldCell(v)) continue;
    if (!WHOLE_NUMBER_TEXT_RE.test(v)) return false;
    any = true;
  }
  return any;
}

/**
 * The columns that are counts by the table's shape (see the file's comment), and why; all false for any other table.
 * @example
 * pivotCountColumns(["la", "0"], [["Rutland", "6"]]).counts // [false, true]
 * pivotCountColumns(["la", "Foster", "Kinship"], [["Rutland", "2.0", ""], ["Leeds", "40.0", "30.0"]]).counts // [false, true, true]
 */
export function pivotCountColumns(header: readonly string[], rows: readonly (readonly string[])[]): { counts: boolean[]; form: "size" | "pivot" | undefined } {
  const none = { counts: header.map(() => false), form: undefined };
  const la = laKeyColumn(header);
  if (!la || rows.length === 0) return none;
  const last = header.length - 1;
  if (header[last].trim() === "0" && last > la.column && header.slice(0, last).every((h) => !/^\d+$/.test(h.trim())) && wholeColumn(rows, last)) {
    return { counts: header.map((_, k) => k === last), form: "size" };
  }
  // an LA column first (after other LA keys: la_code,la_name, and a period), then the categories
  const keys = header.map((h) => laKeyColumn([h]) !== undefined || periodColumn([h]) >= 0);
  const firstCategory = keys.indexOf(false);
  if (firstCategory < 1 || keys.slice(0, firstCategory).some((k) => !k) || header.length - firstCategory < 2) return none;
  for (let k = firstCategory; k < header.length; k++) {
    const name = header[k].trim();
    if (!CATEGORY_NAME_RE.test(name) || VARIABLE_WORD_RE.test(name) || !wholeColumn(rows, k)) return none;
  }
  return { counts: header.map((_, k) => k >= firstCategory), form: "pivot" };
}

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
 * - a pivot whose columns are years (`pivot(index="la", columns="year", values="children")`: `la,2022,2023`): LAs' values
 *   by year (a rate, a grade) are written so too, so it is read as counts only on positive evidence ({@link yearsAreCounts}):
 *   the table's caption (its file's name, a sheet's name and title) or another column's name or text saying it counts
 *   (children, number, count), or a total row or column that is the sum of the others. Without it, nothing is said.
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
export function pivotCountColumns(header: readonly string[], rows: readonly (readonly string[])[], caption = ""): { counts: boolean[]; form: "size" | "pivot" | "years" | undefined } {
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
  const years = yearColumns(header, rows, firstCategory, caption);
  if (years) return { counts: years, form: "years" };
  for (let k = firstCategory; k < header.length; k++) {
    const name = header[k].trim();
    if (!CATEGORY_NAME_RE.test(name) || VARIABLE_WORD_RE.test(name) || !wholeColumn(rows, k)) return none;
  }
  return { counts: header.map((_, k) => k >= firstCategory), form: "pivot" };
}

/** A year as a pivot's column: 2023, 2022-23, 2022/2023. */
const YEAR_NAME_RE = /^(?:19|20)\d\d(?:[-/](?:\d\d|(?:19|20)\d\d))?$/;
/** A total's name, as a column or as a row's LA cell. */
const TOTAL_NAME_RE = /^(?:total|totals|all|grand total|all las|england|sum)$/i;
/** Words saying a table counts people or their episodes. */
const COUNT_WORDS_RE = /(?:^|[^a-z])(?:counts?|numbers?|n|children|child|pupils|young[ _-]people|people|persons|cases|episodes|placements|referrals|leavers|starters|cla|cin|cpp)(?:[^a-z]|$)/i;
/** Words saying it holds a rate, a share, a grade or a rank instead. */
const NOT_COUNT_WORDS_RE = /(?:^|[^a-z])(?:rates?|per|pct|percent\w*|share|ratio|mean|median|average|score|grades?|rating|judgement|rank|decile|quintile|index|value|values)(?:[^a-z]|$)/i;

/**
 * The columns of a pivot by year that are counts, or undefined for a table that is none or says nothing of counts (see
 * the file's comment): after the LA keys, years (two or more, all whole numbers), a total, and columns of text only
 * (a `measure` naming what is counted).
 */
function yearColumns(header: readonly string[], rows: readonly (readonly string[])[], first: number, caption: string): boolean[] | undefined {
  const names = header.map((h) => h.trim());
  const kinds = names.map((n, k) => (k < first ? "key" : YEAR_NAME_RE.test(n) ? "year" : TOTAL_NAME_RE.test(n) ? "total" : textColumn(rows, k) ? "text" : "other"));
  if (kinds.filter((x) => x === "year").length < 2 || kinds.includes("other") || kinds.filter((x) => x === "total").length > 1) return undefined;
  if (names.some((_, k) => (kinds[k] === "year" || kinds[k] === "total") && !wholeColumn(rows, k))) return undefined;
  return yearsAreCounts(names, rows, kinds, caption) ? kinds.map((x) => x === "year" || x === "total") : undefined;
}

/** True for a column with no number in it (words, or blank). */
function textColumn(rows: readonly (readonly string[])[], k: number): boolean {
  return rows.every((cells) => !/\d/.test(cells[k] ?? ""));
}

/** True when a pivot by year says it counts (its caption, a text column's name or every one of its cells) or has a total that sums. */
function yearsAreCounts(names: readonly string[], rows: readonly (readonly string[])[], kinds: readonly string[], caption: string): boolean {
  const says = (text: string) => COUNT_WORDS_RE.test(text) && !NOT_COUNT_WORDS_RE.test(text);
  if (says(caption.replace(/\.(csv|tsv|xlsx)$/i, ""))) return true;
  const texts = kinds.flatMap((x, k) => (x === "text" ? [k] : []));
  if (texts.some((k) => says(names[k]) || rows.every((cells) => (cells[k] ?? "").trim() === "" || says(cells[k])))) return true;
  const num = (v: string | undefined) => (WHOLE_NUMBER_TEXT_RE.test((v ?? "").trim()) ? Number(v) : NaN);
  const years = kinds.flatMap((x, k) => (x === "year" ? [k] : []));
  // a total column equal to its row's sum in every row (two rows at least), or a total row equal to each column's sum
  const total = kinds.indexOf("total");
  if (total >= 0 && rows.length >= 2 && rows.every((cells) => num(cells[total]) === years.reduce((s, k) => s + num(cells[k]), 0))) return true;
  const la = laKeyColumn(names)?.column ?? -1;
  const totalRow = rows.findIndex((cells) => TOTAL_NAME_RE.test((cells[la] ?? "").trim()));
  if (totalRow < 0 || rows.length < 3) return false;
  const others = rows.filter((_, r) => r !== totalRow);
  return years.every((k) => num(rows[totalRow][k]) === others.reduce((s, cells) => s + num(cells[k]), 0));
}

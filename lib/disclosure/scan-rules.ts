/**
 * The disclosure scanner's rules on the forms every file type comes down to (./scan.ts reads each type into them):
 * text, a table of text cells, a JSON value, a plotly figure. The rules themselves are described in ./scan.ts.
 */
import { figureSmallCounts } from "./figure-data";
import { recoveredCounts } from "./percentage-counts";
import { followsThresholdWords, isRecordTotalName, recordTotalsInText, TOTAL_MESSAGE } from "./record-totals";
import { RECORD_FIELDS } from "./record-fields";
import { figureTables, hoverCounts, MAX_GRID_CELLS } from "./figure-tables";
import { textTables } from "./text-tables";
import { rowStart } from "./text-lines";
import { CROSS_TAB_COUNT, CROSS_TAB_HINT, crossTabCellPlace } from "./cross-tabs";
import { pivotCountColumns } from "./pivot-columns";
import { GRADE_HINT, isGradeTable, mayBeGrades } from "./grade-tables";
import { judgeHeader } from "./table-header";
import { BoundedCache } from "./bounded-cache";
import { shareColumns } from "./percentage-columns";
import { HASH_CONTEXT_RE, isAnalysisN, isCountName, isGenericIdName, isIdentifierName, isPeopleCountName, looksLikeRecordId, normalisedName } from "./field-names";
import { isSmall, MAX_FINDINGS_PER_FILE, RecordingCollector, WHOLE_NUMBER_TEXT_RE, type Collector, type PlacelessFinding } from "./scan-collector";
import { decodeTypedArrays } from "./typed-arrays";

/** JSON levels read at most (a notebook's or results file's data is a few levels deep; deeper is reported not scanned). */
const MAX_JSON_DEPTH = 200;

/** Parents of a JSON `size` that is a plot style (plotly marker, font, bins), not a group size. */
const STYLE_PARENTS = new Set(["marker", "font", "textfont", "tickfont", "titlefont", "insidetextfont", "outsidetextfont", "line", "hoverlabel", "legend", "xbins", "ybins", "errorx", "errory", "cells", "header", "title", "layout", "style"]);
/** Count names that label a count in structured data only (JSON fields, table columns), not in free text or scripts. */
const TEXT_UNLABELLED = new Set(["size", "groupsize"]);
/**
 * Words after a number that make it a count of areas or of the analysis's own things, not of people: "n = 3 LAs",
 * "(n=3 indicators)", "n: 4 periods", "n = 12 items" (round 21's second review: a report's "(n=3 indicators)" was
 * flagged as three people).
 */
const NOT_PEOPLE_WORDS_RE = /^\s*\)?\s*(las?|local authorit\w*|authorit\w*|areas?|councils?|regions?|indicators?|measures?|items?|questions?|instruments?|domains?|outcomes?|variables?|periods?|years?|quarters?|months?|resamples?|half-samples?|bootstraps?|iterations?|sources?|files?|sheets?|tables?|figures?)\b/i;
/**
 * JSON subtrees that describe processing, not people (provenance, import logs): their "count" fields count
 * rows recoded or files read, so the small-count rule is not applied there (identifier rules still are).
 */
const LOG_KEYS = new Set(["provenance", "importlog", "log", "logs"]);

/** `key: 5`, `key = 5`, `"key": 5` in text; the key decides (isCountName) whether the number is a count. */
const LABELLED_NUMBER_RE = /(?<![\w.])["']?([A-Za-z_][A-Za-z0-9_]{0,40})["']?\s*[=:]\s*["']?(\d+)(?!\d)(?![.,]\d)/g;
const COUNTED_NOUN_RE = /(?<![\w.,])(?<!\b(?:list|table|figure|section|annex|aged?|years?|grade|level|stage|ks)\s+)(\d+)\s+(?:of\s+\d[\d,]*\s+)?((?:looked[- ]after\s+)?children|respondents?|responses?|cases?|child|young people|parents?|carers?|care leavers?|adoptions?|pupils?|families|households)\b/gi;
const LABELLED_IDENTIFIER_RE = /(?<![\w.])["']?(respondent_id|child_id|person_id|case_id|pupil_id|upn|nhs_number|pseudonym|LAchildID|FormerUPN|child_unique_id|dob|date_of_birth)["']?\s*[:=]\s*["']?([^\s"',}<]+)/gi;
const PSEUDONYM_TOKEN_RE = /\bps_[0-9a-f]{16}\b/g;
const HEX_TOKEN_RE = /(?<![0-9A-Za-z_-])[0-9a-f]{16,64}(?![0-9A-Za-z_-])/g;
const RECORD_HEADER_RE = new RegExp(RECORD_FIELDS.slice(0, 3).join("\\W{1,12}"), "i");
/**
 * An element of a CIN census child record with its value (lib/returns/read-cin.ts reads them; ./scan-files.ts finds them
 * in an .xml file): the return's XML copied into a .txt or printed in a notebook is record-level data as the .xml is. A
 * review's copy to a .txt passed with 0 findings (round 24, S3-5). The element's name alone (`<UPN>` in prose) is not.
 */
const CIN_CHILD_ELEMENT_RE = /<(LAchildID|UPN|FormerUPN|PersonBirthDate)>[^<\n]{1,64}<\/\1>/;

/**
 * Printed tables checked in one text at most, the rest reported not-scanned (fail closed): checking each small table
 * has a cost of its own, and 900,000 one-row Series in a 22.5 MB text took 6.0 s CPU (hostile review round 23 bound:
 * 5 s for a file of 24 MiB). No report or notebook output prints near this many.
 */
export const MAX_PRINTED_TABLES = 100_000;

/** Words of a label that make its value a rate, share or average, not a count ("per 10,000", "Percentage of …"). */
const RATE_LABEL_RE = /\bper\s+[\d,]+|\bpercent\w*|\brate\b|\bproportion\b|\bshare\b|\baverage\b|\bmean\b|\bmedian\b|%/i;
/**
 * Where a label's phrase starts: a line, a tag, a field or quoted key, or another label's value ("rate=55.2 " in a hover
 * whose lines were joined) ends before it; not the comma of 10,000.
 */
const LABEL_START_RE = /[\n<>;|{}"']|,\s|[=:]\S*\s/g;

/**
 * Whether the phrase a labelled number's key ends ("… children=8") speaks of a rate: plotly express writes a hover
 * "<label>=%{y}" with the whole column label, and a review found "Children looked after per 10,000 children=8" and
 * "Percentage of children with 3+ placements=5" read as counts by the label's last word (round 23).
 */
function labelIsARate(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 80), at);
  let start = 0;
  for (const m of before.matchAll(LABEL_START_RE)) start = m.index! + m[0].length;
  return RATE_LABEL_RE.test(before.slice(start));
}

/** Text rules: labelled small counts, pseudonyms, unlabelled hex ids, the record header. */
export function scanText(text: string, where: (index: number) => string, c: Collector, threshold: number, context = ""): void {
  const tables = textTables(text);
  for (const t of tables.length > MAX_PRINTED_TABLES ? tables.slice(0, MAX_PRINTED_TABLES) : tables) {
    const cell = (r: number) => crossTabCellPlace(t, r) ?? `row ${r}`;
    scanTable(t.header, t.rows, (r, k) => `${where(rowStart(t, r))}, printed table ${cell(r)} column "${t.header[k]}"`, c, threshold, { partsByContent: t.statistics !== true });
  }
  if (tables.length > MAX_PRINTED_TABLES) {
    const unread = tables.length - MAX_PRINTED_TABLES;
    c.add(where(tables[MAX_PRINTED_TABLES].index), "not-scanned", `${unread} tables`, `more than ${MAX_PRINTED_TABLES.toLocaleString("en-GB")} tables printed in one text: the first ${MAX_PRINTED_TABLES.toLocaleString("en-GB")} were checked, the other ${unread.toLocaleString("en-GB")} not`);
  }
  for (const m of text.matchAll(LABELLED_NUMBER_RE)) {
    if (NOT_PEOPLE_WORDS_RE.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 24))) continue; // "n = 3 LAs", "(n=3 indicators)"
    if (labelIsARate(text, m.index!)) continue; // "Children looked after per 10,000 children=8": the label's last word only looked like a count
    if (TEXT_UNLABELLED.has(normalisedName(m[1]))) continue; // "size": 9 in a script is a plot's marker or font size
    if (isCountName(m[1]) && isSmall(m[2], threshold)) c.add(where(m.index!), "small-count", m[0], `a count below ${threshold} labelled "${m[1]}"`);
  }
  for (const m of text.matchAll(COUNTED_NOUN_RE)) {
    if (followsThresholdWords(text, m.index!)) continue; // "fewer than 5 respondents": a rule
    if (isSmall(m[1], threshold)) c.add(where(m.index!), "small-count", m[0], `a count below ${threshold} of ${m[2]}`);
  }
  if (c.readsTotals) for (const t of recordTotalsInText(text, threshold)) c.addTotal(where(t.index), t.text, TOTAL_MESSAGE);
  for (const m of text.matchAll(LABELLED_IDENTIFIER_RE)) c.add(where(m.index!), "record-identifier", m[0], `a record identifier labelled "${m[1]}"`);
  for (const m of text.matchAll(PSEUDONYM_TOKEN_RE)) c.add(where(m.index!), "record-identifier", m[0], "a respondent pseudonym");
  for (const m of text.matchAll(HEX_TOKEN_RE)) {
    const token = m[0];
    if (!/[a-f]/.test(token) || !/[0-9]/.test(token)) continue;
    if (text.slice(m.index! - 3, m.index!) === "ps_") continue; // reported as a pseudonym
    // the label may be in the text just before, or (tables) in the cells to the left
    if (HASH_CONTEXT_RE.test(`${context} ${text.slice(Math.max(0, m.index! - 60), m.index!)}`)) continue;
    c.add(where(m.index!), "record-identifier", token, "a hex string that looks like a hashed identifier (not labelled as a hash)");
  }
  const h = RECORD_HEADER_RE.exec(text);
  if (h) c.add(where(h.index), "record-rows", h[0], "the header of record-level pilot data");
  const cin = CIN_CHILD_ELEMENT_RE.exec(text);
  if (cin) c.add(where(cin.index), "record-rows", `<${cin[1]}>`, "a CIN census child record (children's records: LAchildID, UPN, dates of birth): record-level data, never to be published");
}

/** Columns the printed-table readers name for a count of rows whose unit the print does not say (./printed-series.ts, ./printed-frames.ts). */
const ROWS_COUNTED_RE = /^count of rows\b/;
/** The way out for such a column, when its rows are not people. */
const ROWS_COUNTED_HINT = ": the rows counted may be children; if they are LAs, years or indicators, name the column or Series for what it counts (.rename(\"n_las\"), .rename(columns={\"count\": \"n_years\"}))";

/** Why a column is read as a count by the table's shape (./pivot-columns.ts), and the way out when it is not one. */
const PIVOT_HINTS = {
  size: ": pandas writes a Series without a name (groupby().size().to_csv()) as a column \"0\", here a count of rows per LA; suppress counts below the threshold, or name the Series for what it counts (.rename(\"n_las\"))",
  pivot: ": the columns after the LA column, named for categories and all whole numbers, are read as counts of rows per LA and category (unstack, pivot_table); suppress counts below the threshold, or if they are LAs' values (a rate, a grade, a decile), name each for the variable it holds (\"foster_rate\", \"overall_grade\", \"imd_decile\": a name with an underscore is a variable)",
  years: ": the columns after the LA column are years, all whole numbers, and the table says it counts (its file's or sheet's name, a column naming what is counted, or a total that is their sum): they are read as counts per LA and year; suppress counts below the threshold",
} as const;

/** What a table's scan knows beyond its cells: a data package's indicators by unit and source (ScanOptions), and how to read its columns. */
export interface TableScanOptions {
  /** Indicators published by an official source: rows of these (by the `indicator` column) are not checked. */
  published?: ReadonlySet<string>;
  /** Indicators of unit percent, ratio or count: a long table's `value` of one is a share, or a count. */
  percent?: ReadonlySet<string>;
  ratio?: ReadonlySet<string>;
  counts?: ReadonlySet<string>;
  /**
   * Whether a whole-number column never larger than a count column of its row is a part of that count (default true);
   * false for a figure's points (a funnel's whole percentages) and a describe()'s statistics.
   */
  partsByContent?: boolean;
  /** Whether the table may be pandas' CSV of a count of rows (./pivot-columns.ts): CSV, TSV and sheets only. */
  pivots?: boolean;
  /** What names the table (its file's name; a sheet's name and title): a pivot by year is read as counts when it says so. */
  caption?: string;
}

/** Rules for a table (header + rows of text cells), from CSV or HTML. */
export function scanTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  where: (row: number, col: number) => string,
  c: Collector,
  threshold: number,
  options: TableScanOptions = {},
): void {
  const { published, percent, ratio, counts, partsByContent = true, pivots = false, caption = "" } = options;
  const { names, recordRows, laColumn, countByName, identifier: idCols, genericId: genericIdCols, analysisN } = judgeHeader(header);
  const indicatorCol = published ? names.indexOf("indicator") : -1;
  if (recordRows) c.add(where(0, 0), "record-rows", header.join(","), "a table with the columns of record-level pilot data");
  const countCols = countByName.slice(); // counts by content are added below
  // a table of LAs' Ofsted grades (1-4 under a judgement's heading): only its columns named as counts are counts
  const grades = laColumn >= 0 && isGradeTable(header, rows);
  // by shape: pandas' CSV of groupby().size() (a column 0) or of a pivot of counts by LA and category
  const pivot = pivots && !grades ? pivotCountColumns(header, rows, caption) : undefined;
  if (pivot?.form) pivot.counts.forEach((isCount, k) => (countCols[k] ||= isCount));
  // by content: a whole-number column (3, or 3.0 as pandas writes it) never larger than a count column of its row is a part of that count
  const wholeNumber = (v: string) => WHOLE_NUMBER_TEXT_RE.test(v);
  header.forEach((h, k) => {
    if (grades || countCols[k] || idCols[k] || genericIdCols[k] || analysisN[k] || k === laColumn) return; // an LA (805, a figure's LA index) is no count
    const filled = rows.filter((cells) => (cells[k] ?? "").trim() !== "" && (cells[k] ?? "").trim() !== "[c]");
    if (filled.length === 0 || !filled.every((cells) => wholeNumber(cells[k]))) return;
    // not in a figure's points: a funnel's published whole percentages (7 … 16 of 334 … 581 children) are no counts
    const partOf = partsByContent && countCols.some((isCount, d) => {
      if (!isCount || d === k) return false;
      const pairs = filled.filter((cells) => wholeNumber(cells[d] ?? ""));
      return pairs.length > 0 && pairs.every((cells) => Number(cells[k]) <= Number(cells[d]));
    });
    // or a whole-number column whose name speaks of people (children_ceased, looked_after), beside a count or alone
    if (partOf || isPeopleCountName(h)) countCols[k] = true;
  });
  header.forEach((h, k) => {
    const count = countCols[k];
    const id = idCols[k];
    const genericId = genericIdCols[k];
    if (!count && !id && !genericId) return;
    const hint = ROWS_COUNTED_RE.test(h) ? ROWS_COUNTED_HINT : h === CROSS_TAB_COUNT ? CROSS_TAB_HINT : pivot?.form && pivot.counts[k] && !countByName[k] ? PIVOT_HINTS[pivot.form]
      : laColumn >= 0 && !countByName[k] && mayBeGrades(rows, k) ? GRADE_HINT : "";
    const countMessage = `a count below ${threshold} in column "${h}"${hint}`;
    rows.forEach((cells, r) => {
      const v = (cells[k] ?? "").trim();
      const publishedRow = indicatorCol >= 0 && published!.has(cells[indicatorCol]);
      if (count && !publishedRow && isSmall(v, threshold)) c.add(() => where(r + 1, k), "small-count", v, countMessage);
      if (id && v !== "") c.add(where(r + 1, k), "record-identifier", v, `a record identifier in column "${h}"`);
      if (genericId && looksLikeRecordId(v)) c.add(where(r + 1, k), "record-identifier", v, `a value in column "${h}" that looks like a record identifier`);
    });
  });
  // a package's value column holds a count for an indicator of unit count
  const valueCol = names.indexOf("value");
  if (counts !== undefined && valueCol >= 0 && indicatorCol >= 0 && !countCols[valueCol]) {
    rows.forEach((cells, r) => {
      const v = (cells[valueCol] ?? "").trim();
      if (counts.has(cells[indicatorCol]) && !published!.has(cells[indicatorCol]) && isSmall(v, threshold)) {
        c.add(where(r + 1, valueCol), "small-count", v, `a count below ${threshold}: the value of ${cells[indicatorCol]}, an indicator of unit count`);
      }
    });
  }
  scanShares({ header, rows, where, c, threshold }, indicatorCol >= 0 ? published : undefined, { published: indicatorCol, any: names.indexOf("indicator") }, { percent, ratio });
  scanCellTexts({ header, rows, where, c, threshold }, header.map((_, k) => countCols[k] || idCols[k] || genericIdCols[k] || analysisN[k]));
}

/** A cell no text rule can read anything in: a number alone (no label, noun, identifier; an exponent's sign breaks a hex run). */
const PLAIN_NUMBER_RE = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]\d+)?\s*$/;
/** A run that the hex-identifier rule reads, whose finding depends on the cells to its left (a hash's label). */
const HEX_RUN_RE = /[0-9a-f]{16}/;

/**
 * The text rules on every cell of a table but those of `skip` columns. A plain number is not scanned (nothing in it is
 * read), nor a text already scanned in this file's tables without a finding (one whose hex runs make the cells to its
 * left matter is scanned each time): a heatmap's grid read a cell at a time repeats its row and column labels in every
 * cell, and a 2,000 × 2,000 grid of 1s took 17 s (hostile review, round 23).
 */
function scanCellTexts(
  t: { header: readonly string[]; rows: readonly (readonly string[])[]; where: (row: number, col: number) => string; c: Collector; threshold: number },
  skip: readonly boolean[],
): void {
  const { header, rows, where, c, threshold } = t;
  const quiet = c.quietCells;
  const said = () => c.total + (c.crossFile?.count ?? 0);
  rows.forEach((cells, r) =>
    cells.forEach((cell, k) => {
      if (skip[k] || PLAIN_NUMBER_RE.test(cell) || quiet.has(cell)) return;
      const before = said();
      const left = `${header[k] ?? ""} ${cells.slice(Math.max(0, k - 2), k).join(" ")}`;
      scanText(cell, () => where(r + 1, k), c, threshold, left.slice(-60));
      if (said() === before && !HEX_RUN_RE.test(cell)) quiet.add(cell);
    }),
  );
}

/** JSON rules: count-named fields with small integers, identifier-named fields, text rules on strings. */
export function scanJsonValue(value: unknown, at: string, key: string, c: Collector, threshold: number, prefix = "", inLog = false, parent = "", depth = 0): void {
  if (depth > MAX_JSON_DEPTH && value !== null && typeof value === "object") {
    // a hostile file nested 2,000 deep had stopped the whole run ("Maximum call stack size exceeded"), no file named
    c.add(prefix + (at.length > 80 ? `${at.slice(0, 80)}…` : at), "not-scanned", "", `JSON nested more than ${MAX_JSON_DEPTH} levels deep: what lies deeper was not checked`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => scanJsonValue(v, `${at}[${i}]`, key, c, threshold, prefix, inLog, parent, depth + 1));
    return;
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value as Record<string, unknown>);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // the n of a statistic counts LAs (the rule on counts of areas): checked as text only
      const analysisN = isAnalysisN(k, keys);
      const style = normalisedName(k) === "size" && STYLE_PARENTS.has(normalisedName(key));
      scanJsonValue(v, `${at}.${k}`, analysisN || style ? "" : k, c, threshold, prefix, inLog || LOG_KEYS.has(normalisedName(k)), key, depth + 1);
    }
    return;
  }
  if (c.readsTotals && isRecordTotalName(key) && typeof value === "number" && value >= threshold) {
    // in provenance too: that is where a run records what it read
    c.addTotal(prefix + at, String(value), `${TOTAL_MESSAGE} (field "${key}")`);
  } else if (key !== "" && !inLog && isCountName(key) && isSmall(value, threshold)) {
    c.add(prefix + at, "small-count", String(value), `a count below ${threshold} in field "${key}"`);
  } else if (key !== "" && isIdentifierName(key) && value !== null && value !== "") {
    c.add(prefix + at, "record-identifier", String(value), `a record identifier in field "${key}"`);
  } else if (key !== "" && !inLog && isGenericIdName(key) && (typeof value === "string" || typeof value === "number") && looksLikeRecordId(String(value))) {
    c.add(prefix + at, "record-identifier", String(value), `a value in field "${key}" that looks like a record identifier`);
  } else if (typeof value === "string") {
    // the JSON path is the label: $.dataset.sha256.areas, $.versions.git_commit
    scanText(value, () => prefix + at, c, threshold, at.slice(-60));
  }
}

/**
 * A histogram of values plotly counts in the browser: not-scanned rather than record-rows, since its values may be of
 * LAs as well as of children, but the counts of its bins, which a reader sees, were not checked either way.
 */
const BINNED_MESSAGE = "a histogram whose values plotly counts into bins in the browser: the counts it draws were not checked, and if its values are one per child or record the page holds record-level data. Publish the counts per bin, small ones suppressed, as a bar chart (or histfunc \"sum\" of counts given)";

/** Frames of an animation read at most per figure (plotly express writes one per value of `animation_frame`: a year, an LA). */
const MAX_FRAMES = 10_000;

/**
 * The figure-data rule (./figure-data.ts) on a plotly figure object and on each of its animation's frames
 * (`frames[k].data`, with the figure's layout and the frame's own over it); anything else gives nothing. A review drew
 * a 3 only in a later year's frame of a px animation: a notebook's figure and `fig.write_json` passed (round 23, L7).
 */
export function scanFigure(given: unknown, prefix: string, c: Collector, threshold: number): void {
  scanFigureData(given, prefix, c, threshold);
  const { frames, layout } = (given ?? {}) as { frames?: unknown; layout?: unknown };
  if (!Array.isArray(frames)) return;
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  frames.slice(0, MAX_FRAMES).forEach((frame: unknown, k) => {
    if (!isObject(frame) || !Array.isArray(frame.data)) return;
    const name = typeof frame.name === "string" || typeof frame.name === "number" ? ` (${String(frame.name).slice(0, 40)})` : "";
    const merged = isObject(frame.layout) ? { ...(isObject(layout) ? layout : {}), ...frame.layout } : layout;
    scanFigureData({ data: frame.data, layout: merged }, `${prefix}frame ${k + 1}${name}, `, c, threshold);
  });
  if (frames.length > MAX_FRAMES) c.add(`${prefix}frame ${MAX_FRAMES + 1} on`, "not-scanned", `${frames.length - MAX_FRAMES} frames`, `an animation of more than ${MAX_FRAMES.toLocaleString("en-GB")} frames: the other ${(frames.length - MAX_FRAMES).toLocaleString("en-GB")} were not checked`);
}

/** Distinct hover texts of a trace whose findings are remembered, and the longest remembered. */
const MAX_HOVERS_REMEMBERED = 10_000;
const MAX_HOVER_REMEMBERED_LENGTH = 1_000;

/**
 * The findings of a point's resolved hover, by the text rules and the hover's own ("3 of 120"), without totals (a
 * point's n is its group's). They depend on the text alone, so a trace gives them again for every point showing it: a
 * 24 MB heatmap of a million cells hovering "children=3" read the text a million times (round 23, C2: 5.5 s CPU).
 */
function hoverFindings(text: string, file: string, threshold: number): readonly PlacelessFinding[] {
  const recorder = new RecordingCollector(file);
  scanText(text, () => "", recorder, threshold);
  for (const h of hoverCounts(text, threshold)) recorder.add("", "small-count", h.value, h.message);
  return recorder.recorded;
}

/** The figure-data rule on one figure's traces (scanFigure's, and each frame's). */
function scanFigureData(given: unknown, prefix: string, c: Collector, threshold: number): void {
  // plotly.py 6's typed arrays ({"dtype": "i1", "bdata": …}) as plain arrays first: every rule reads arrays
  const { figure, problems } = decodeTypedArrays(given, c.typedArrays);
  // each of the first listed, the rest as one finding: 600,000 broken specs in a page stay cheap
  for (const p of problems.slice(0, MAX_FINDINGS_PER_FILE)) c.add(`${prefix}trace ${p.trace}`, "not-scanned", p.field, `${p.message}: the trace's "${p.field}" was not checked`);
  if (problems.length > MAX_FINDINGS_PER_FILE) c.add(`${prefix}trace ${problems[MAX_FINDINGS_PER_FILE].trace} on`, "not-scanned", `${problems.length - MAX_FINDINGS_PER_FILE} typed arrays`, `${problems.length - MAX_FINDINGS_PER_FILE} more typed arrays not decoded or decoded in part: not checked`);
  for (const f of figureSmallCounts(figure, threshold)) c.add(prefix + f.location, "small-count", f.value, f.message);
  // its points as a table (columns named by axis titles, trace names, hover labels) and their hovers as text (./figure-tables.ts)
  for (const { trace, header, rows, hover, unreadCells, binnedValues } of figureTables(figure)) {
    if (binnedValues) c.add(`${prefix}trace ${trace}`, "not-scanned", `${binnedValues} values`, BINNED_MESSAGE);
    if (unreadCells) c.add(`${prefix}trace ${trace}`, "not-scanned", `${unreadCells} cells`, `a grid of more than ${MAX_GRID_CELLS.toLocaleString("en-GB")} cells: its first ${MAX_GRID_CELLS.toLocaleString("en-GB")} were checked, the other ${unreadCells.toLocaleString("en-GB")} not`);
    scanTable(header, rows, (r, k) => `${prefix}trace ${trace} point ${r - 1} (${header[k] ?? ""})`, c, threshold, { partsByContent: false });
    const known = new BoundedCache<string, readonly PlacelessFinding[]>(MAX_HOVERS_REMEMBERED); // a hover repeated (every cell's "children=3") is read once
    hover.forEach((text, i) => {
      const found = text.length <= MAX_HOVER_REMEMBERED_LENGTH ? known.get(text, () => hoverFindings(text, c.file, threshold)) : hoverFindings(text, c.file, threshold);
      for (const f of found) c.add(() => `${prefix}trace ${trace} point ${i} hover`, f.rule, f.value, f.message);
    });
  }
}

/**
 * By content: a percentage (a proportion, a rate, a ratio of events to a denominator) and its denominator give the
 * numerator back. `published` rows (by `indicatorCol`) are not checked; a long table's `value` is a share of its row's
 * indicator (of unit percent or ratio in the package's catalogue, or named as a share).
 */
function scanShares(
  t: { header: readonly string[]; rows: readonly (readonly string[])[]; where: (row: number, col: number) => string; c: Collector; threshold: number },
  published: ReadonlySet<string> | undefined,
  indicatorCols: { published: number; any: number },
  units: { percent?: ReadonlySet<string>; ratio?: ReadonlySet<string> },
): void {
  const { header, rows, where, c, threshold } = t;
  const { percent, ratio } = units;
  // the column `indicator` (scanTable's lower-cased header), and the one whose published rows are not checked
  const { published: indicatorCol, any: anyIndicatorCol } = indicatorCols;
  for (const { column: k, denominatorColumn: d, per: columnPer } of shareColumns(header, (n) => isAnalysisN(n, header), percent, ratio)) {
    const h = header[k];
    // a long table's value column: a share of its row's indicator (decided per row); any other column is a share
    const valueOfIndicator = normalisedName(h) === "value" && anyIndicatorCol >= 0;
    rows.forEach((cells, r) => {
      if (indicatorCol >= 0 && published?.has(cells[indicatorCol])) return;
      const indicator = cells[anyIndicatorCol] ?? "";
      // a second review's own ratio 0.0186… beside 161 (3 events) had passed: only percentages were read so
      const ratioRow = valueOfIndicator && ratio?.has(indicator) === true;
      if (valueOfIndicator && !ratioRow && !/pct|percent|share/i.test(indicator) && !percent?.has(indicator)) return;
      const per = ratioRow ? 1 : columnPer;
      const recovered = recoveredCounts(cells[k], cells[d], threshold, per);
      if (recovered) c.add(where(r + 1, k), "small-count", `${cells[k]} of ${cells[d]}`, `${recovered} recoverable as ${h} × ${header[d]} / ${per}`);
    });
  }
}

/**
 * A plotly figure's data as the tables and text a reader of its hover boxes and axes sees, for the disclosure scanner
 * (./scan.ts applies its table and text rules to them). A hostile review (round 21, F12) drew small counts that the
 * figure rule of ./figure-data.ts, which pairs a percentage with a denominator, never read: y = [3, 80] under a y-axis
 * "Number of children", bars of "Children looked after" or a trace named "Adoptions", `customdata` shown as
 * "n = %{customdata}", and hovers "%{customdata[0]} of %{x}" (3 of 120) and "%{y:.1f}% of %{x} children" (2.5% of 120).
 *
 * Per trace, one table: a row per point, a column per field the figure shows — x, y, and each customdata entry —
 * named by the hovertemplate's (or texttemplate's) label for it ("n = %{customdata}", "Children: %{y}"), else its
 * axis title, else (the value axis of a trace) the trace's name, else "x value" (a name no rule reads as a count). And
 * per point, the hovertemplate and texttemplate with every `%{…}` placeholder replaced by the point's value (formats
 * ignored: the value in the file is what a reader can take), as text ("%{y} children": "3 children").
 * A line chart (a lines-only trace) is read on its value axis only — its other axis is a domain (years, or the
 * denominators along a funnel's limits) — and not at all when it is a limit, band, mean or fitted line, hidden from
 * the hover, or says nothing of its values. A pie's labels and values are read, its values under its name, else its
 * title, else (unnamed whole numbers, not percentages summing to 100, not of LAs) as counts (round 21's second review:
 * lines, pies and texttemplates passed with 0 findings). A heatmap's (or contour's, surface's, a 2-D histogram's z)
 * grid is read a cell at a time, its z under the hover's label for it, else the colour bar's title (its own, or its
 * shared colour axis's), else the trace's name ({@link gridAsPoints}). A placeholder's percentage format (".0%") is
 * applied, as the hover shows it. A histogram plotly bins itself is reported, not read ({@link binnedInBrowser}).
 */
import { titleText } from "./figure-data";
import { stripTags } from "./html-text";
import { recoveredCounts } from "./percentage-counts";
import { isSmallCount } from "./suppress-counts";
import { maxOf } from "../stats/extreme";

/** One trace of a figure read as a table, and its points' hover text. */
export interface FigureTable {
  /** The trace's index in the figure's data. */
  trace: number;
  header: string[];
  rows: string[][];
  /** Per point, the hovertemplate resolved (empty when the trace has none). */
  hover: string[];
  /** Cells of a heatmap's grid beyond MAX_GRID_CELLS, not read (the scanner reports them as not scanned). */
  unreadCells?: number;
  /** Values of a histogram that plotly counts into bins in the browser (see {@link binnedInBrowser}); its bins' counts are not read. */
  binnedValues?: number;
}

type Trace = Record<string, unknown>;
/** customdata entries per point read as columns (a hover box shows a handful). */
const MAX_CUSTOMDATA_COLUMNS = 32;
/** A `%{…}` placeholder of a hovertemplate: its field (`customdata[0]`) and format. */
const PLACEHOLDER_RE = /%\{([\w.[\]]+)(?::([^}]*))?\}/g;

/** A field of a trace at point i: "x", "customdata", "customdata[0]", "text"; undefined when absent. */
export function traceFieldAt(trace: Trace, field: string, i: number): unknown {
  const m = /^([\w.]+)(?:\[(\d+)\])?$/.exec(field.trim());
  if (!m) return undefined;
  const values = fieldValues(trace, m[1]);
  // a scalar (a trace's one text for every point) is every point's value
  if (!Array.isArray(values)) return m[2] === undefined && (typeof values === "string" || typeof values === "number") ? values : undefined;
  const v = values[i];
  if (m[2] === undefined) return v;
  return Array.isArray(v) ? v[Number(m[2])] : undefined;
}

/** A trace's field by its name or dotted path ("y", "marker.size"), without an index. */
function fieldValues(trace: Trace, path: string): unknown {
  let v: unknown = trace;
  for (const part of path.split(".")) v = v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** A marker's arrays shown per point (plotly express' `size=` and `color=`: "children=%{marker.size}"). */
const MARKER_FIELDS = ["marker.size", "marker.color"] as const;

const cellText = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? String(v) : typeof v === "string" ? v : "");

/**
 * Labels a hovertemplate gives its fields: "label: %{field}" or "label = %{field}" in one line of the hover.
 * @example
 * templateLabels("Leeds<br>n = %{customdata}<br>Share: %{y:.1f}%").get("customdata") // "n"
 */
export function templateLabels(template: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const segment of template.split(/<br\s*\/?>|\n/i).slice(0, MAX_CUSTOMDATA_COLUMNS)) {
    for (const m of stripTags(segment).matchAll(/([^:=%{}]{1,60}?)\s*[:=]\s*%\{([\w.[\]]+)[^}]*\}/g)) {
      if (m[1].trim() !== "" && !labels.has(m[2])) labels.set(m[2], m[1].trim());
    }
  }
  return labels;
}

/**
 * The tables and hover text of a plotly figure (see the file's comment); none for anything that is not one.
 * @example
 * const fig = { data: [{ type: "bar", name: "Adoptions", x: ["A", "B"], y: [3, 80] }], layout: {} };
 * figureTables(fig)[0].header // ["x value", "Adoptions"]
 */
export function figureTables(figure: unknown): FigureTable[] {
  if (figure === null || typeof figure !== "object") return [];
  const { data, layout } = figure as { data?: unknown; layout?: unknown };
  if (!Array.isArray(data)) return [];
  const axes = (layout !== null && typeof layout === "object" ? layout : {}) as Record<string, unknown>;
  const tables: FigureTable[] = [];
  data.forEach((raw: unknown, t) => {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return;
    const table = traceTable(raw as Trace, axes);
    if (table) tables.push({ trace: t, ...table });
  });
  return tables;
}

/** A line that is no data: a limit, an interval's edge, a fitted or expected line, or one its hover does not show. */
const NOT_A_VALUE_LINE_RE = /limit|interval|\bci\b|lower|upper|band|target|mean|average|median|fit|trend|regression|expected|predicted|smooth/i;

/**
 * The fields of a trace read as columns: x and y (a line's value axis only: its other axis is a domain, years or a
 * funnel's denominators), a pie's labels and values, and customdata; none for a line that is no data or says nothing.
 */
function traceFields(trace: Trace, valueAxis: "x" | "y", valueTitle: string): string[] {
  if (trace.type === "pie") return ["labels", "values"].filter((f) => Array.isArray(trace[f]));
  const linesOnly = typeof trace.mode === "string" && !/markers|text/.test(trace.mode);
  const name = typeof trace.name === "string" ? trace.name : "";
  // a line saying nothing of its values (no name, hover or axis title) would be read as "y value", a name of no count
  const unlabelled = name === "" && typeof trace.hovertemplate !== "string" && valueTitle === "";
  if (linesOnly && (unlabelled || NOT_A_VALUE_LINE_RE.test(name) || /^(skip|none)$/.test(String(trace.hoverinfo)))) return [];
  const fields = (linesOnly ? [valueAxis] : ["x", "y"]).filter((f) => Array.isArray(trace[f]));
  const markers = MARKER_FIELDS.filter((f) => {
    const values = fieldValues(trace, f);
    return Array.isArray(values) && values.some((v) => typeof v === "number");
  });
  return [...fields, ...markers, ...customdataFields(trace)];
}

/** A trace's customdata as columns: `customdata`, or `customdata[k]` for each entry of its widest point (at most 32). */
function customdataFields(trace: Trace): string[] {
  const custom = Array.isArray(trace.customdata) ? (trace.customdata as unknown[]) : [];
  // a loop, not Math.max(...): a figure of 120,000 points with customdata overflowed the stack and stopped the scan
  let widest = 0;
  for (const v of custom) if (Array.isArray(v) && v.length > widest) widest = v.length;
  const width = Math.min(MAX_CUSTOMDATA_COLUMNS, widest);
  if (custom.length === 0) return [];
  return width > 0 ? Array.from({ length: width }, (_, k) => `customdata[${k}]`) : ["customdata"];
}

/**
 * Traces whose values are a grid `z[row][column]` drawn at (x[column], y[row]), or a z per point with x and y per
 * point; a 2-D histogram's z when it is given. A hostile review (round 23, D1) drew heatmapgl, surface,
 * histogram2dcontour and contourcarpet grids of small counts: each passed.
 */
const GRID_TRACE_TYPES: ReadonlySet<unknown> = new Set(["heatmap", "heatmapgl", "contour", "contourcarpet", "surface", "histogram2d", "histogram2dcontour"]);
/** Traces plotly counts into bins itself from one value per record: the page holds the values, the bins' counts are drawn in the browser. */
const BINNED_TRACE_TYPES: ReadonlySet<unknown> = new Set(["histogram", "histogram2d", "histogram2dcontour"]);

/**
 * The values a histogram trace holds that plotly counts into bins in the browser (one per record), or 0 when it is
 * given counted (`histfunc: "sum"` of the y, or a 2-D histogram's z, it is given: one row per bin). Its bins' counts
 * are not computed here (plotly's automatic bins are its own), so the scanner reports such a trace as not scanned:
 * the counts a reader sees were not checked, and the page holds record-level values (round 23, D1: per-child x and y
 * in a histogram2d of 3 and 80 children passed).
 * @example binnedInBrowser({ type: "histogram", x: ["A", "A", "B"] }) // 3
 */
export function binnedInBrowser(trace: Trace): number {
  if (!BINNED_TRACE_TYPES.has(trace.type)) return 0;
  const counted = trace.type === "histogram" ? (trace.orientation === "h" ? "x" : "y") : "z";
  if (trace.histfunc === "sum" && Array.isArray(trace[counted])) return 0;
  const lengths = ["x", "y"].map((f) => (Array.isArray(trace[f]) ? (trace[f] as unknown[]).length : 0));
  return Math.max(...lengths);
}

/**
 * A heatmap's (or contour's) grid as a trace of points, one per cell: x, y, z, text and customdata taken at
 * [row][column] (x and y by column and row, or the index when absent). Round 22 left heatmaps read by their x and y
 * only: a grid of small counts ("Children" by LA and year, z = [[3, 80]]) passed with 0 findings. Undefined for any
 * other trace or a z that is not an array of rows.
 * @example gridAsPoints({ type: "heatmap", x: [2022, 2023], y: ["A"], z: [[3, 80]] })!.z // [3, 80]
 */
export function gridAsPoints(trace: Trace): (Trace & { unreadCells: number }) | undefined {
  const z = trace.z;
  if (!GRID_TRACE_TYPES.has(trace.type) || !Array.isArray(z) || z.length === 0) return undefined;
  // a z per point, with x and y per point (a form plotly draws as a grid): read as points, up to the same cap
  if (!z.some(Array.isArray)) return { ...trace, z: z.length > MAX_GRID_CELLS ? z.slice(0, MAX_GRID_CELLS) : z, unreadCells: Math.max(0, z.length - MAX_GRID_CELLS) };
  let unreadCells = 0;
  const cellOf = (v: unknown, row: number, column: number) => (Array.isArray(v) && Array.isArray(v[row]) ? (v[row] as unknown[])[column] : undefined);
  const axisAt = (v: unknown, k: number) => (Array.isArray(v) ? v[k] : k);
  const flat: Record<string, unknown[]> = { x: [], y: [], z: [], text: [], customdata: [] };
  z.forEach((cells: unknown, row) => {
    if (!Array.isArray(cells)) return;
    const room = Math.max(0, MAX_GRID_CELLS - flat.z.length);
    unreadCells += Math.max(0, cells.length - room);
    for (let column = 0; column < Math.min(cells.length, room); column++) {
      flat.x.push(axisAt(trace.x, column));
      flat.y.push(axisAt(trace.y, row));
      flat.z.push(cells[column]);
      flat.text.push(cellOf(trace.text, row, column) ?? (typeof trace.text === "string" ? trace.text : undefined));
      flat.customdata.push(cellOf(trace.customdata, row, column));
    }
  });
  const hasCustom = flat.customdata.some((v) => v !== undefined);
  return { ...trace, x: flat.x, y: flat.y, z: flat.z, text: flat.text, customdata: hasCustom ? flat.customdata : undefined, unreadCells };
}

/**
 * Cells of one grid read at most: each becomes a row of the table the rules read (≈ 200 bytes), and a 24 MiB page can
 * hold a grid of 11 million (a hostile review, round 23: 13.8 s and 2.3 GB). Cells beyond are reported as not scanned.
 */
export const MAX_GRID_CELLS = 1_000_000;

/** A grid's columns: x, y, z and its customdata entries. */
function gridFields(grid: Trace): string[] {
  return [...["x", "y", "z"], ...customdataFields(grid)];
}

/**
 * A z's colour bar title: the trace's own, else that of the shared colour axis it names (`coloraxis: "coloraxis2"`,
 * titled in `layout.coloraxis2.colorbar`, as plotly express writes every heatmap).
 */
function colourBarTitle(trace: Trace, layout: Record<string, unknown>): string {
  const own = titleText(trace.colorbar);
  if (own !== "" || typeof trace.coloraxis !== "string" || !/^coloraxis\d*$/.test(trace.coloraxis)) return own;
  const axis = layout[trace.coloraxis];
  return axis !== null && typeof axis === "object" ? titleText((axis as { colorbar?: unknown }).colorbar) : "";
}

/**
 * A placeholder's value as the hover shows it, where that changes what a reader takes: a d3 percentage format (".0%",
 * "%") shows the value × 100 with a % sign, to its precision (0.3 under ".0%" is "30%": "30% of 10 children" gives 3
 * back); any other format is ignored (the value in the file is what a reader can take).
 * @example formatted(0.3, ".0%") // "30%"
 */
export function formatted(v: unknown, format: string | undefined): string {
  const m = format === undefined ? null : /(?:\.(\d{1,2}))?%$/.exec(format);
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  if (!m || !Number.isFinite(n)) return cellText(v);
  const percent = n * 100;
  return `${m[1] !== undefined ? percent.toFixed(Number(m[1])) : String(Number(percent.toPrecision(12)))}%`;
}

/** A pie's `%{value}` and `%{label}` are its `values` and `labels`; every other placeholder names its field. */
const PIE_FIELDS: Record<string, string> = { value: "values", label: "labels" };

/** One trace as a table and its points' hover and text templates resolved (see the file's comment). */
function traceTable(raw: Trace, axes: Record<string, unknown>): Omit<FigureTable, "trace"> | undefined {
  if (raw.type === "table") return tableTraceTable(raw);
  const given = asReadTrace(raw);
  const binned = binnedInBrowser(given);
  const table = gridOrTraceTable(given, axes);
  if (binned === 0) return table;
  return { header: [], rows: [], hover: [], ...table, binnedValues: binned };
}

/** Map traces: a value (z) per location, coloured on a colour bar. */
const MAP_TRACE_TYPES: ReadonlySet<unknown> = new Set(["choropleth", "choroplethmap", "choroplethmapbox"]);
/** Traces of parts of a whole, read as a pie's labels and values are. */
const PARTS_TRACE_TYPES: ReadonlySet<unknown> = new Set(["treemap", "sunburst", "icicle", "funnelarea"]);

/**
 * A trace of a kind read as another: a map's values per location as a heatmap's z per point (the locations its x), a
 * treemap's, sunburst's or icicle's values per label as a pie's. A review (round 23) found a choropleth of children
 * by LA, a treemap and a sunburst passing with 0 findings: only x, y, customdata, pies and grids were read.
 */
function asReadTrace(trace: Trace): Trace {
  if (MAP_TRACE_TYPES.has(trace.type) && Array.isArray(trace.z)) return { ...trace, type: "heatmap", x: trace.locations, y: undefined };
  if (PARTS_TRACE_TYPES.has(trace.type) && Array.isArray(trace.values)) return { ...trace, type: "pie" };
  return trace;
}

/**
 * A plotly table (`go.Table`) as the table it shows: its header's values as column names, its cells' values by column
 * (`cells.values[column][row]`). A review (round 23) found a table of children by LA passing with 0 findings.
 * @example tableTraceTable({ type: "table", header: { values: ["LA", "Children"] }, cells: { values: [["A", "B"], [3, 80]] } })!.rows // [["A", "3"], ["B", "80"]]
 */
export function tableTraceTable(trace: Trace): Omit<FigureTable, "trace"> | undefined {
  const cellsOf = (part: unknown) => (part !== null && typeof part === "object" ? (part as { values?: unknown }).values : undefined);
  const columns = cellsOf(trace.cells);
  if (!Array.isArray(columns) || columns.length === 0) return undefined;
  const names = cellsOf(trace.header);
  const header = columns.map((_, k) => stripTags(cellText(Array.isArray(names) ? (Array.isArray(names[k]) ? (names[k] as unknown[]).join(" ") : names[k]) : undefined)) || `column ${k + 1}`);
  const length = Math.min(MAX_GRID_CELLS, maxOf(columns.map((c) => (Array.isArray(c) ? c.length : 1))));
  const rows = Array.from({ length }, (_, r) => columns.map((c) => cellText(Array.isArray(c) ? c[r] : c)));
  return { header, rows, hover: [] };
}

/** A trace's table: its grid's cells when it is a grid, else its points. */
function gridOrTraceTable(given: Trace, axes: Record<string, unknown>): Omit<FigureTable, "trace"> | undefined {
  const grid = gridAsPoints(given);
  const trace = grid ?? given;
  const pie = trace.type === "pie";
  const valueAxis = grid ? "z" : trace.orientation === "h" ? "x" : "y";
  const axisOf = (letter: string) => axes[`${letter}axis${typeof trace[`${letter}axis`] === "string" ? String(trace[`${letter}axis`]).slice(1) : ""}`];
  const fields = grid ? gridFields(grid) : traceFields(trace, valueAxis as "x" | "y", titleText(axisOf(valueAxis)));
  if (fields.length === 0) return undefined;
  const templates = ["hovertemplate", "texttemplate"].map((k) => (typeof trace[k] === "string" ? (trace[k] as string) : "")).filter((x) => x !== "");
  const labels = templateLabels(templates.join("<br>"));
  const fieldOf = (f: string) => (pie ? PIE_FIELDS[f] ?? f : f);
  for (const [f, label] of [...labels]) if (fieldOf(f) !== f && !labels.has(fieldOf(f))) labels.set(fieldOf(f), label);
  const name = typeof trace.name === "string" ? trace.name : "";
  const header = fields.map((f) => {
    const label = labels.get(f) ?? (f === "x" || f === "y" ? titleText(axisOf(f)) : f === "z" ? colourBarTitle(trace, axes) : "");
    if (label !== "") return stripTags(label);
    if (pie) return f === "values" ? pieValuesName(trace, name, titleText(axes)) : "label";
    return stripTags(f === valueAxis && name !== "" ? name : `${f} value`);
  });
  let points = 0;
  for (const f of fields) {
    const values = fieldValues(trace, f.replace(/\[\d+\]$/, ""));
    if (Array.isArray(values) && values.length > points) points = values.length;
  }
  const rows = Array.from({ length: points }, (_, i) => fields.map((f) => cellText(traceFieldAt(trace, f, i))));
  const resolve = (template: string, i: number) => stripTags(template.replace(PLACEHOLDER_RE, (_m, f: string, format?: string) => formatted(traceFieldAt(trace, fieldOf(f), i), format)));
  const hover = templates.length === 0 ? [] : Array.from({ length: points }, (_, i) => templates.map((x) => resolve(x, i)).join("\n"));
  return grid && grid.unreadCells > 0 ? { header, rows, hover, unreadCells: grid.unreadCells } : { header, rows, hover };
}

/** Words of an unnamed pie's labels or hover that make its slices counts of areas or things, or amounts, not of people. */
const NOT_PEOPLE_PIE_RE = /\b(las?|local authorit\w*|authorit\w*|areas?|councils?|regions?|indicators?|measures?|items?|periods?|years?|resamples?|verdicts?|percent\w*|%|share|proportion|rate|score|£|spend\w*|cost\w*)\b/i;

/**
 * The column name of a pie's values: its name, else its layout's title, when they say what it counts; unnamed, whole
 * numbers other than percentages summing to 100 are read as counts ("count"), since a pie's slices are the parts of a
 * whole and plotly shows each slice's value on hover — unless its labels or hover speak of LAs, indicators, amounts.
 */
function pieValuesName(trace: Trace, name: string, title: string): string {
  const said = stripTags(name !== "" ? name : title);
  if (said !== "") return said;
  const values = trace.values as unknown[];
  const whole = values.every((v) => typeof v === "number" && Number.isInteger(v) && v >= 0);
  const sum = whole ? values.reduce((a: number, v) => a + (v as number), 0) : 0;
  const labels = Array.isArray(trace.labels) ? trace.labels.slice(0, MAX_CUSTOMDATA_COLUMNS).join(" ") : "";
  const speaksOfThings = NOT_PEOPLE_PIE_RE.test(`${labels} ${String(trace.hovertemplate ?? "")}`);
  return whole && sum !== 100 && !speaksOfThings ? "count" : "values";
}

/** "2.5% of 120" in a hover: a percentage of a denominator. */
const PERCENT_OF_RE = /(?<![\w.])(\d+(?:\.\d+)?)\s*%\s+of\s+(\d{1,3}(?:,\d{3})+|\d+)(?![\d.])/g;
/** "3 of 120" in a hover: a count of a denominator (not a rank, "3rd of", nor "of 150 LAs"). */
const COUNT_OF_RE = /(?<![\w.%#])(?<!\b(?:rank(?:ed)?|position|place|number|no\.?)\s+)(\d+)\s+of\s+(\d{1,3}(?:,\d{3})+|\d+)(?![\d.%])(?!\s+(?:las?\b|local authorit|authorit|areas?\b|councils?\b|regions?\b))/gi;

/** Words within a few characters of an "of" that make it a share of areas, resamples or indicators (the analysis report's hovers). */
const NOT_PEOPLE_NEARBY_RE = /\b(las?|local authorit\w*|authorit\w*|areas?|councils?|regions?|resamples?|half-samples?|bootstraps?|indicators?|slots?|years?|periods?)\b/i;

/**
 * The small counts a point's resolved hover text gives: "2.5% of 120" (3, as a percentage column beside its
 * denominator is read) and "3 of 120" (3; "117 of 120": 3 did not), as a reader of the hover box reads them.
 * @example
 * hoverCounts("B: 2.5% of 120 children", 10)[0].message // "a count of 3 recoverable from the hover's 2.5% of 120"
 * hoverCounts("3 of 150 LAs", 10) // []
 * hoverCounts("2 LAs (1% of 153) in the best 10%", 10) // []
 */
export function hoverCounts(text: string, threshold: number): { value: string; message: string }[] {
  const found: { value: string; message: string }[] = [];
  // "2 LAs (1% of 153)", "selected in 93% of 1,000 half-samples": shares of LAs or resamples, not of people
  const ofPeople = (m: RegExpMatchArray) => !NOT_PEOPLE_NEARBY_RE.test(text.slice(Math.max(0, m.index! - 24), m.index! + m[0].length + 24));
  for (const m of [...text.matchAll(PERCENT_OF_RE)].filter(ofPeople)) {
    const recovered = recoveredCounts(m[1], m[2].replace(/,/g, ""), threshold);
    if (recovered) found.push({ value: m[0], message: `${recovered} recoverable from the hover's ${m[0]}` });
  }
  for (const m of [...text.matchAll(COUNT_OF_RE)].filter(ofPeople)) {
    const [count, of] = [Number(m[1]), Number(m[2].replace(/,/g, ""))];
    if (count > of) continue;
    if (isSmallCount(count, threshold)) found.push({ value: m[0], message: `a count below ${threshold} in the hover: ${m[0]}` });
    else if (isSmallCount(of - count, threshold)) found.push({ value: m[0], message: `a complement below ${threshold} in the hover: ${m[0]} (${of - count} not counted)` });
  }
  return found;
}

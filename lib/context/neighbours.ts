/**
 * Statistical neighbours: DfE's published groups and our own nearest neighbours on context variables,
 * and the neighbour summaries (median, range) that benchmarks use.
 *
 * - **DfE groups.** The Children's Services Statistical Neighbour Benchmarking Tool (NFER for DfES,
 *   Benton et al. 2007) gives each LA 10 neighbours with a closeness label. Two models are read in
 *   place from the official files ({@link DFE_NEIGHBOUR_FILES}): the April 2021 groupings (columns
 *   `LA num, …, SN1, SNP, …, SN10, SNP`) and the 2025 model (`old_la_code, …, SN_1, SN_1P, …`). Codes are
 *   DfE 3-digit LA numbers; {@link neighboursForArea} maps them to the package's `la_code` through
 *   areas.csv `old_la_code`. Closeness labels are normalised to lower case with spaces trimmed.
 *   An LA listed twice with identical rows is merged; conflicting duplicates are a {@link DataError}. The 2021 file ends with an
 *   "Old SNs:" section (Dorset, Poole and Bournemouth before 2019, Northamptonshire before 2021): those
 *   groups are kept with `section: "old"`; blank and heading lines are skipped.
 * - **Our nearest neighbours** ({@link nearestNeighbours}): each context variable is standardised to
 *   mean 0, SD 1 over the LAs that have every variable (z = (x − mean)/sd, sample SD), and LAs are ranked
 *   by Euclidean distance d = √Σ(z_a − z_b)² (equal weights), as CIPFA's and NHS Digital's peer models do.
 *   Closeness is reported as the distance and as d / d_max over all LAs (CIPFA's rescaling, 0 = identical,
 *   1 = the farthest LA). LAs missing any variable are left out and listed.
 * - **Summaries** ({@link neighbourSummary}): median (R type 7, = `median()`), minimum, maximum and the
 *   number of neighbours with a value; the CSC Outcomes & Enablers dashboard uses the median of the 10.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, InputError } from "../errors";
import { decodeUtf8, parseCsv } from "../data/csv";
import { quantile } from "../stats/quantile";
import { sampleSd } from "../stats/summary";

/** The two published DfE models and their file names in `official/ees/neighbours/`. */
export const DFE_NEIGHBOUR_FILES = Object.freeze({
  "2021": "New_Statistical_Neighbour_Groupings_April_2021.csv",
  "2025": "sn_model_2025_wide.csv",
});
export type NeighbourModel = keyof typeof DFE_NEIGHBOUR_FILES;

/** How many neighbours DfE gives each LA. */
export const DFE_NEIGHBOURS_PER_LA = 10;
/** Default number of our own nearest neighbours (as DfE's). */
export const DEFAULT_NEAREST_NEIGHBOURS = 10;

/** Closeness labels seen in the DfE files, normalised. */
export const CLOSENESS_LABELS = Object.freeze(["extremely close", "very close", "close", "somewhat close", "not close"]);

export interface DfeNeighbour {
  /** DfE 3-digit number of the neighbour. */
  oldLaCode: string;
  /** 1 = closest. */
  rank: number;
  closeness: string;
}

/** One LA's published group. */
export interface DfeNeighbourGroup {
  oldLaCode: string;
  laName: string;
  model: NeighbourModel;
  /** `old`: listed under the 2021 file's "Old SNs:" heading (LAs before the 2019–2021 reorganisations). */
  section: "current" | "old";
  neighbours: DfeNeighbour[];
}

function normaliseCloseness(label: string, file: string, row: number, column: string): string {
  const c = label.trim().toLowerCase().replace(/\s+/g, " ");
  if (!CLOSENESS_LABELS.includes(c)) {
    throw new DataError({ file, row, column, value: label, expected: `a closeness label (${CLOSENESS_LABELS.join(", ")})` });
  }
  return c;
}

/**
 * Parse a DfE statistical-neighbour file (either model) from its text.
 * @param text the CSV text (a UTF-8 BOM is allowed)
 * @param file the file name, for error messages
 * @param model "2021" or "2025" (the column layouts differ)
 * @throws DataError for a malformed code, a missing neighbour, an unknown closeness label or conflicting duplicates
 * @example
 * parseDfeNeighbourGroups(fs.readFileSync(f, "utf8"), f, "2025")[0].neighbours[0] // { oldLaCode: "308", rank: 1, closeness: "close" }
 */
export function parseDfeNeighbourGroups(text: string, file: string, model: NeighbourModel): DfeNeighbourGroup[] {
  if (model !== "2021" && model !== "2025") throw new InputError("parseDfeNeighbourGroups", 'model must be "2021" or "2025"', model);
  const csv = parseCsv(text.replace(/^\uFEFF/, ""), file);
  const header = csv.header;
  const codeCol = model === "2021" ? 0 : header.indexOf("old_la_code");
  const nameCol = model === "2021" ? 1 : header.indexOf("la_name");
  if (codeCol < 0 || nameCol < 0) throw new DataError({ file, row: 0, expected: "columns old_la_code and la_name (2025 model)" });
  // neighbour k (1..10): code column and label column
  const cols: { code: number; label: number; name: string }[] = [];
  for (let k = 1; k <= DFE_NEIGHBOURS_PER_LA; k++) {
    const code = header.indexOf(model === "2021" ? `SN${k}` : `SN_${k}`);
    if (code < 0) throw new DataError({ file, row: 0, column: model === "2021" ? `SN${k}` : `SN_${k}`, expected: "a neighbour column" });
    cols.push({ code, label: code + 1, name: header[code] });
  }
  const byCode = new Map<string, DfeNeighbourGroup>();
  const out: DfeNeighbourGroup[] = [];
  let section: DfeNeighbourGroup["section"] = "current";
  csv.rows.forEach((cells, r) => {
    const row = r + 1;
    const oldLaCode = (cells[codeCol] ?? "").trim();
    if (oldLaCode === "" && cols.every((c) => (cells[c.code] ?? "").trim() === "")) {
      // a blank line or a heading line (the 2021 file has ",Old SNs:" before the predecessor LAs)
      if (cells.some((c) => /old sns/i.test(c))) section = "old";
      return;
    }
    if (!/^\d{3}$/.test(oldLaCode)) throw new DataError({ file, row, column: header[codeCol], value: oldLaCode, expected: "a DfE 3-digit LA number" });
    const neighbours: DfeNeighbour[] = cols.map((c, i) => {
      const code = (cells[c.code] ?? "").trim();
      if (!/^\d{3}$/.test(code)) throw new DataError({ file, row, column: c.name, value: code, expected: "a DfE 3-digit LA number" });
      return { oldLaCode: code, rank: i + 1, closeness: normaliseCloseness(cells[c.label] ?? "", file, row, header[c.label]) };
    });
    const group: DfeNeighbourGroup = { oldLaCode, laName: (cells[nameCol] ?? "").trim(), model, section, neighbours };
    const previous = byCode.get(oldLaCode);
    if (previous) {
      if (JSON.stringify(previous.neighbours) !== JSON.stringify(neighbours)) {
        throw new DataError({ file, row, column: header[codeCol], value: oldLaCode, expected: "one neighbour group per LA (a conflicting duplicate row)" });
      }
      return; // identical duplicate: merged
    }
    byCode.set(oldLaCode, group);
    out.push(group);
  });
  return out;
}

/**
 * Read a DfE neighbour model from the official data folder (`…/official` or `…/official/ees/neighbours`).
 * @example
 * readDfeNeighbourGroups("../shared/data/official", "2025").length // 153
 */
export function readDfeNeighbourGroups(dir: string, model: NeighbourModel): DfeNeighbourGroup[] {
  const name = DFE_NEIGHBOUR_FILES[model];
  if (!name) throw new InputError("readDfeNeighbourGroups", 'model must be "2021" or "2025"', model);
  const candidates = [path.join(dir, name), path.join(dir, "ees", "neighbours", name)];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new DataError({ file: candidates[1], expected: `the DfE statistical-neighbour file ${name}` });
  return parseDfeNeighbourGroups(decodeUtf8(fs.readFileSync(file), file), file, model);
}

/** A neighbour as an area of the package. */
export interface AreaNeighbour {
  la_code: string;
  la_name: string;
  rank: number;
  closeness: string;
  /** Euclidean distance on standardised context (own model only). */
  distance?: number;
}

/** An LA's neighbours in package codes, with what could not be mapped. */
export interface AreaNeighbours {
  la_code: string;
  source: "dfe-2021" | "dfe-2025" | "nearest-context";
  neighbours: AreaNeighbour[];
  /** DfE numbers (or notes) that have no area in the package. */
  unmapped: string[];
  note?: string;
}

/**
 * The DfE neighbours of one area, mapped to package `la_code`s via areas.csv `old_la_code`. An area
 * without a group in the model (e.g. an LA created after the model) gets an empty list and a note.
 * @example
 * neighboursForArea(groups, areas, "E06000059", "2025").neighbours.map((n) => n.la_name)
 */
export function neighboursForArea(
  groups: readonly DfeNeighbourGroup[],
  areas: readonly { la_code: string; la_name: string; old_la_code: string }[],
  laCode: string,
  model: NeighbourModel,
): AreaNeighbours {
  const area = areas.find((a) => a.la_code === laCode);
  if (!area) throw new InputError("neighboursForArea", "la_code not found in areas", laCode);
  const source = model === "2021" ? "dfe-2021" : "dfe-2025";
  const group = groups.find((g) => g.model === model && g.oldLaCode === area.old_la_code);
  if (!group) {
    return { la_code: laCode, source, neighbours: [], unmapped: [], note: `no ${model} DfE neighbour group for DfE number "${area.old_la_code}"` };
  }
  const byOld = new Map(areas.filter((a) => a.old_la_code !== "").map((a) => [a.old_la_code, a]));
  const neighbours: AreaNeighbour[] = [];
  const unmapped: string[] = [];
  for (const n of group.neighbours) {
    const a = byOld.get(n.oldLaCode);
    if (a) neighbours.push({ la_code: a.la_code, la_name: a.la_name, rank: n.rank, closeness: n.closeness });
    else unmapped.push(n.oldLaCode);
  }
  return { la_code: laCode, source, neighbours, unmapped };
}

/** Context variables for LAs as a dense matrix (rows = LAs, columns = variables; NaN = missing). */
export interface ContextMatrix {
  laCodes: readonly string[];
  laNames?: readonly string[];
  variables: readonly string[];
  /** Row-major, laCodes.length × variables.length. */
  values: ArrayLike<number>;
}

/**
 * Our own nearest neighbours: Euclidean distance on standardised context variables (see file header).
 * @param matrix the context matrix
 * @param laCode the LA to find neighbours for (must have every variable)
 * @param k number of neighbours (default 10)
 * @example
 * nearestNeighbours({ laCodes: ["A", "B", "C"], variables: ["idaci"], values: [0.1, 0.2, 0.5] }, "A", 1).neighbours[0].la_code // "B"
 */
export function nearestNeighbours(matrix: ContextMatrix, laCode: string, k: number = DEFAULT_NEAREST_NEIGHBOURS): AreaNeighbours & { variables: string[]; n: number; excluded: string[] } {
  const fn = "nearestNeighbours";
  const { laCodes, variables, values } = matrix;
  const p = variables.length;
  if (p === 0) throw new InputError(fn, "needs at least one context variable", p);
  if (values.length !== laCodes.length * p) throw new InputError(fn, `values must have ${laCodes.length * p} cells`, values.length);
  if (!(Number.isInteger(k) && k >= 1)) throw new InputError(fn, "k must be an integer >= 1", k);
  const target = laCodes.indexOf(laCode);
  if (target < 0) throw new InputError(fn, "la_code not in the context matrix", laCode);
  const complete: number[] = [];
  const excluded: string[] = [];
  for (let i = 0; i < laCodes.length; i++) {
    let ok = true;
    for (let j = 0; j < p; j++) if (!Number.isFinite(values[i * p + j])) ok = false;
    if (ok) complete.push(i);
    else excluded.push(laCodes[i]);
  }
  if (!complete.includes(target)) throw new InputError(fn, `${laCode} lacks a value for some context variable`, laCode);
  if (complete.length < 3) throw new InputError(fn, "needs at least 3 LAs with every context variable", complete.length);
  const sd = new Float64Array(p);
  for (let j = 0; j < p; j++) sd[j] = sampleSd(complete.map((i) => values[i * p + j]));
  const usable = variables.map((_, j) => sd[j] > 0);
  const dist = (a: number, b: number) => {
    let d = 0;
    for (let j = 0; j < p; j++) if (usable[j]) d += ((values[a * p + j] - values[b * p + j]) / sd[j]) ** 2;
    return Math.sqrt(d);
  };
  const others = complete.filter((i) => i !== target).map((i) => ({ i, d: dist(target, i) }));
  others.sort((a, b) => a.d - b.d || (laCodes[a.i] < laCodes[b.i] ? -1 : 1));
  const dMax = others.length ? others[others.length - 1].d : NaN;
  const neighbours: AreaNeighbour[] = others.slice(0, k).map((o, r) => ({
    la_code: laCodes[o.i],
    la_name: matrix.laNames?.[o.i] ?? laCodes[o.i],
    rank: r + 1,
    closeness: dMax > 0 ? `relative distance ${(o.d / dMax).toFixed(3)}` : "identical",
    distance: o.d,
  }));
  const dropped = variables.filter((_, j) => !usable[j]);
  return {
    la_code: laCode,
    source: "nearest-context",
    neighbours,
    unmapped: [],
    variables: variables.filter((_, j) => usable[j]),
    n: complete.length,
    excluded,
    ...(dropped.length ? { note: `constant variables ignored: ${dropped.join(", ")}` } : {}),
  };
}

/** Median and range of the neighbours' values, and how many had one. */
export interface NeighbourSummary {
  median: number;
  min: number;
  max: number;
  /** Neighbours with a value. */
  n: number;
  /** Neighbours asked for. */
  of: number;
}

/**
 * Median (R type 7), minimum and maximum of neighbour values; NaN values are left out; all NaN when no
 * neighbour has a value.
 * @example
 * neighbourSummary([3, NaN, 1, 2]) // { median: 2, min: 1, max: 3, n: 3, of: 4 }
 */
export function neighbourSummary(values: ArrayLike<number>): NeighbourSummary {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  if (finite.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0, of: values.length };
  return { median: quantile(finite, [0.5]).values[0], min: Math.min(...finite), max: Math.max(...finite), n: finite.length, of: values.length };
}

/**
 * Counts in figure data, for the disclosure scanner: a plotly figure's point whose percentage and denominator can both
 * be read from the figure gives its numerator back, as a table row does. An evaluator found check-disclosure blind to
 * it: a funnel plot of a pilot share at threshold 5 drew Marwick at 49 answered and 89.8% positive (5 not positive),
 * found 92 times in the run's CSV and never in the notebook's HTML, where the figure is JSON inside a script.
 *
 * What labels a value, per trace: its `hovertemplate` ("denominator: %{customdata[0]}" labels customdata[0]), its
 * per-point `text` and `hovertext` ("Leeds<br>Positive: 89.8%<br>n: 49"), then the axis titles for x and y ("Children
 * who answered", "% positive"). A label naming a percentage (%, percent, pct, share, proportion) marks the percentage
 * (so does a value written with a % sign; an axis of proportions 0–1, by its ".0%" tick format or a "proportion"
 * title, is read × 100; an axis whose ticks end in "%" is one of percentages); one naming a denominator or a count of people (denominator, n, answered, respondents,
 * children, a survey's "Base" or "Sample", …) marks the denominator. Traces drawn as lines only (funnel limits, bands,
 * fitted lines) are not data points and are not read. Figures are read from JSON, and from JavaScript object literals
 * (unquoted keys, single quotes: ./js-literal.ts) in a `Plotly.newPlot` call or a variable it draws.
 */
import { isCountName } from "./field-names";
import { parseJsLiteral } from "./js-literal";
import { recoveredCounts } from "./percentage-counts";

/** A small count a figure gives back. */
export interface FigureCount {
  /** "trace 7 point 0 (Marwick)". */
  location: string;
  /** "89.79591836734694 of 49". */
  value: string;
  message: string;
}

/** Labels of a percentage: "% positive", "percent", "share", "pct_positive". */
const PERCENT_LABEL_RE = /%|percent|\bpct|\bshare\b|proportion/i;
/** Labels that are not a value of the point: limits and intervals around it. */
const NOT_A_VALUE_LABEL_RE = /limit|interval|\bci\b|lower|upper|band|target|mean|average|median/i;
/** Labels of a denominator or a count of people. */
const DENOMINATOR_LABEL_RE = /denominator|answered|respondents?|responses|children|young people|pupils|cases|case files|people|sample size|^n$|^n\s*=|\(n\)$|^(unweighted )?base$|^sample$/i;

type Trace = Record<string, unknown>;
/** Lines of a hovertemplate or a point's hover text read ("label: value" each); a hover box shows a handful. */
const MAX_TEXT_FIELDS = 32;

/**
 * An axis's title text, written as a string or as `{ text }`; "" when it has none.
 * @example titleText({ title: { text: "Number of children" } }) // "Number of children"
 */
export function titleText(axis: unknown): string {
  if (axis === null || typeof axis !== "object") return "";
  const title = (axis as { title?: unknown }).title;
  if (typeof title === "string") return title;
  if (title !== null && typeof title === "object" && typeof (title as { text?: unknown }).text === "string") return (title as { text: string }).text;
  return "";
}

const stripTags = (s: string) => s.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();

function isPercentLabel(label: string): boolean {
  return PERCENT_LABEL_RE.test(label) && !NOT_A_VALUE_LABEL_RE.test(label);
}

/** A percentage by its label, or by its sign ("Positive: 89.8%"). */
function isPercent(label: string, v: unknown): boolean {
  return isPercentLabel(label) || (typeof v === "string" && /\d\s*%$/.test(v.trim()) && !NOT_A_VALUE_LABEL_RE.test(label));
}

function isDenominatorLabel(label: string): boolean {
  const l = label.trim();
  return !isPercentLabel(l) && !NOT_A_VALUE_LABEL_RE.test(l) && (DENOMINATOR_LABEL_RE.test(l) || isCountName(l));
}

/** A field of a trace at point i: "x", "y", "text", "customdata", "customdata[0]". */
function fieldAt(trace: Trace, field: string, i: number): unknown {
  const m = /^(\w+)(?:\[(\d+)\])?$/.exec(field.trim());
  if (!m) return undefined;
  const values = trace[m[1]];
  if (!Array.isArray(values)) return undefined;
  const v = values[i];
  if (m[2] === undefined) return v;
  return Array.isArray(v) ? v[Number(m[2])] : undefined;
}

/** Pairs (label, field) of a hovertemplate: "denominator: %{customdata[0]}" → ["denominator", "customdata[0]"]. */
function templateFields(template: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const segment of template.split(/<br\s*\/?>|\n/i).slice(0, MAX_TEXT_FIELDS)) {
    const m = /^(.*?):\s*%\{([\w[\]]+)[^}]*\}/.exec(stripTags(segment));
    if (m && m[1].trim() !== "") pairs.push([m[1].trim(), m[2]]);
  }
  return pairs;
}

/** Pairs (label, value) of a point's text: "Leeds<br>Positive: 89.8%<br>n: 49" → [["Positive", "89.8%"], ["n", "49"]]. */
function textFields(text: unknown): [string, string][] {
  if (typeof text !== "string") return [];
  const pairs: [string, string][] = [];
  // a bound: each percentage is paired with each denominator, so a hostile text of many would be quadratic
  for (const segment of text.split(/<br\s*\/?>|\n/i).slice(0, MAX_TEXT_FIELDS)) {
    const m = /^([^:]{1,60}):\s*(.+)$/.exec(stripTags(segment));
    if (m) pairs.push([m[1].trim(), m[2].trim()]);
  }
  return pairs;
}

/** A value as a number's text: 89.8 → "89.8", "89.8%" → "89.8", "1,204" → "1204"; undefined when not a number. */
function numberText(v: unknown, percent: boolean): string | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v !== "string") return undefined;
  let t = v.trim().replace(/,(?=\d{3}\b)/g, "");
  if (percent) t = t.replace(/\s*%$/, "");
  return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t) ? t : undefined;
}

/**
 * True when an axis shows proportions 0–1: its tick format is a percentage (d3-format ".0%", which plotly multiplies by
 * 100 on screen), or its title says "proportion" and every value of the trace on it is 0–1. A review drew 0.898 of 49
 * with a ".0%" tick format, and "Proportion positive" 0.898 of 49: both passed, read as 0.898 per cent.
 */
function isProportionAxis(axis: unknown, title: string, values: unknown): boolean {
  const tickformat = axis !== null && typeof axis === "object" ? (axis as { tickformat?: unknown }).tickformat : undefined;
  if (typeof tickformat === "string" && tickformat.includes("%")) return true;
  return /proportion/i.test(title) && Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === "number" && v >= 0 && v <= 1);
}

/** True when an axis's ticks end in "%" (`ticksuffix: "%"`): its values are percentages whatever its title ("LA value"). */
function isPercentSuffixAxis(axis: unknown): boolean {
  const suffix = axis !== null && typeof axis === "object" ? (axis as { ticksuffix?: unknown }).ticksuffix : undefined;
  return typeof suffix === "string" && suffix.includes("%");
}

/**
 * A proportion as the text of its percentage, the decimal point moved two places so that its precision is kept
 * (0.8979 → "89.79", 0.5 → "50"); anything else unchanged.
 */
function proportionAsPercent(v: unknown): unknown {
  const text = typeof v === "number" && Number.isFinite(v) ? String(v) : typeof v === "string" ? v.trim() : undefined;
  const m = text === undefined ? null : /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return v;
  const decimals = (m[2] ?? "").padEnd(2, "0");
  const whole = `${m[1]}${decimals.slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  return decimals.length > 2 ? `${whole}.${decimals.slice(2)}` : whole;
}

/**
 * The small counts a plotly figure gives back: for each point of each trace (not lines-only traces), every labelled
 * percentage beside a labelled denominator, judged as the scanner judges a table's percentage column
 * (recoveredCounts: the numerator or its complement 1 … threshold − 1).
 * @example
 * const fig = { data: [{ mode: "markers", x: [49], y: [89.79591836734694], text: ["Marwick"] }],
 *   layout: { xaxis: { title: { text: "Children who answered" } }, yaxis: { title: { text: "% positive" } } } };
 * figureSmallCounts(fig, 10)[0].location // "trace 0 point 0 (Marwick)"
 */
export function figureSmallCounts(figure: unknown, threshold: number): FigureCount[] {
  if (figure === null || typeof figure !== "object") return [];
  const { data, layout } = figure as { data?: unknown; layout?: unknown };
  if (!Array.isArray(data)) return [];
  const axes = (layout ?? {}) as Record<string, unknown>;
  const found: FigureCount[] = [];
  data.forEach((raw: unknown, t) => {
    if (raw === null || typeof raw !== "object") return;
    const trace = raw as Trace;
    if (typeof trace.mode === "string" && !/markers|text/.test(trace.mode)) return;
    const template = typeof trace.hovertemplate === "string" ? trace.hovertemplate : "";
    const labelled = templateFields(template);
    const labelledFields = new Set(labelled.map(([, f]) => f));
    // axis titles label x and y when the hover does not
    const axisName = (letter: "x" | "y") => `${letter}axis${typeof trace[`${letter}axis`] === "string" ? String(trace[`${letter}axis`]).slice(1) : ""}`;
    const proportionFields = new Set<string>();
    for (const letter of ["x", "y"] as const) {
      const axis = axes[axisName(letter)];
      const title = titleText(axis);
      if (isProportionAxis(axis, title, trace[letter])) {
        proportionFields.add(letter);
        if (!labelledFields.has(letter)) labelled.push([isPercentLabel(title) ? title : `${title} (%)`, letter]);
      } else if (isPercentSuffixAxis(axis) && !labelledFields.has(letter)) labelled.push([`${title} (%)`, letter]);
      else if (title !== "" && !labelledFields.has(letter)) labelled.push([title, letter]);
    }
    const points = Math.max(...["x", "y", "customdata", "text", "hovertext"].map((k) => (Array.isArray(trace[k]) ? (trace[k] as unknown[]).length : 0)));
    for (let i = 0; i < points; i++) {
      const values: [string, unknown][] = labelled.map(([label, field]) => [label, proportionFields.has(field) ? proportionAsPercent(fieldAt(trace, field, i)) : fieldAt(trace, field, i)]);
      for (const k of ["text", "hovertext"]) values.push(...textFields(Array.isArray(trace[k]) ? (trace[k] as unknown[])[i] : undefined));
      const percents = values.flatMap(([label, v]) => (isPercent(label, v) ? [[label, numberText(v, true)] as const] : []));
      const denominators = values.flatMap(([label, v]) => (!isPercent(label, v) && isDenominatorLabel(label) ? [[label, numberText(v, false)] as const] : []));
      const seen = new Set<string>(); // a value labelled twice (hover and axis title) is one finding
      const name = Array.isArray(trace.text) && typeof trace.text[i] === "string" ? ` (${stripTags(trace.text[i] as string).slice(0, 40)})` : "";
      for (const [pLabel, p] of percents) {
        for (const [dLabel, d] of denominators) {
          if (p === undefined || d === undefined || seen.has(`${p} ${d}`)) continue;
          seen.add(`${p} ${d}`);
          const recovered = recoveredCounts(p, d, threshold);
          if (recovered) found.push({ location: `trace ${t} point ${i}${name}`, value: `${p} of ${d}`, message: `${recovered} recoverable from the figure's "${pLabel}" × "${dLabel}" / 100` });
        }
      }
    }
  });
  return found;
}

/**
 * Candidates that are not figures (not JSON, or never closed) tried in one script before the rest is left unread: each
 * try reads up to the script's end, so a hostile script of nested or unclosed `{"data":[` took quadratic time (72 KB of
 * them: 2.5 s CPU); a bound keeps it linear, and the scanner reports the unread rest (fail closed).
 */
export const MAX_FIGURE_CANDIDATES_FAILED = 16;

/**
 * The plotly figures written into a script as JSON objects (`var spec = {"data": [...], "layout": {...}}`, the
 * workbench's own, or `Plotly.newPlot(el, {"data": …})`): each object that opens with a "data" key and parses as JSON.
 * `unread` is true when more than {@link MAX_FIGURE_CANDIDATES_FAILED} candidates failed, or as many `Plotly.newPlot`
 * arguments opened a bracket never closed, and the rest was not read.
 * @example
 * figuresInScript('var spec = {"data":[{"x":[1]}],"layout":{}};').figures.length // 1
 */
export function figuresInScript(script: string): { figures: unknown[]; unread: boolean } {
  const figures: unknown[] = [];
  const opening = /\{\s*"data"\s*:\s*\[/g;
  let failed = 0;
  for (let m = opening.exec(script); m !== null; m = opening.exec(script)) {
    const end = matchingBrace(script, m.index);
    const figure = end < 0 ? undefined : tryParse(script.slice(m.index, end + 1));
    if (figure !== undefined) {
      figures.push(figure);
      opening.lastIndex = end + 1;
    } else if (++failed > MAX_FIGURE_CANDIDATES_FAILED) return { figures, unread: true };
  }
  return { figures, unread: !plotlyCallFigures(script, figures) };
}

/**
 * Figures drawn by `Plotly.newPlot(id, [traces], layout)` (or `Plotly.react`) with the traces and layout written in
 * the call, as plotly.py writes its HTML and notebook output: a second review found such a figure was never read. The
 * traces and layout may be variables of the same script (`var data = [...]; Plotly.newPlot('x', data, layout)`), and
 * the traces an array of variables (`[trace1, trace2]`), each JSON (round 21's second review: 0 findings). The
 * workbench's own `Plotly.newPlot(el, spec.data, spec.layout)` names properties, not variables, and is read through `spec`.
 * The figures are added to `figures`; returns false when the rest of the script was not read.
 */
function plotlyCallFigures(script: string, figures: unknown[]): boolean {
  const call = /Plotly\.(?:newPlot|react)\(/g;
  const reader = new CallArguments(script);
  for (let m = call.exec(script); m !== null; m = call.exec(script)) {
    let i = skipArgument(script, m.index + m[0].length);
    if (script[i] !== ",") continue;
    const traces = reader.argument(skipSpace(script, i + 1), m.index, 91, 93);
    const data = Array.isArray(traces.value) ? traces.value.map((t) => (typeof t === "string" ? (reader.variable(t, m!.index, 123, 125) ?? t) : t)) : undefined;
    let layout: unknown = {};
    const j = skipSpace(script, traces.end);
    if (data !== undefined && script[j] === ",") layout = reader.argument(skipSpace(script, j + 1), m.index, 123, 125).value ?? {};
    if (reader.failed > MAX_FIGURE_CANDIDATES_FAILED) return false;
    if (data !== undefined) figures.push({ data, layout }); // one by one: a spread of 400,000 figures overflowed the stack
    call.lastIndex = Math.max(traces.end, m.index + m[0].length);
  }
  return true;
}

/** A JS name (`data`, `trace_1`), not a property (`spec.data`). */
const VARIABLE_RE = /^[A-Za-z_$][\w$]*/;
/** `[trace1, trace2]`: an array of variables. */
const VARIABLE_LIST_RE = /^\[\s*[A-Za-z_$][\w$]*(?:\s*,\s*[A-Za-z_$][\w$]*)*\s*,?\s*\]/;
/** An assignment of an array or object (`var data = [`, `layout = {`). */
const ASSIGNMENT_RE = /(?<![\w$.])([A-Za-z_$][\w$]*)\s*=(?![=>])\s*(?=[[{])/g;

/**
 * The arguments of a script's Plotly calls read as JSON: written in the call, or a variable assigned JSON before it.
 * Each JSON text is parsed once (a variable drawn by many calls), the script's assignments are found in one pass when a
 * call first names a variable, and `failed` counts texts opening like JSON never closed (each read up to the script's
 * end: the caller stops after a few, so a hostile script stays linear; a JavaScript literal that is not JSON is skipped).
 */
class CallArguments {
  failed = 0;
  private assignments?: Map<string, number[]>;
  private readonly parsed = new Map<number, unknown>();
  constructor(private readonly script: string) {}

  /** The argument at `i`: JSON opening with `open`, an array of variables' names, or a variable; `end` is where it ends. */
  argument(i: number, before: number, open: number, close: number): { value: unknown; end: number } {
    const script = this.script;
    if (script.charCodeAt(i) === open) {
      const list = open === 91 ? VARIABLE_LIST_RE.exec(script.slice(i, i + 2000)) : null;
      if (list) return { value: list[0].slice(1, -1).split(",").map((v) => v.trim()).filter((v) => v !== ""), end: i + list[0].length };
      const { value, end } = this.jsonAt(i, open, close);
      return { value, end: end < 0 ? i : end + 1 };
    }
    const name = VARIABLE_RE.exec(script.slice(i, i + 200));
    if (!name || /[.(]/.test(script[i + name[0].length] ?? "")) return { value: undefined, end: i };
    return { value: this.variable(name[0], before, open, close), end: i + name[0].length };
  }

  /** The JSON last assigned to a variable before `before` (`var NAME = [...]`, `NAME = {...}`), or undefined. */
  variable(name: string, before: number, open: number, close: number): unknown {
    if (!this.assignments) this.assignments = assignmentsOf(this.script);
    const start = lastBefore(this.assignments.get(name) ?? [], before); // by bisection: a name assigned on every line stays cheap
    return start < 0 || this.script.charCodeAt(start) !== open ? undefined : this.jsonAt(start, open, close).value;
  }

  private jsonAt(start: number, open: number, close: number): { value: unknown; end: number } {
    const end = matchingBrace(this.script, start, open, close);
    if (!this.parsed.has(start)) {
      const value = end < 0 ? undefined : tryParse(this.script.slice(start, end + 1));
      if (end < 0) this.failed++; // only an unclosed text costs the rest of the script; a closed one its own length
      this.parsed.set(start, value);
    }
    return { value: this.parsed.get(start), end };
  }
}

/** The last of ascending positions before `before`, or −1. */
function lastBefore(sorted: readonly number[], before: number): number {
  let [lo, hi] = [0, sorted.length]; // the answer is sorted[lo − 1] once lo = hi
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < before) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? sorted[lo - 1] : -1;
}

/** Where each variable is assigned an array or object in a script, in one pass. */
function assignmentsOf(script: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const a of script.matchAll(ASSIGNMENT_RE)) {
    const at = a.index! + a[0].length;
    const list = found.get(a[1]);
    if (list) list.push(at);
    else found.set(a[1], [at]);
  }
  return found;
}

const skipSpace = (text: string, i: number) => {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
};

/** Past the call's first argument (a quoted id or an expression without commas or brackets), at the comma after it. */
function skipArgument(text: string, i: number): number {
  i = skipSpace(text, i);
  const quote = text[i];
  if (quote === '"' || quote === "'") {
    for (i++; i < text.length && text[i] !== quote; i++) if (text[i] === "\\") i++;
    return skipSpace(text, i + 1);
  }
  while (i < text.length && !/[,()[\]{};]/.test(text[i])) i++;
  return i;
}

/** JSON.parse, or undefined for text that is not JSON (a script's own object literal): not a figure. */
function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return parseJsLiteral(text); // unquoted keys, single quotes: a figure written as JavaScript
  }
}

/** Index of the brace (or, with 91 and 93, the bracket) closing the one at `start` (strings in any quotes skipped), or −1. */
function matchingBrace(text: string, start: number, open = 123 /* { */, close = 125 /* } */): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */ || ch === 39 /* ' */ || ch === 96 /* ` */) {
      for (i++; i < text.length && text.charCodeAt(i) !== ch; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (ch === open) depth++;
    else if (ch === close && --depth === 0) return i;
  }
  return -1;
}

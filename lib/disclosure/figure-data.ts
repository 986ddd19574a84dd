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
 * fitted lines) are not data points and are not read. Figures are found in scripts by ./plotly-calls.ts.
 */
import { BoundedCache } from "./bounded-cache";
import { isCountName } from "./field-names";
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

/** Labels whose judgements a figure remembers. */
const MAX_LABELS_JUDGED = 4096;

/**
 * What each label of a figure says of its values, judged once per label: a figure's points share a handful of labels,
 * and the three regular expressions per label and point were most of the time 211,000 small figures took (round 23, C2).
 */
class LabelJudgements {
  private readonly known = new BoundedCache<string, { percent: boolean; notAValue: boolean; denominator: boolean }>(MAX_LABELS_JUDGED);
  judged(label: string): { percent: boolean; notAValue: boolean; denominator: boolean } {
    return this.known.get(label, () => ({ percent: isPercentLabel(label), notAValue: NOT_A_VALUE_LABEL_RE.test(label), denominator: isDenominatorLabel(label) }));
  }
  /** A percentage by its label, or by its sign ("Positive: 89.8%"). */
  isPercent(label: string, v: unknown): boolean {
    const j = this.judged(label);
    return j.percent || (typeof v === "string" && !j.notAValue && /\d\s*%$/.test(v.trim()));
  }
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
  const labels = new LabelJudgements();
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
      const percents = values.flatMap(([label, v]) => (labels.isPercent(label, v) ? [[label, numberText(v, true)] as const] : []));
      if (percents.length === 0) continue; // no percentage: nothing to pair (most points of most figures)
      const denominators = values.flatMap(([label, v]) => (!labels.isPercent(label, v) && labels.judged(label).denominator ? [[label, numberText(v, false)] as const] : []));
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

export { figuresInScript, MAX_FIGURE_CANDIDATES_FAILED } from "./plotly-calls";

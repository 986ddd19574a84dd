/**
 * Totals of records, for the disclosure scanner's `disclosive-total` rule (./scan.ts): beside suppressed groups, a
 * total minus the published group sizes gives a suppressed group's size back. An evaluator: a case audit of 40, 7 and
 * 35 cases on 3 items printed 246 records, and 246/3 − 40 − 35 = 7; notebook 05 published "8772 records read" in
 * its HTML and `"pilot": {"records": 8772}` in its package, and check-disclosure found neither.
 */
import { normalisedName } from "./field-names";

export const TOTAL_MESSAGE = "a total of records beside suppressed groups: the total minus the published group sizes gives a suppressed group's size back";

/** Words before a number that make it a threshold of a rule ("fewer than 10 respondents"), not a count. */
const THRESHOLD_WORDS_RE = /\b(fewer|less|more|greater|at least|at most|under|below|above|over|minimum( of)?|maximum( of)?)\s*(than\s*)?$|[<>≤≥]\s*$/i;
/** A number as a total may be written: 8772 or 8,772. */
const TOTAL_NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)`;
/** After a labelled total: not more digits or decimals (a version, a share). */
const TOTAL_END = String.raw`(?!\d|[.,]\d)`;
/** Words after an `n = …` that make it a count of areas ("n = 150 LAs"), not of people. */
const NOT_AREAS = String.raw`(?!\s*\)?\s*(?:las?\b|local authorit|authorit|areas?\b|councils?\b|regions?\b))`;
/**
 * A total in text: "8772 records", "1,204 records read", "120 respondents in total", "respondents in total: 120", and
 * the paraphrases a review used to pass it (each beside "145 estimates suppressed"): "8,772 rows read", "Records: 8772",
 * "we received 8772 survey responses", "8772 respondents took part", "n = 8772" (spaced as in prose; not "n = 150 LAs", not `n=0;` in code),
 * and those a second review used (round 21): "Records read: 8772", "8772 respondents", "8772 survey responses", "total respondents 8772".
 */
const TOTAL_TEXT_RE = new RegExp(
  [
    String.raw`(?<![\w.,])${TOTAL_NUMBER}\s+records?\b`,
    String.raw`(?<![\w.,])${TOTAL_NUMBER}\s+(?:survey\s+|questionnaire\s+)?(?:respondents|responses)\s+(?:in total|in all|overall|altogether|took part|responded|were received|received|returned|completed)\b`,
    String.raw`(?<![\w.,])${TOTAL_NUMBER}\s+(?:survey\s+|questionnaire\s+)?(?:respondents|responses)\b`,
    String.raw`\btotal\s+(?:number\s+of\s+)?(?:records|respondents|responses)\W{0,3}${TOTAL_NUMBER}${TOTAL_END}`,
    String.raw`\b(?:respondents|responses|records) in total\W{1,3}${TOTAL_NUMBER}${TOTAL_END}`,
    String.raw`(?<![\w.,])${TOTAL_NUMBER}\s+(?:rows|lines)\s+(?:read|processed|loaded)\b`,
    String.raw`\b(?:(?:records|respondents|responses)(?:\s+(?:read|received|returned|collected|processed|loaded|analysed|analyzed))?|rows read)\s*[:=]\s*${TOTAL_NUMBER}${TOTAL_END}`,
    String.raw`\b(?:received|collected|processed|loaded|analysed|analyzed)\s+${TOTAL_NUMBER}\s+(?:survey\s+|questionnaire\s+)?(?:responses|respondents|records|rows)\b`,
    // spaced as in prose: minified code writes n=20;
    String.raw`(?<![\w.])n(?:\s+=\s*|=\s+)${TOTAL_NUMBER}${TOTAL_END}(?!\w)${NOT_AREAS}`,
  ].join("|"),
  "gi",
);
/**
 * The words every total pattern holds: a cheap test first, since the scanner runs this on every table cell (an official
 * indicators.csv speaks of suppression, so its cells are read for totals). check-disclosure of the official and returns
 * reference packages with six notebooks' HTML took 3.84 s CPU before these rules, 4.53 s with the full pattern on every
 * cell and 4.18 s (against 4.08 s in that series) with this test first: medians of 7 interleaved runs.
 */
const TOTAL_WORD_RE = /record|respon|rows|lines|\bn\s*=/i;
/** Names of a field holding a total of records or respondents (normalised). */
const TOTAL_NAMES = new Set(["records", "nrecords", "totalrecords", "recordcount", "recordsread", "recordstotal", "totalrespondents", "respondentstotal", "totalresponses", "responsestotal"]);
/** Text that speaks of suppression (every datapackage.json does, in its status field's description). */
const SUPPRESSION_RE = /suppress|\[c\]/i;

/**
 * True when the number at `index` follows words of a threshold ("fewer than", "at least", "<").
 * @example
 * followsThresholdWords("fewer than 5 respondents", 11) // true
 */
export function followsThresholdWords(text: string, index: number): boolean {
  return THRESHOLD_WORDS_RE.test(text.slice(Math.max(0, index - 24), index));
}

/**
 * True when text speaks of suppression: a total of records in it is then disclosive.
 * @example
 * speaksOfSuppression("145 estimates suppressed") // true
 */
export function speaksOfSuppression(text: string): boolean {
  return SUPPRESSION_RE.test(text);
}

/**
 * Suppressed groups shown in a file: a status `suppressed:…` as a cell or value of its own (a package's indicators.csv),
 * a `[c]` cell, or a count of things suppressed ("145 estimates suppressed"); a mention of suppression in words (every
 * datapackage.json describes its status field so; a pilot catalogue says "are suppressed (status suppressed:disclosure)")
 * is not.
 */
const SUPPRESSED_STATUS_RE = /(?:^|[,;\t|"'>])\s*suppressed:[a-z-]+\s*(?=$|[,;\t|"'<])|(?:^|[\s,;|>"'])\[c\](?=$|[\s,;|<"'])/m;
/** Before a "suppressed": a count of things ("145 estimates", "12 values were"), not a threshold ("under 10 are"). */
const COUNT_BEFORE_RE = /(?<!\b(?:fewer|less|more)\s+than\s+|\b(?:under|below|over|above|at least|at most)\s+)\b\d[\d,]*\s+(?:[a-z-]+\s+){0,2}(?:(?:were|are|was|is)\s+)?$/i;

/**
 * True when a file's text shows suppressed groups (a status or `[c]` cell, or a count before "suppressed"): a total of records anywhere in the
 * same scan then gives a suppressed group's size back (a hostile review saved the pilot's "8772 records" as a log beside
 * its package of 145 suppressed estimates, and it passed).
 * @example
 * hasSuppressedGroups("E06900009,2023,x_pct,,,,suppressed:disclosure") // true
 * hasSuppressedGroups("status: suppressed when fewer than 10 answered") // false
 */
export function hasSuppressedGroups(text: string): boolean {
  if (SUPPRESSED_STATUS_RE.test(text)) return true;
  // each "suppressed" looked behind, not the count pattern tried at every digit of a large file (1 s over a scan of the official package and site/)
  for (const m of text.matchAll(/suppressed\b/gi)) if (COUNT_BEFORE_RE.test(text.slice(Math.max(0, m.index! - 60), m.index!))) return true;
  return false;
}

/**
 * True when a field's name says it holds a total of records or respondents (`records`, `n_records`, `total_respondents`).
 * @example
 * isRecordTotalName("records") // true; isRecordTotalName("suppressedEstimates") // false
 */
export function isRecordTotalName(name: string): boolean {
  return TOTAL_NAMES.has(normalisedName(name));
}

/** Another statistic beside an `n = …` in one bracket or clause: `φ = 2.88`, `p < 0.001`, `r = 0.3`, `τ² = 0.01`. */
const OTHER_STATISTIC_RE = /(?:^|[\s(,;])(?:p|r|rho|ρ|φ|τ²?|tau2?|t|z|F|df|se|SE|CI|I²)\s*[=<>≤≥]\s*[-−]?\d/u;

/**
 * True when an `n = …` is the size of a statistic's sample, written among other statistics in one bracket or clause
 * ("overdispersed (φ = 2.88, n = 146, p < 0.001)": the LAs of a funnel's test), not a total of people: the
 * workbench's own profile.json had 110 such findings once "n = 8772" beside "145 estimates suppressed" was a total.
 * "(n = 8772)" alone, or "n = 8772 (145 estimates suppressed)", stays a total.
 */
function isStatisticsN(text: string, index: number, matched: string): boolean {
  if (!/^n\b/i.test(matched)) return false;
  const open = Math.max(text.lastIndexOf("(", index), text.lastIndexOf(";", index), text.lastIndexOf("\n", index));
  const closeAt = text.slice(index + matched.length).search(/[);\n]/);
  const clause = text.slice(open + 1, closeAt < 0 ? text.length : index + matched.length + closeAt);
  return OTHER_STATISTIC_RE.test(clause.replace(matched, ""));
}

/**
 * The totals of records in text of `threshold` or more (smaller ones are small counts, another rule), not after words
 * of a threshold ("under 20 records").
 * @example
 * recordTotalsInText("8772 records read", 10) // [{ index: 0, text: "8772 records", total: 8772 }]
 */
export function recordTotalsInText(text: string, threshold: number): { index: number; text: string; total: number }[] {
  const totals: { index: number; text: string; total: number }[] = [];
  if (!TOTAL_WORD_RE.test(text)) return totals;
  for (const m of text.matchAll(TOTAL_TEXT_RE)) {
    const total = Number(m.slice(1).find((g) => g !== undefined)!.replace(/,/g, ""));
    if (total < threshold || followsThresholdWords(text, m.index!) || isStatisticsN(text, m.index!, m[0])) continue;
    totals.push({ index: m.index!, text: m[0], total });
  }
  return totals;
}

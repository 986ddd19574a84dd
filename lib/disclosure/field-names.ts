/**
 * What a field or column name says about its values, for the disclosure scanner (lib/disclosure/scan.ts):
 * a count of people, the `n` of a statistic (a count of LAs), a record identifier, or a hash.
 */

import { BoundedCache } from "./bounded-cache";

/** A name without case or separators: `n_Respondents` → `nrespondents`. */
export const normalisedName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");
const COUNT_NAMES = new Set([
  "n", "count", "counts", "numerator", "denominator", "respondents", "nrespondents", "respondentcount", "responses",
  "nresponses", "cases", "ncases", "children", "nchildren", "frequency", "freq", "respondentsn",
  "positive", "negative", "positives", "negatives", "size", "groupsize", "samplesize", "total", "totals",
  "people", "persons", "pupils", "youngpeople", "participants", "individuals", "families", "households",
  "parents", "carers", "learners", "users", "clients", "referrals", "episodes", "placements",
]);
/** What an `n_…`, `num_…` or `number_of_…` name counts when it is not people: areas and bookkeeping. */
const NOT_PEOPLE_RE = /^(las?|local_?authorit(y|ies)|authorit(y|ies)|areas?|councils?|regions?|indicators?|periods?|years?|files?|rows?|columns?|items?|instruments?|domains?|resamples?|bootstraps?|iterations?|folds?|pairs?|linked|best|worst|missing|params?|parameters?|groups?|levels?|categories|cells?|digits?|decimals?|bytes?|chars?|characters?|lines?|pages?|figures?|tables?|seeds?|threads?|workers?|errors?|warnings?|findings?)$/i;
/** Keys of a statistic: a record holding one of them reports an analysis of LAs, whose `n` counts LAs. */
const STATISTIC_NAME_RE = /^(p|r|rho|tau|q|coef|estimate|cutoff|t|f|z|se)$|(^|_)(p|r|rho|tau|coef|q_bh|q|se|cutoff|r2)$|^(p|q)_|spearman|kendall|pearson|partial_r|multiple_r/i;
/** ONS geography codes (E06000001, E12000002…) and lower snake-case workbench ids are not record identifiers. */
const SAFE_ID_VALUE_RE = /^([EWSNK]\d{8}|[a-z][a-z0-9_]*|[a-z]+(-([a-z]+|(19|20)\d\d))+)$/;
/**
 * Names of record identifiers, and of the dates of birth that single a child out: the workbench's own record formats
 * among them (SSDA903's CHILD and DOB, the CIN census' LAchildID, FormerUPN and PersonBirthDate, Annex A's Child Unique
 * ID), which a hostile review's raw SSDA903 tables had passed with 0 findings.
 */
const IDENTIFIER_NAMES = new Set([
  "respondentid", "childid", "personid", "caseid", "pupilid", "upn", "nhsnumber", "pseudonym", "recordid",
  "child", "lachildid", "formerupn", "childuniqueid", "dob", "dateofbirth", "personbirthdate",
]);
/** Labels before a hex string that make it a hash rather than an identifier. */
export const HASH_CONTEXT_RE = /(sha|hash|digest|commit|checksum|integrity|etag|revision|version|git|md5|nonce|fingerprint|run[_-]?id)[^\n]{0,40}$/i;

/**
 * True when a field/column name says it holds counts.
 * @example
 * isCountName("n_respondents") // true; isCountName("account") // false; isCountName("nLAs") // false
 */
export function isCountName(name: string): boolean {
  return countNames.get(name, () => readsAsCountName(name));
}

/** Names already judged by isCountName (a scan asks of the same few headers for every table, a printed Series' too). */
const countNames = new BoundedCache<string, boolean>(4096);

function readsAsCountName(name: string): boolean {
  const n = normalisedName(name);
  const trimmed = name.trim();
  // n_positive, num_children, number_of_cases — unless what is numbered is areas or bookkeeping (n_las, n_rows)
  // "Number of LAs", "N of LAs", "n (LAs)" too: counts of LAs in an ordinary results table had been read as of people
  const numbered = /^(?:n|num|number)(?:[_\s-]*of)?[_\s-]+(.+)$/i.exec(trimmed) ?? /^(?:n|num|number)(?:Of)?([A-Z].*)$/.exec(trimmed);
  if (numbered) return !NOT_PEOPLE_RE.test(numbered[1].replace(/[()[\]]/g, "").trim().replace(/[\s-]+/g, "_"));
  // a name ending in a separate word "count": positive_count, positiveCount, "n count" (not "account")
  return COUNT_NAMES.has(n) || /(?:[_\s-][Cc]ount|[a-z]Count|[_\s-]COUNT)$/.test(trimmed) || /^count[_\sA-Z-]?of/i.test(trimmed) ||
    (isShortName(trimmed) && NUMERATOR_WORD_RE.test(trimmed)) || /[a-z](?:Numerator|Denominator|Num|Den)$/.test(trimmed);
}

/**
 * A name rather than a sentence: no spaces, or at most three words. profile.json keys its reasons by sentence ("the
 * denominator (possible sessions) counts school sessions, …": 6 indicators), which holds the word denominator.
 */
function isShortName(name: string): boolean {
  const words = name.split(/\s+/);
  return words.length === 1 || (words.length <= 3 && name.length <= 60);
}

/**
 * A name holding the word numerator or denominator (`fgc_numerator`, `Numerator_FGC`, "Numerator 2023"), or ending in
 * a separate `num`/`den` (`fgc_num`, `Num`): the wide form of a package's counts, one pair per indicator. A hostile
 * review passed all of these with a 3 in them: only `numerator` and `denominator` as the whole name were counts.
 */
const NUMERATOR_WORD_RE = /(?:^|[_\s.-])(?:numerator|denominator)(?:$|[_\s.-])|(?:^|[_\s.-])(?:num|den)$/i;

/**
 * Names that are counts in a table of LAs only (one with an LA column: {@link isLaColumnName}): a survey's `Base` or
 * `Sample` and a bare `Number` are its group sizes there, where elsewhere they may be anything (a figure's number).
 */
const LA_TABLE_COUNT_NAMES = new Set(["number", "base", "sample", "unweightedbase"]);

/**
 * True when a column name is a count in a table of LAs ({@link LA_TABLE_COUNT_NAMES}).
 * @example
 * isLaTableCountName("Base") // true; isLaTableCountName("value") // false
 */
export function isLaTableCountName(name: string): boolean {
  return LA_TABLE_COUNT_NAMES.has(normalisedName(name));
}

/** Words of a column name that name people or their episodes (children_ceased, looked_after, care_leavers_19). */
const PEOPLE_WORD_RE = /(^|_)(children|child|pupils?|people|persons?|boys|girls|leavers|looked_after|cla|cin|cpp|referrals?|rereferrals?|episodes?|placements?|cases?|assessments?|enquiries|plans?|adopt(ed|ions?)|ceased|started|starters|carers|parents|families|households|respondents?|admissions?|deaths|offenders|exclusions)(_|$)/;
/**
 * Words that make such a name a statistic, an attribute or a count of areas rather than of people (cla_pct,
 * child_age, referral_days, las_complete_cases: the LAs with a value for every case of an analysis; care_leavers_grade,
 * an Ofsted judgement of an LA's work with them).
 */
const NOT_A_COUNT_WORD_RE = /(^|_)(pct|percent|percentage|rate|rates|per|per_?10k|per_?10000|per_?1000|share|ratio|mean|avg|average|median|age|ages|days|weeks|months|years?|score|scores|grade|grades|rating|judgement|id|code|codes|period|flag|rank|band|quartile|las?|authorit(y|ies)|areas?|councils?|regions?|indicators?)(_|$)/;

/**
 * True when a column name speaks of people or their episodes without saying it is a rate, share or attribute:
 * the disclosure scanner counts a whole-number column of such a name as a count. A user walkthrough found a lone
 * `children_ceased` or `looked_after` column of 4 passed: those names were counts only beside another count column.
 * @example
 * isPeopleCountName("children_ceased") // true; isPeopleCountName("looked_after") // true; isPeopleCountName("cla_pct") // false
 */
export function isPeopleCountName(name: string): boolean {
  const words = name.trim().replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  return PEOPLE_WORD_RE.test(words) && !NOT_A_COUNT_WORD_RE.test(words);
}

/**
 * Names of the n of a statistic, normalised: `n`, and the workbench's own `n_complete` (results.json associations:
 * LAs with a value and the outcome) and `n_obs` (panel.json: LA-years in the within estimate). Neither counts people;
 * they were reported as small counts beside the statistics they are the n of (an official ILACS analysis with an
 * indicator that 9 LAs have), so the workbench's checker failed the workbench's own output.
 */
const ANALYSIS_N_NAMES = new Set(["n", "ncomplete", "nobs"]);

/**
 * True when a field/column name is the `n` of a statistic (see the rule on counts of areas above).
 * @example
 * isAnalysisN("n", ["indicator", "n", "spearman_rho", "spearman_p"]) // true; isAnalysisN("n", ["la_code", "n"]) // false
 * isAnalysisN("n_obs", ["indicator", "within_p", "n_obs"]) // true
 */
export function isAnalysisN(name: string, siblings: readonly string[]): boolean {
  return ANALYSIS_N_NAMES.has(normalisedName(name)) && siblings.some((s) => STATISTIC_NAME_RE.test(s.trim()));
}

/** A generic identifier name (`id`, `identifier`, `*_id`) whose values are judged by content. */
export function isGenericIdName(name: string): boolean {
  const t = name.trim();
  if (HASH_CONTEXT_RE.test(t)) return false; // run_id, commit_id: ids of runs and versions, not of people
  return /^(id|uid|identifier)$/i.test(t) || /[_\s-]id$/i.test(t) || /[a-z]Id$/.test(t);
}

/** True when a value in a generic id column looks like a record identifier (not an area code or workbench id). */
export function looksLikeRecordId(value: string): boolean {
  const v = value.trim();
  return v !== "" && v !== "[c]" && !SAFE_ID_VALUE_RE.test(v);
}

/**
 * True when a field/column name says it holds record-level identifiers.
 * @example
 * isIdentifierName("respondent_id") // true; isIdentifierName("la_code") // false
 */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER_NAMES.has(normalisedName(name));
}

/**
 * Choosing indicators by name: exact ids, glob patterns (`cla_*`, `lait_?ac`) or domain names
 * (`child-safe`), as a researcher types them after `--indicators`. Unknown names are an error that lists the
 * nearest ids by edit distance, never a silently smaller screen.
 */
import { InputError } from "../errors";
import { DOMAINS, type Domain } from "../data/types";
import { editDistance } from "../suggest";
import { DEFAULT_CANDIDATE_RULE, screenedByDefault } from "../data/framework";

/** How many near matches an unknown name's error lists. */
export const NEAREST_MATCHES = 3;

/**
 * The `count` names nearest to `name`: names containing it first (a typed prefix such as "sw_turnover"
 * finds "sw_turnover_pct"), then by {@link editDistance}, case-insensitive; ties in the given order.
 * @example nearestNames("lait_lacc", ["lait_lac", "lait_cin", "cla_rate"], 2) // ["lait_lac", "lait_cin"]
 */
export function nearestNames(name: string, names: readonly string[], count = NEAREST_MATCHES): string[] {
  const q = name.toLowerCase();
  return names
    .map((n, i) => ({ n, i, contains: q !== "" && n.toLowerCase().includes(q) ? 0 : 1, d: editDistance(q, n.toLowerCase()) }))
    .sort((x, y) => x.contains - y.contains || x.d - y.d || x.i - y.i)
    .slice(0, count)
    .map((x) => x.n);
}

/** A glob (`*` any run of characters, `?` one character) as an anchored regular expression. */
function globRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

/**
 * The catalogue ids chosen by a list of patterns, in catalogue order without duplicates. A pattern is a
 * domain name (every indicator of that domain), a glob with `*` or `?`, or an exact id; a domain or a glob keeps
 * only the indicators screened by default (not tagged context: data/framework.ts screenedByDefault), an id is kept
 * whatever its tags.
 * @param catalogue the candidate indicators (id and domain), in catalogue order
 * @param patterns what the user asked for
 * @param option the name errors give for where the patterns came from (e.g. "--indicators")
 * @throws InputError for an empty list, an unknown id (with the nearest ids) or a glob or domain matching nothing
 * @example
 * resolveIndicatorPatterns([{ indicator: "cla_rate", domain: "reaching-children" }, { indicator: "sw_turnover", domain: "workforce" }], ["cla_*", "workforce"])
 * // ["cla_rate", "sw_turnover"]
 */
export function resolveIndicatorPatterns(
  catalogue: readonly { indicator: string; domain: Domain | string; framework_role?: string; unit?: string }[],
  patterns: readonly string[],
  option = "resolveIndicatorPatterns",
): string[] {
  const ids = catalogue.map((c) => c.indicator);
  // a domain or a glob stands for the candidates screened by default among those it names (`--indicators workforce`
  // had brought back the workforce counts tagged context); an id is screened whatever its tags
  const byDefault = new Set(catalogue.filter(screenedByDefault).map((c) => c.indicator));
  const notTagged = (matched: string[], pattern: string): string[] => {
    const kept = matched.filter((id) => byDefault.has(id));
    if (kept.length === 0) throw new InputError(option, `matches only indicators not screened by default (${DEFAULT_CANDIDATE_RULE}): give their ids to screen them (${matched.slice(0, 5).join(", ")}${matched.length > 5 ? ", …" : ""})`, pattern);
    return kept;
  };
  if (patterns.length === 0) throw new InputError(option, "needs at least one indicator id, glob or domain");
  const chosen = new Set<string>();
  for (const pattern of patterns) {
    let matched: string[];
    if ((DOMAINS as readonly string[]).includes(pattern)) {
      matched = catalogue.filter((c) => c.domain === pattern).map((c) => c.indicator);
      if (pattern === "context" && matched.length === 0) {
        throw new InputError(option, "context variables are not candidates: name them with --context and they are screened as context rows", pattern);
      }
      if (matched.length === 0) throw new InputError(option, `domain ${pattern} has no indicators in this package`, pattern);
      matched = notTagged(matched, pattern);
    } else if (/[*?]/.test(pattern)) {
      const re = globRegExp(pattern);
      matched = ids.filter((id) => re.test(id));
      if (matched.length === 0) throw new InputError(option, `no indicator id matches the pattern (nearest ids: ${nearestNames(pattern.replace(/[*?]/g, ""), ids).join(", ")})`, pattern);
      matched = notTagged(matched, pattern);
    } else if (ids.includes(pattern)) {
      matched = [pattern];
    } else {
      const domains = DOMAINS.filter((d) => d !== "context").join(", ");
      throw new InputError(
        option,
        `unknown indicator (nearest ids: ${nearestNames(pattern, ids).join(", ") || "none"}); give ids, globs such as cla_* or a domain (${domains})`,
        pattern,
      );
    }
    for (const m of matched) chosen.add(m);
  }
  return ids.filter((id) => chosen.has(id));
}

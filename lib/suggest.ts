/**
 * "Did you mean …?" for names a user typed: commands, options, indicator and outcome ids, LA names.
 *
 * Closeness is the Damerau–Levenshtein distance (optimal string alignment: insertions, deletions,
 * substitutions and transpositions of adjacent characters each cost 1; Damerau 1964), compared
 * case-insensitively. A candidate is suggested when its distance is at most
 * {@link MAX_SUGGESTION_DISTANCE_SHARE} of the longer name (at least 1, so one typo always counts), or when one
 * name contains the other (`cla_rate` → `cla_rate_per_10k`).
 */
import { joinWords } from "./join-words";

/** Largest distance still suggested, as a share of the longer name's length (git uses a similar cut-off). */
export const MAX_SUGGESTION_DISTANCE_SHARE = 0.4;

/**
 * Edit distance between two strings (insert, delete, substitute, swap adjacent: cost 1 each).
 * @example
 * editDistance("analyze", "analyse") // 1
 * editDistance("ab", "ba") // 1
 */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m];
}

/**
 * The candidates closest to `word`, best first (at most `limit`); empty when none is close.
 * @example
 * closestMatches("analyze", ["validate", "analyse", "import"]) // ["analyse"]
 * closestMatches("zzz", ["analyse"]) // []
 */
export function closestMatches(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const w = word.toLowerCase();
  if (w === "") return [];
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    const c = name.toLowerCase();
    const d = editDistance(w, c);
    const cutoff = Math.max(1, Math.floor(MAX_SUGGESTION_DISTANCE_SHARE * Math.max(w.length, c.length)));
    const contains = w.length >= 3 && (c.includes(w) || w.includes(c));
    if (d <= cutoff || contains) scored.push({ name, score: contains && d > cutoff ? cutoff + 0.5 : d });
  }
  scored.sort((x, y) => x.score - y.score || (x.name < y.name ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.name);
}

/**
 * " (did you mean "x" or "y"?)" for a message, or "" when nothing is close.
 * @example
 * `unknown command "analyze"${didYouMean("analyze", ["analyse"])}` // 'unknown command "analyze" (did you mean "analyse"?)'
 */
export function didYouMean(word: string, candidates: Iterable<string>, limit = 3): string {
  const best = closestMatches(word, candidates, limit);
  if (best.length === 0) return "";
  const quoted = best.map((b) => JSON.stringify(b));
  return ` (did you mean ${joinWords(quoted, "or")}?)`;
}

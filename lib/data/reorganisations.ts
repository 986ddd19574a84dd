/**
 * Which LA replaced which in a reorganisation ({@link REORGANISATION_RULES}): a rule lists its predecessors and
 * successors together, and with several of each not every successor replaced every predecessor (Bournemouth
 * became part of Bournemouth, Christchurch and Poole only; Dorset County Council became Dorset and, for
 * Christchurch, BCP). The refusal of a reorganised LA named Dorset among Bournemouth's successors.
 */
import { REORGANISATION_RULES, type ReorganisationRule } from "./import/areas";
import type { AreaRow } from "./types";

/**
 * The successors of each predecessor (DfE numbers) of a rule with more than one predecessor; in a rule not listed
 * here the one predecessor was replaced by all its successors. Kept beside the rules rather than in them: the
 * import writes REORGANISATION_RULES into datapackage.json whole, so a new field there would change every
 * official package. From the rule's note (1 April 2019: Christchurch moved from Dorset to BCP).
 */
export const SUCCESSORS_BY_PREDECESSOR: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = Object.freeze({
  "bcp-dorset-2019": Object.freeze({ "835": Object.freeze(["838", "839"]), "836": Object.freeze(["839"]), "837": Object.freeze(["839"]) }),
});

/** The successors of `predecessor` (a DfE number) in `rule`, in the rule's order. */
function successorsIn(rule: ReorganisationRule, predecessor: string): readonly string[] {
  return SUCCESSORS_BY_PREDECESSOR[rule.id]?.[predecessor] ?? rule.successors;
}

/**
 * The reorganisation that ended the LA numbered `predecessor` and the LAs that replaced it (DfE numbers), or
 * undefined when no rule ended it.
 * @example
 * successorsOf("837") // { rule: { id: "bcp-dorset-2019", … }, successors: ["839"] }: Bournemouth became part of BCP
 */
export function successorsOf(predecessor: string): { rule: ReorganisationRule; successors: readonly string[] } | undefined {
  const rule = REORGANISATION_RULES.find((r) => r.predecessors.includes(predecessor));
  return rule === undefined ? undefined : { rule, successors: successorsIn(rule, predecessor) };
}

/**
 * The reorganisation that started the LA numbered `successor` and the LAs it replaced, wholly or in part (DfE
 * numbers), or undefined when no rule started it.
 * @example
 * predecessorsOf("838") // { rule: { id: "bcp-dorset-2019", … }, predecessors: ["835"] }: Dorset replaced Dorset County Council
 */
export function predecessorsOf(successor: string): { rule: ReorganisationRule; predecessors: readonly string[] } | undefined {
  const rule = REORGANISATION_RULES.find((r) => r.successors.includes(successor));
  return rule === undefined ? undefined : { rule, predecessors: rule.predecessors.filter((p) => successorsIn(rule, p).includes(successor)) };
}

/**
 * The LAs that replaced `area` (when it had ended before `period`) or that it replaced (when it started after), as
 * a clause to append to "… existed until 2019, not in 2024", naming those of `areas` by name and code; "" when
 * no rule names one. `add` and --las both say it, so that a refusal says which LA to name instead.
 * @example
 * reorganisationWords(bournemouth, areas, 2024) // "; the LA that replaced it from 2020: Bournemouth, Christchurch and Poole (E06000058)"
 */
export function reorganisationWords(area: AreaRow, areas: readonly AreaRow[], period: number): string {
  if (area.old_la_code === "") return "";
  const named = (numbers: readonly string[]) => areas.filter((a) => a.old_la_code !== "" && numbers.includes(a.old_la_code)).map((a) => `${a.la_name} (${a.la_code})`);
  const ended = area.last_period !== null && area.last_period < period;
  // this LA's own successors or predecessors, not the whole rule's (Dorset was named among Bournemouth's)
  const change = ended ? successorsOf(area.old_la_code) : predecessorsOf(area.old_la_code);
  const others = change === undefined ? [] : named("successors" in change ? change.successors : change.predecessors);
  if (change === undefined || others.length === 0) return "";
  return `; ${others.length === 1 ? "the LA" : "the LAs"} ${ended ? `that replaced it from ${change.rule.lastPeriod + 1}` : `it replaced (until ${change.rule.lastPeriod})`}: ${others.join(", ")}`;
}

/**
 * A list in words for messages and reports, "a, b and c", shared by every layer that writes one (the returns' rules,
 * "did you mean", the analysis summary): one joiner, so that a list reads the same wherever it is said.
 */

/**
 * "a", "a and b", "a, b and c" (or, with `and` = "or", "a, b or c"); "" for no items. No Oxford comma, as the
 * workbench's messages write lists.
 * @example
 * joinWords(["DOB", "CONVICTED", "SUBSTANCE_MISUSE"]) // "DOB, CONVICTED and SUBSTANCE_MISUSE"
 * joinWords(['"analyse"', '"panel"'], "or") // '"analyse" or "panel"'
 */
export function joinWords(items: readonly string[], and = "and"): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;
}

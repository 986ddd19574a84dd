/**
 * Long labels on a figure's category axis: cut to a length the axis can hold, in a way that keeps the labels of
 * one figure apart (official labels often share long beginnings: "Children in need (not on a plan or looked
 * after): …"). The hover text keeps the whole label.
 */

/** Longest label on an axis (the hover text has the whole label). */
export const AXIS_LABEL_CHARS = 48;

/** Characters kept from a long label's start and end by {@link shortLabel} (with the ellipsis, AXIS_LABEL_CHARS). */
const LABEL_HEAD_CHARS = 20;
const LABEL_TAIL_CHARS = AXIS_LABEL_CHARS - LABEL_HEAD_CHARS - 1;

/**
 * A label cut to {@link AXIS_LABEL_CHARS} characters by an ellipsis in the middle: official labels run
 * "group: measure (unit)", and cut at the end the six "Children in need (not on a plan or looked after): …"
 * outcomes of the official package all read the same on the axis.
 * @example shortLabel("Care leavers aged 19–21 in education, employment or training (%)") // "Care leavers aged 19… employment or training (%)"
 */
export function shortLabel(label: string): string {
  const chars = [...label];
  if (chars.length <= AXIS_LABEL_CHARS) return label;
  return `${chars.slice(0, LABEL_HEAD_CHARS).join("")}…${chars.slice(chars.length - LABEL_TAIL_CHARS).join("")}`;
}

/** Characters kept from the start of a label shown from where it differs from others ({@link axisTexts}). */
const DIFFERENCE_HEAD_CHARS = 12;
/** Characters shown before the first that differs, so that the word it is in reads whole. */
const DIFFERENCE_LEAD_CHARS = 8;

/**
 * The axis text of each of `items`: its label shortened ({@link shortLabel}); where shortened labels read alike
 * (the official "Care leavers aged 19–21 in …" and "Care leavers aged 19 in …" differ only past the 20th
 * character), the start of each and the part from where they differ; where they still read alike (or the whole
 * labels are the same), the id.
 * @example axisTexts([{ id: "a", label: "Same" }, { id: "b", label: "Same" }, { id: "c", label: "Other" }]) // ["a", "b", "Other"]
 */
export function axisTexts(items: readonly { id: string; label: string }[]): string[] {
  const texts = items.map((i) => shortLabel(i.label));
  for (const group of alike(texts)) {
    const labels = group.map((k) => [...items[k].label]);
    const differ = commonPrefixLength(labels);
    for (const [n, k] of group.entries()) texts[k] = fromDifference(labels[n], differ);
  }
  for (const group of alike(texts)) for (const k of group) texts[k] = items[k].id;
  return texts;
}

/** Groups (indices) of two or more equal texts. */
function alike(texts: readonly string[]): number[][] {
  const at = new Map<string, number[]>();
  texts.forEach((t, k) => at.set(t, [...(at.get(t) ?? []), k]));
  return [...at.values()].filter((g) => g.length > 1);
}

/** How many characters all of `labels` share from the start. */
function commonPrefixLength(labels: readonly string[][]): number {
  let n = 0;
  while (labels.every((l) => n < l.length && l[n] === labels[0][n])) n++;
  return n;
}

/** A long label as its first characters, an ellipsis and the part from just before character `differ`, cut to AXIS_LABEL_CHARS. */
function fromDifference(chars: readonly string[], differ: number): string {
  if (chars.length <= AXIS_LABEL_CHARS) return chars.join("");
  const from = Math.max(DIFFERENCE_HEAD_CHARS, differ - DIFFERENCE_LEAD_CHARS);
  const room = AXIS_LABEL_CHARS - DIFFERENCE_HEAD_CHARS - 2;
  const rest = chars.slice(from);
  const middle = rest.length <= room + 1 ? rest.join("") : `${rest.slice(0, room).join("")}…`;
  return `${chars.slice(0, DIFFERENCE_HEAD_CHARS).join("")}…${middle}`;
}

/**
 * `text` in lines of at most `width` characters, broken between words (a longer word keeps a line of its own): for
 * titles that Plotly would otherwise draw on one line past their panel.
 * @example wrapWords("Re-referrals within 12 months (%)", 20) // ["Re-referrals within", "12 months (%)"]
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.length - 1;
    if (last >= 0 && [...lines[last]].length + 1 + [...word].length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Hints for cells of a researcher's table that `add` cannot read (lib/data/own-data/add.ts). */

/**
 * What to write instead, for cells other tools write (a walkthrough's "45%" and ".." got only the general error).
 * @example cellHint("45%") // "; write a percentage as a number without the % sign (45), with the unit percent"
 */
export function cellHint(text: string): string {
  const t = text.trim();
  const percent = /^(-?\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (percent) return `; write a percentage as a number without the % sign (${percent[1]}), with the unit percent`;
  if (/^\.{2,}$/.test(t) || /^(n\/?a|-+|\*)$/i.test(t)) return `; for a value not available write x, or leave the cell blank; for a suppressed one, c`;
  return "";
}

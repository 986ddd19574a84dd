/** Hints for cells of a researcher's table that `add` cannot read (lib/data/own-data/add.ts). */

/**
 * What to write instead, for cells other tools write (a walkthrough's "45%" and ".." got only the general error).
 * @example
 * cellHint("45%") // "; write a percentage as a number without the % sign (45), with the unit percent"
 * cellHint("<5") // '; for a value withheld for small numbers write c, DfE\'s symbol for a suppressed value (it stays missing with that reason), not "<5"'
 * cellHint("1,234") // "; write the number without thousands separators (1234): …"
 */
export function cellHint(text: string): string {
  const t = text.trim();
  const percent = /^(-?\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (percent) return `; write a percentage as a number without the % sign (${percent[1]}), with the unit percent`;
  if (/^\.{2,}$/.test(t) || /^(n\/?a|-+|\*)$/i.test(t)) return `; for a value not available write x, or leave the cell blank; for a suppressed one, c`;
  // "<5", "< 10", "≤5": a small count withheld by hand (a user trial's "<5" got no hint, r26)
  if (/^(<|<=|≤)\s*\d+(?:\.\d+)?$/.test(t)) return `; for a value withheld for small numbers write c, DfE's symbol for a suppressed value (it stays missing with that reason), not "${t}"`;
  // "1,234" or "12,345.6": thousands separators, as Excel's number format or a published table writes them
  if (/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(t)) return `; write the number without thousands separators (${t.replace(/,/g, "")}): in Excel, format the column as a number without "Use 1000 Separator (,)" before saving`;
  return "";
}

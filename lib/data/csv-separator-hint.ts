/**
 * A hint for a CSV whose rows do not have the header's number of fields because it was saved with another
 * separator: Excel in many European locales saves "CSV" separated by semicolons (and decimals with commas, so a
 * row "E06000001;2023;12,5" reads as 2 fields against a header of 1), and some tools export tab-separated text.
 * The field-count error alone ("got 2 fields, expected 1") did not tell a user what to do.
 */

/** The separators a one-field header is checked for, with their names in words. */
const OTHER_SEPARATORS: readonly { character: string; name: string }[] = [
  { character: ";", name: "semicolon" },
  { character: "\t", name: "tab" },
];

/**
 * The words to add to a field-count error when the header suggests another separator: the header read as one
 * field that contains a semicolon or a tab (the one occurring more often; semicolon on a tie). Empty otherwise.
 * @example
 * separatorHint(["la_code;period;value"]) // "; the file looks semicolon-separated: save it as comma-separated CSV"
 * separatorHint(["la_code", "period"]) // ""
 */
export function separatorHint(header: readonly string[]): string {
  if (header.length !== 1) return "";
  let likely: { name: string; count: number } | undefined;
  for (const { character, name } of OTHER_SEPARATORS) {
    const count = header[0].split(character).length - 1;
    if (count > 0 && (likely === undefined || count > likely.count)) likely = { name, count };
  }
  return likely === undefined ? "" : `; the file looks ${likely.name}-separated: save it as comma-separated CSV`;
}

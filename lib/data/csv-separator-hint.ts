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

/**
 * "1 field", "2 fields": a field count in words (a semicolon-separated file's error had said "expected 1 fields").
 * @example fieldsWords(1) // "1 field"
 */
export function fieldsWords(count: number): string {
  return count === 1 ? "1 field" : `${count} fields`;
}

/**
 * A row's field count against its header's, as a {@link DataError}'s value and expected: the count in words
 * ({@link fieldsWords}), and for a header of one field that a semicolon or tab splits, the separator it holds and how to
 * save the file ({@link separatorHint}).
 * @example
 * fieldCountProblem(2, ["la_code;period;value"])
 * // { value: "2 fields", expected: "1 field as in the header: read with commas as the separator, the header is one field, holding 2 semicolons (;); the file looks semicolon-separated: save it as comma-separated CSV" }
 * fieldCountProblem(2, ["la_code", "period", "value"]) // { value: "2 fields", expected: "3 fields as in the header" }
 */
export function fieldCountProblem(count: number, header: readonly string[]): { value: string; expected: string } {
  const hint = separatorHint(header);
  const separator = hint === "" ? undefined : OTHER_SEPARATORS.find((s) => hint.includes(s.name));
  if (separator === undefined) return { value: fieldsWords(count), expected: `${fieldsWords(header.length)} as in the header${hint}` };
  const times = header[0].split(separator.character).length - 1;
  const shown = separator.character === "\t" ? "\\t" : separator.character;
  return {
    value: fieldsWords(count),
    expected: `1 field as in the header: read with commas as the separator, the header is one field, holding ${times} ${separator.name}${times === 1 ? "" : "s"} (${shown})${hint}`,
  };
}

/**
 * What an ONS (GSS) code that is not a children's services authority of England is, in words: a Welsh, Scottish or
 * Northern Irish area, a shire district or a metropolitan county. A package holds England's children's services
 * authorities only (counties E10, unitaries E06, metropolitan districts E08 and London boroughs E09), so such a code
 * is told what it is and what to give instead, rather than offered the English code one digit away (a review's
 * W06000015, Cardiff, was asked "did you mean E06000015 or E06000005?"; E07000150, Corby, "E06000050 or E06000005").
 *
 * The entity prefixes are ONS's Register of Geographic Codes (the first three characters of a GSS code).
 */

/** The first letter of a GSS code outside England → the nation's adjective. */
const NATIONS: Readonly<Record<string, string>> = Object.freeze({ W: "Welsh", S: "Scottish", N: "Northern Irish" });

/**
 * English entity prefixes of councils that are not children's services authorities → what they are and what to give.
 * Other English codes (an unknown E06 to E10, a mistyped prefix) are refused with the nearest codes of the package.
 */
const ENGLISH_KINDS: Readonly<Record<string, string>> = Object.freeze({
  E07: "a shire district, which does not run children's services (its county does): give the county, or the unitary that now covers the district",
  E11: "a metropolitan county, which does not run children's services: give the metropolitan district (E08)",
});

/**
 * Why an ONS code is of an area the package cannot hold (outside England, a shire district, a metropolitan county),
 * or undefined for any other code, which is matched, or refused with the nearest codes, as usual. England (E92) and
 * regions (E12) are aggregates, decided before this is asked.
 * @param code - a GSS code, upper case (`/^[EWSN]\d{8}$/`)
 * @example
 * notChildrensServicesWords("W06000015") // "W06000015 is the code of a Welsh area: the package holds England's children's services authorities only (…)"
 * notChildrensServicesWords("E07000150") // "E07000150 is a shire district, which does not run children's services (its county does): give the county, …"
 * notChildrensServicesWords("E08000035") // undefined
 */
export function notChildrensServicesWords(code: string): string | undefined {
  const nation = NATIONS[code[0]];
  if (nation !== undefined) {
    return `${code} is the code of a ${nation} area: the package holds England's children's services authorities only (counties, unitaries, metropolitan districts and London boroughs)`;
  }
  const kind = ENGLISH_KINDS[code.slice(0, 3)];
  return kind === undefined ? undefined : `${code} is ${kind}`;
}

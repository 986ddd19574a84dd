/**
 * The LA codes of a returns folder against the LAs of a package (`returns --population PKG`: its areas and earlier
 * codes), matched as `add` matches them (lib/data/own-data/match-areas):
 * - a folder named by an earlier ONS code of an LA (Gateshead's E08000020, now E08000037; North Yorkshire's county code
 *   E10000023, now E06000065) is counted under the LA's current code, said on the screen. It had been kept as given:
 *   the package could not be joined with the official one, its LA was named "E08000020", region "unknown", and every
 *   rate was left out although the population package held the LA (round-27 trial S2-6);
 * - the returns of an LA-year outside the LA's lifespan (Northamptonshire, abolished in 2021, with returns of
 *   2022–2024) are refused, naming the LAs that replaced it, in add's words. They had been written, exit 0, and only a
 *   later `validate` said "30 row(s) of E10000021 for periods outside its lifespan";
 * - one LA under its earlier and its current code in one folder is refused: its years would be counted apart.
 * A code the package does not know, and every code when no package is given, is kept as given (as before).
 */
import { areaMatcher } from "../data/own-data/match-areas";
import type { AreaRow } from "../data/types";
import { InputError } from "../errors";
import { collectionYearLabel } from "./dates";
import type { DiscoveredReturns } from "./discover";
import type { ReturnsImportLog } from "./import-issues";

/**
 * The current code of each LA folder named by an earlier one (earlier → current), each said on the screen.
 * @param areas the LAs of the package given (none: every code is kept as given)
 * @param codeAliases the package's earlier ONS codes (provenance.code_aliases), besides HISTORIC_ONS_CODES
 * @throws InputError naming the file, the LA's lifespan and its successors when a return's year is outside the LA's
 *   lifespan; naming both codes when one LA's returns are under its earlier and its current code
 * @example
 * currentLaCodes(found, areas, { E08000020: "E08000037" }, log).get("E08000020") // "E08000037"
 */
export function currentLaCodes(found: DiscoveredReturns, areas: readonly AreaRow[], codeAliases: Readonly<Record<string, string>>, log: ReturnsImportLog): Map<string, string> {
  const current = new Map<string, string>();
  if (areas.length === 0) return current;
  const matcher = areaMatcher(areas, codeAliases);
  const names = new Map(areas.map((a) => [a.la_code, a.la_name] as const));
  const seen = new Set<string>();
  for (const f of [...found.ssda903, ...found.cin, ...found.annexA]) {
    if (seen.has(`${f.la}|${f.year}`)) continue;
    seen.add(`${f.la}|${f.year}`);
    const m = matcher.match(f.la, "code", f.year);
    if (m.kind === "matched" && m.method === "earlier ONS code") current.set(f.la, m.laCode);
    else if (m.kind === "unmatched" && matcher.match(f.la, "code", undefined).kind === "matched") {
      // a code of the package's (or an earlier one of its LA's) in a year outside the LA's lifespan
      throw new InputError(
        "DIR",
        `the returns of ${f.la} for ${collectionYearLabel(f.year)} (period ${f.year}; ${f.name}): ${m.reason}: name the LA's folder by the code of the LA whose returns they are in ${collectionYearLabel(f.year)}`,
        f.name,
      );
    }
  }
  const folders = new Set([...seen].map((k) => k.split("|")[0]));
  for (const [earlier, code] of current) {
    if (folders.has(code)) {
      throw new InputError("DIR", `returns of ${names.get(code)} under its earlier ONS code ${earlier} and its current code ${code}: its years would be counted apart; put all its returns in the folder ${code}`, `${earlier}, ${code}`);
    }
    log.notice(earlier, `LA folder ${earlier} is an earlier ONS code of ${names.get(code)} (${code}): its returns are counted under ${code}`, "the package gives the current code, as the official package does, so the two can be joined");
  }
  return current;
}

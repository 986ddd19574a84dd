/**
 * The LA a CIN census says it is of (its Header's `<LEA>`, a DfE 3-digit LA number: the census schema's `\d{3}`),
 * checked against the LA of the folder it is filed under. A census filed under the wrong LA had been read as the
 * folder's, exit 0, with no word (round-27 trial S2-1: Hartlepool's folder holding a census with LEA 806,
 * Middlesbrough). 000 and a blank LEA are unknown, never a mismatch (some exports write 000).
 * - With the LAs' DfE numbers known (--population PKG: its areas' old_la_code), an LEA that is another LA's number
 *   is refused, naming both LAs.
 * - Without them, two censuses can still contradict each other: one LEA in the censuses of two folders' LAs, or two
 *   LEAs in one LA's censuses, is refused, naming both files.
 */
import type { AreaRow } from "../data/types";
import { DataError } from "../errors";

/** A census found, with the LEA its start gives. */
export interface CensusLea {
  name: string;
  la: string;
  /** The LEA: three digits other than 000, or null (none, blank or 000: unknown). */
  lea: string | null;
}

/**
 * The LEA the start of a census gives: three digits other than 000, or null when it gives none, a blank or 000.
 * @example
 * censusLeaOf("<Header>…<Source><LEA>806</LEA></Source>") // "806"
 * censusLeaOf("<Source><LEA>000</LEA></Source>") // null
 */
export function censusLeaOf(head: string): string | null {
  const m = /<(?:[\w.-]+:)?LEA>\s*(\d{3})\s*</.exec(head);
  return m === null || m[1] === "000" ? null : m[1];
}

/**
 * Refuse a census whose LEA is not its folder's LA (see the module comment).
 * @param areas the LAs with their DfE numbers (old_la_code), when known; else []
 * @throws DataError naming the census, its LEA and the LA it is of, or the two censuses that disagree
 * @example
 * refuseCensusOfAnotherLa([{ name: "E06000001/2023/cin_census.xml", la: "E06000001", lea: "806" }], areas) // throws: LEA 806 is Middlesbrough (E06000002) …
 */
export function refuseCensusOfAnotherLa(censuses: readonly CensusLea[], areas: readonly AreaRow[]): void {
  const byNumber = new Map(areas.filter((a) => /^\d{3}$/.test(a.old_la_code)).map((a) => [a.old_la_code, a] as const));
  const byCode = new Map(areas.map((a) => [a.la_code, a] as const));
  const firstOfLea = new Map<string, CensusLea>();
  const firstOfLa = new Map<string, CensusLea>();
  for (const c of censuses) {
    if (c.lea === null) continue;
    // only where the folder's LA is known by its code: a folder named by an LA's earlier ONS code is not compared
    const named = byNumber.get(c.lea);
    const folder = byCode.get(c.la);
    if (named !== undefined && folder !== undefined && folder.old_la_code !== c.lea) {
      throw leaError(c, `LEA ${c.lea} is ${named.la_name} (${named.la_code}), the folder is ${folder.la_name} (${c.la}${folder.old_la_code === "" ? "" : `, ${folder.old_la_code}`})`);
    }
    const sameLea = firstOfLea.get(c.lea);
    if (sameLea !== undefined && sameLea.la !== c.la) {
      throw leaError(c, `the census of ${sameLea.la}'s folder ${sameLea.name} gives LEA ${c.lea} too, so one of them is filed under another LA`);
    }
    const sameLa = firstOfLa.get(c.la);
    if (sameLa !== undefined && sameLa.lea !== c.lea) {
      throw leaError(c, `another census of ${c.la}, ${sameLa.name}, gives LEA ${sameLa.lea}, so one of them is another LA's`);
    }
    if (sameLea === undefined) firstOfLea.set(c.lea, c);
    if (sameLa === undefined) firstOfLa.set(c.la, c);
  }
}

/** The refusal of census `c`, `why` saying what it contradicts. */
function leaError(c: CensusLea, why: string): DataError {
  return new DataError({
    file: c.name,
    column: "LEA",
    value: c.lea ?? "",
    expected: `the DfE number of the LA of the folder the census is in (${c.la}): ${why}; move the census to the folder of its LA, or correct its LEA (000 or a blank LEA is taken for unknown)`,
  });
}

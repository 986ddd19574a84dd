/**
 * What a table's header says of its columns, for the disclosure scanner's table rule (./scan-rules.ts scanTable): which
 * columns are counts, record identifiers, generic ids or the n of a statistic by their names, which keys the rows by
 * LA, and whether the columns are those of record-level pilot data. It depends on the header alone, so it is judged
 * once per header: 211,000 small figures of one header had it judged afresh for each (round 23, C2).
 */
import { BoundedCache } from "./bounded-cache";
import { isAnalysisN, isCountName, isGenericIdName, isIdentifierName, isLaTableCountName, normalisedName } from "./field-names";
import { laKeyColumn } from "./la-columns";
import { RECORD_FIELDS } from "./record-fields";

/** Count names in tables only (a CSV column `x` as in PHE's `phe_proportion(data, x, n)`); in JSON, `x` is a plot axis. */
const TABLE_COUNT_NAMES = new Set(["x"]);

/** A header's judgement (see the file's comment); its arrays are per column and must not be changed. */
export interface HeaderJudgement {
  /** The names trimmed and lower-cased. */
  names: readonly string[];
  /** True when at least three columns are the record CSV's and one is respondent_id or response. */
  recordRows: boolean;
  /** The column keying the rows by LA, or −1. */
  laColumn: number;
  /** Counts by their names (in a table of LAs, Number, Base and Sample too), the n of a statistic apart. */
  countByName: readonly boolean[];
  identifier: readonly boolean[];
  /** A generic id (`id`, `*_id`) not named as a record identifier: judged by its values. */
  genericId: readonly boolean[];
  /** The n of a statistic (a count of LAs). */
  analysisN: readonly boolean[];
}

const judged = new BoundedCache<string, HeaderJudgement>(1024);

/**
 * The judgement of a table's header, remembered for the last headers seen.
 * @example
 * judgeHeader(["la_code", "n_children"]).countByName // [false, true]
 */
export function judgeHeader(header: readonly string[]): HeaderJudgement {
  return judged.get(header.join("\u0000"), () => {
    const names = header.map((h) => h.trim().toLowerCase());
    const recordCols = RECORD_FIELDS.filter((f) => names.includes(f)).length;
    const laColumn = laKeyColumn(header)?.column ?? -1;
    const analysisN = header.map((h) => isAnalysisN(h ?? "", header));
    const countByName = header.map((h, k) => (isCountName(h) || TABLE_COUNT_NAMES.has(normalisedName(h)) || (laColumn >= 0 && isLaTableCountName(h))) && !analysisN[k]);
    const identifier = header.map((h) => isIdentifierName(h));
    const genericId = header.map((h, k) => !identifier[k] && isGenericIdName(h));
    return { names, recordRows: recordCols >= 3 && (names.includes("respondent_id") || names.includes("response")), laColumn, countByName, identifier, genericId, analysisN };
  });
}

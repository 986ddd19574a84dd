/**
 * `<Child>` elements of one CIN census file with the LAchildID of an earlier one. A census lists each child once (one
 * LAchildID per Child element; DfE's CIN census validation rejects a repeat), so a repeat is an export appended twice
 * or two extracts merged:
 * - an exact copy of an earlier Child element (the same in every element the figures read: referral, closure and
 *   no-further-action, each assessment's and plan's dates, previous plans, a date of birth after the census) is read
 *   once, as SSDA903 exact-copy rows are (ssda903-exact-copies): dropped with a log entry naming it and the element it
 *   copies, and said once on the screen. It had been read as another child's: a census with its first 40 children
 *   appended again gave cpp_second_time_pct 11/53 for 11/46 and lait_continue_assess_comp 97/198 for 87/179
 *   (round-27 trial S1-8; referrals and children in need at 31 March were de-duplicated by latestCinRecords);
 * - a Child element with an earlier one's LAchildID and other content refuses the file, naming both elements'
 *   positions (never the id): which one is the child's cannot be told. When such children are more than
 *   MIXED_YEARS_SHARE of the file's children (and MIXED_YEARS_MIN_ROWS or more), the bound of SSDA903's "two exports
 *   mixed" refusals, the message says the file probably mixes two exports; fewer, that a child is listed twice.
 * Census files of one LA-year are compared apart: the same children in two files are read once by latestCinRecords.
 */
import { createHash } from "node:crypto";
import { DataError } from "../errors";
import type { ReturnsImportLog } from "./import-issues";
import { MIXED_YEARS_MIN_ROWS, MIXED_YEARS_SHARE, shareAboveLimit, tooManyToDrop } from "./ssda903-table-year";

/**
 * Rule of a Child element dropped for being an exact copy of an earlier one of its file. The element copied is in the
 * entry's detail (`returns --log FILE`), not in the rule: a rule naming an element would be a rule of one child.
 */
export const CIN_EXACT_COPY_RULE =
  "a Child element that is an exact copy of an earlier one of the census (the same LAchildID, referrals, assessments and plans): the child is read once";

/** What a Child element is beside the file's earlier ones: the first of its child, an exact copy or another version. */
export type CinChildRepeat = { kind: "first" } | { kind: "copy" | "differs"; of: number };

/** One child's first Child element: its position and the digest of what the figures read from it. */
interface FirstElement {
  childNo: number;
  digest: string;
}

/**
 * The Child elements of one census file by child: tells a repeat from a first element, and a copy from another version.
 * Keeps per child its first element's position and a 128-bit digest of its content (not the content), so a census of
 * hundreds of thousands of children costs a few megabytes.
 * @example
 * const repeats = new CinChildRepeats("cin.xml");
 * repeats.see(0, 1, "{…}"); // { kind: "first" }
 * repeats.see(0, 41, "{…}"); // { kind: "copy", of: 1 }
 */
export class CinChildRepeats {
  private readonly firsts = new Map<number, FirstElement>();
  /** Child elements with an earlier element's LAchildID and other content, in file order, with the element they repeat. */
  readonly differing: { childNo: number; of: number }[] = [];
  /** Exact copies met. */
  copies = 0;

  constructor(private readonly fileName: string) {}

  /**
   * Classify Child element `childNo` of child `childKey` (its number in CinLaData.childKeys) whose content the figures
   * read is `content` (any text that is equal exactly when the content is).
   */
  see(childKey: number, childNo: number, content: string): CinChildRepeat {
    const digest = createHash("sha256").update(content).digest("base64").slice(0, 22);
    const first = this.firsts.get(childKey);
    if (first === undefined) {
      this.firsts.set(childKey, { childNo, digest });
      return { kind: "first" };
    }
    if (first.digest === digest) {
      this.copies++;
      return { kind: "copy", of: first.childNo };
    }
    this.differing.push({ childNo, of: first.childNo });
    return { kind: "differs", of: first.childNo };
  }

  /**
   * After the file's last Child element: throws {@link refusal}, or says on the screen (a notice) that exact copies
   * were read once.
   * @throws DataError when a child has two different Child elements
   */
  check(children: number, log: ReturnsImportLog): void {
    const refused = this.refusal(children);
    if (refused !== undefined) throw refused;
    if (this.copies === 0) return;
    log.notice(
      this.fileName,
      "Child elements that are exact copies of an earlier one (the same LAchildID, referrals, assessments and plans) read once (the import log counts them): each child is counted once",
      "if the census was exported or pasted twice into one file, export it again",
    );
  }

  /**
   * The refusal of a file with a child in two different Child elements, or undefined: names the first such pair's
   * positions and how many there are, among the `children` Child elements with an identifier.
   */
  refusal(children: number): DataError | undefined {
    if (this.differing.length === 0) return undefined;
    const { childNo, of } = this.differing[0];
    const n = this.differing.length;
    const others = n === 1 ? "" : ` (and ${n - 1} more Child element(s) repeating an earlier one's LAchildID with other content)`;
    const why = tooManyToDrop(n, children)
      ? `${shareAboveLimit(n, children)} of its Child elements repeat an earlier one's LAchildID with other content (more than ${100 * MIXED_YEARS_SHARE}%, and ${MIXED_YEARS_MIN_ROWS} or more), so the census probably mixes two exports (another year's census, or another extract of the year, pasted in): export the census again`
      : "which of the two is the child's cannot be told: correct the export so that the child is listed once (with all its referrals in that element), then run again";
    return new DataError({
      file: this.fileName,
      row: childNo,
      column: "LAchildID",
      value: `Child element ${childNo} has the LAchildID of Child element ${of}, with other referrals, assessments or plans (the id is not shown)${others}`,
      expected: `each child in one Child element (DfE's CIN census validation: a child is listed once): ${why}`,
    });
  }
}

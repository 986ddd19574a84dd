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

/** What the figures read from a Child element (read-cin's ChildRead): its position, CINdetails and a late date of birth. */
export interface CinChildContent {
  /** Position of the Child element in the file (1 = first). */
  childNo: number;
  details: readonly {
    referral: string;
    closure: string;
    nfa: string;
    assessments: readonly { start: string; authorised: string }[];
    plans: readonly { start: string; end: string; previous: string }[];
  }[];
  bornAfterCensus: string;
}

/**
 * The Child elements of one census file by child: tells a repeat from a first element, and a copy from another version.
 * Keeps per child (by its number, CinLaData.childKeys: 0, 1, 2 … per LA) its first element's position and a 53-bit
 * fingerprint of its content (contentFingerprint), in typed arrays. A first version had kept a SHA-256 digest of the
 * content's JSON per child in a Map: reading the synthetic returns (30 censuses, 583,962 Child elements) took 5.3–5.9 s
 * of CPU for 3.5–3.8 s.
 * @example
 * const repeats = new CinChildRepeats("cin.xml");
 * repeats.see(0, child1); // { kind: "first" }
 * repeats.see(0, child41); // { kind: "copy", of: 1 } when child41's content is child1's
 */
export class CinChildRepeats {
  /** By child number: the position of its first Child element in this file (0: none yet). */
  private firstNo = new Int32Array(1024);
  /** By child number: the fingerprint of its first Child element's content. */
  private prints = new Float64Array(1024);
  /** Child elements with an earlier element's LAchildID and other content, in file order, with the element they repeat. */
  readonly differing: { childNo: number; of: number }[] = [];
  /** Exact copies met. */
  copies = 0;

  constructor(private readonly fileName: string) {}

  /** Classify Child element `read` of child `childKey` (its number in CinLaData.childKeys). */
  see(childKey: number, read: CinChildContent): CinChildRepeat {
    if (childKey >= this.firstNo.length) this.grow(childKey);
    const print = contentFingerprint(read);
    const first = this.firstNo[childKey];
    if (first === 0) {
      this.firstNo[childKey] = read.childNo;
      this.prints[childKey] = print;
      return { kind: "first" };
    }
    if (this.prints[childKey] === print) {
      this.copies++;
      return { kind: "copy", of: first };
    }
    this.differing.push({ childNo: read.childNo, of: first });
    return { kind: "differs", of: first };
  }

  private grow(childKey: number): void {
    let n = this.firstNo.length;
    while (n <= childKey) n *= 2;
    const firstNo = new Int32Array(n);
    firstNo.set(this.firstNo);
    const prints = new Float64Array(n);
    prints.set(this.prints);
    this.firstNo = firstNo;
    this.prints = prints;
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

/**
 * A 53-bit fingerprint of a Child element's content (cyrb53's mixing, two 32-bit lanes, over every string read with
 * a separator before each and the number of details, assessments and plans): equal for equal content; two different
 * contents share one with a chance of about 2^-53, so a different element is taken for a copy of the first almost never.
 */
function contentFingerprint(read: CinChildContent): number {
  const parts = FINGERPRINT_PARTS;
  parts.length = 0;
  parts.push(read.bornAfterCensus);
  for (const d of read.details) {
    parts.push(d.referral, d.closure, d.nfa, String(d.assessments.length));
    for (const a of d.assessments) parts.push(a.start, a.authorised);
    parts.push(String(d.plans.length));
    for (const p of d.plans) parts.push(p.start, p.end, p.previous);
  }
  let h1 = 0xdeadbeef ^ read.details.length;
  let h2 = 0x41c6ce57 ^ read.details.length;
  for (let k = 0; k < parts.length; k++) {
    const text = parts[k];
    // the separator (a code no text holds) keeps "ab" + "c" apart from "a" + "bc"
    h1 = Math.imul(h1 ^ 0x10000, 2654435761);
    h2 = Math.imul(h2 ^ 0x10000, 1597334677);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  parts.length = 0;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The strings contentFingerprint hashes, reused from one Child element to the next (emptied after each). */
const FINGERPRINT_PARTS: string[] = [];

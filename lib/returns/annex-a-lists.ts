/**
 * Ofsted's Annex A (the child-level lists LAs prepare for an inspection of local authority children's services,
 * lists 1–11) as LAs export them: one sheet per list, named "List 3", "List 3 - Referrals" and the like, with
 * the header row on one of the first rows. Columns are found by header patterns that follow the column names of
 * Ofsted's template as Social Finance's liia-tools Annex A schema lists them ("Child Unique ID", "Date of
 * referral", "Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation", "Child Protection
 * Plan Start Date", "Number of Previous Child Protection Plans", "Date Started to be Looked After", "Child's Legal
 * Status", "LA in Touch", "Activity Status", "Suitability of Accommodation", …), case and spacing ignored.
 *
 * Codes are read as the template writes them ("a) Yes", "F1: Full time in higher education", "V3: Short term
 * breaks, episodes recorded") or as bare codes ("Y", "F1", "V3").
 */

/** The lists read, with the columns each needs (required) or uses when present (optional). */
export const ANNEX_A_LISTS = {
  3: { label: "referrals", required: { child: /child.*\bid\b/, referral: /date of (the )?referral|referral date/ }, optional: {} },
  4: {
    label: "assessments",
    required: { child: /child.*\bid\b/, start: /assessment start date/, authorised: /date of authorisation|authorisation date/ },
    optional: {},
  },
  7: {
    label: "child protection",
    required: { child: /child.*\bid\b/, start: /plan start date/, previous: /number of previous (child protection )?plans/ },
    optional: { end: /plan end date/ },
  },
  8: {
    label: "children looked after",
    required: { child: /child.*\bid\b/, started: /date started to be looked after/, legalStatus: /^(child'?s )?legal status$/ },
    optional: { ceased: /date ceased to be looked after/ },
  },
  9: {
    label: "care leavers",
    required: { child: /child.*\bid\b/, dob: /date of birth/, inTouch: /in touch/, activity: /activity/, suitability: /suitability/ },
    optional: {},
  },
} as const;

/** A list number read. */
export type AnnexAList = keyof typeof ANNEX_A_LISTS;

/** Rows searched for the header row (title rows above it are allowed). */
export const ANNEX_A_HEADER_SEARCH_ROWS = 10;

/**
 * The list a sheet name names ("List 3", "list3", "List 3 - Referrals"), or null. A sheet copied in a spreadsheet
 * program names the same list: "List 3 (2)" and "List 3 copy" (Excel, Numbers), "Copy of List 3" (Google Sheets),
 * "List 3_2" (LibreOffice); two sheets of one list in a workbook are read once or refused (annex-a-sheets). A name
 * holding a list's name elsewhere ("Notes on List 3", "Checklist 3") names none.
 * @example
 * annexAListOfSheet("List 8 - Children looked after") // 8
 * annexAListOfSheet("Copy of List 7") // 7
 */
export function annexAListOfSheet(name: string): number | null {
  const m = /^\s*(?:copy of\s+)?list\s*(\d{1,2})(?:_\d+)?\b/i.exec(name);
  return m && Number(m[1]) >= 1 && Number(m[1]) <= 11 ? Number(m[1]) : null;
}

/** A header cell as compared: lower case, single spaces, curly apostrophes straightened. */
export function normaliseHeader(cell: string): string {
  return cell.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ").trim().toLowerCase();
}

/** "a) Yes" → "Yes", "F1: Full time…" stays (the code is read from its start). */
function withoutLetter(value: string): string {
  return value.replace(/^\s*[a-z]{1,2}\)\s*/i, "").trim();
}

const IN_TOUCH_WORDS: Readonly<Record<string, string>> = Object.freeze({ Y: "YES", YES: "YES", N: "NO", NO: "NO", DIED: "DIED", REFU: "REFU", NREQ: "NREQ", RHOM: "RHOM" });

/**
 * LA in touch (List 9) as the SSDA903 IN_TOUCH code, or undefined when unknown.
 * @example
 * annexAInTouch("c) Died") // "DIED"
 */
export function annexAInTouch(value: string): string | undefined {
  return IN_TOUCH_WORDS[withoutLetter(value).split(/[\s:]/)[0].toUpperCase()];
}

/**
 * Activity status (List 9) as its code (F1–F5, P1–P5, G4–G6); "" when blank; undefined when unknown.
 * @example
 * annexAActivity("F3: Full time in training or employment") // "F3"
 */
export function annexAActivity(value: string): string | undefined {
  const v = withoutLetter(value);
  if (v === "") return "";
  const m = /^([FP][1-5]|G[4-6])\b/i.exec(v);
  return m ? m[1].toUpperCase() : undefined;
}

/**
 * Suitability of accommodation (List 9): true (suitable), false (unsuitable), null (blank); undefined when unknown.
 * @example
 * annexASuitable("a) Suitable") // true
 */
export function annexASuitable(value: string): boolean | null | undefined {
  const v = withoutLetter(value).toLowerCase();
  if (v === "") return null;
  if (v === "suitable" || v === "1") return true;
  if (v === "unsuitable" || v === "not suitable" || v === "2") return false;
  return undefined;
}

/**
 * Child's legal status (List 8) as its SSDA903 code ("V3: Short term breaks…" → "V3"), or undefined.
 * @example
 * annexALegalStatus("C2: FCO") // "C2"
 */
export function annexALegalStatus(value: string): string | undefined {
  const m = /^([A-Z]\d)\b/i.exec(withoutLetter(value));
  return m ? m[1].toUpperCase() : undefined;
}

/** Small shared fixtures for the pilot tests (hand-made instruments and records). */
import { parseInstruments, type InstrumentSet } from "../../lib/pilot/instruments";
import { DataErrors } from "../../lib/errors";
import type { PilotTally } from "../../lib/pilot/tally-records";

export const AREA_CODES = Object.freeze(["E06900001", "E06900002", "E06900003"]);

export const INSTRUMENTS_JSON = Object.freeze({
  instruments: [
    {
      id: "child_survey",
      label: "Survey of children",
      respondent: "child",
      items: [
        { id: "trust_staff", label: "I trust staff", scale: "likert5", positive: ["4", "5"], domain: "valued-and-involved", outcome: "Children trust staff" },
        { id: "listened_to", label: "I am listened to", scale: "yesno", positive: ["yes"], domain: "valued-and-involved", outcome: "Children feel listened to" },
      ],
    },
    {
      id: "case_audit",
      label: "Case-file audit",
      respondent: "case-file",
      items: [{ id: "plan_quality", label: "Plan quality", scale: "audit4", positive: ["1", "2"], domain: "child-safe", outcome: "Plans address needs" }],
    },
  ],
});

export function instruments(): InstrumentSet {
  return parseInstruments(JSON.stringify(INSTRUMENTS_JSON), "instruments.json");
}

export const HEADER = "respondent_id,la_code,period,instrument,item,response";

/** Records: respondent id prefix, LA, item, responses in order (one respondent per response). */
export function records(groups: { prefix: string; la: string; instrument: string; item: string; responses: string[]; period?: number }[]): string {
  const lines = [HEADER];
  for (const g of groups) {
    g.responses.forEach((r, i) => lines.push(`${g.prefix}${String(i + 1).padStart(3, "0")},${g.la},${g.period ?? 2023},${g.instrument},${g.item},${r}`));
  }
  return lines.join("\n") + "\n";
}

export const rep = (value: string, times: number): string[] => new Array<string>(times).fill(value);

/** What a tally gives: its counts, or the messages of the errors it throws (to compare two tallies' results). */
export function tallyOutcome(f: () => Pick<PilotTally, "records" | "respondents" | "periods" | "counts" | "unanswered">): unknown {
  try {
    const t = f();
    return { records: t.records, respondents: t.respondents, periods: t.periods, counts: [...t.counts], unanswered: [...t.unanswered] };
  } catch (e) {
    if (e instanceof DataErrors) return { errors: e.errors.map((x) => x.message) };
    return { thrown: String(e) };
  }
}

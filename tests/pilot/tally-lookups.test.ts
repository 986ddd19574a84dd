/**
 * The lookups of a tally are built for an instruments file of any number of items: round 24 (H16) stopped `pilot`
 * on one of 150,000 items with "Maximum call stack size exceeded" (Math.max(...items)).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildTallyLookups } from "../../lib/pilot/tally-lookups";
import type { InstrumentSet } from "../../lib/pilot/instruments";

test("an instrument of 200,000 items gets its lookups; the longest scale has 5 responses", () => {
  const items = Array.from({ length: 200_000 }, (_, i) => ({
    id: `q${i}`, label: `Question ${i}`, scale: i === 7 ? "likert5" : "yesno", positive: i === 7 ? ["4", "5"] : ["yes"], domain: "workforce" as const, outcome: "o", indicator: `pilot_s_q${i}`,
  }));
  const set: InstrumentSet = { file: "instruments.json", instruments: [{ id: "s", label: "Survey", respondent: "child", items }] };
  const lookups = buildTallyLookups(set, ["E06000001"]);
  assert.equal(lookups.items.length, 200_000);
  assert.equal(lookups.maxResponses, 5);
});

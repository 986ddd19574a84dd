/** AnsweredItems (lib/pilot/answered-items.ts) says "first time" exactly once per (period, respondent, item), as a set of triples does. */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { AnsweredItems } from "../../lib/pilot/answered-items";

test("mark is true for the first (period, respondent, item) only, as with a set, across bitset growth", () => {
  const triple = fc.tuple(fc.nat(3), fc.oneof(fc.nat(20), fc.nat(100_000)), fc.nat(11));
  fc.assert(
    fc.property(fc.array(triple, { maxLength: 300 }), (marks) => {
      const answered = new AnsweredItems(12);
      const seen = new Set<string>();
      for (const [p, rid, it] of marks) {
        const key = `${p}:${rid}:${it}`;
        assert.equal(answered.mark(p, rid, it), !seen.has(key), key);
        seen.add(key);
      }
    }),
    { numRuns: 200, seed: 5 },
  );
});

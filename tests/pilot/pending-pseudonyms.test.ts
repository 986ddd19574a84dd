/**
 * PendingPseudonyms (lib/pilot/pending-pseudonyms.ts) puts into every place the pseudonym of the id given for it,
 * as pseudonymise gives it for that id alone, whether it is written at once, after the four lanes are taken, or
 * when fill is called early; ids over one block, repeated ids and the one-at-a-time path (no SIMD) included.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { HmacSha256PrefixX4 } from "../../lib/pilot/hmac-sha256-x4";
import { PendingPseudonyms, PSEUDONYM_BYTES } from "../../lib/pilot/pending-pseudonyms";
import { pseudonymise } from "../../lib/pilot/pseudonymise";

const KEY = Buffer.from("pending-pseudonyms-test-key-0123456789");
const id = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), fc.nat(9).map((n) => `R${n}`), fc.integer({ min: 50, max: 70 }).map((n) => "L".repeat(n)));

function placedPseudonyms(ids: string[], fillAfter: boolean[]): string[] {
  const out = new Uint8Array(ids.length * PSEUDONYM_BYTES);
  const p = new PendingPseudonyms(KEY, 64);
  ids.forEach((x, k) => {
    const bytes = Buffer.from(`;${x};`); // the id inside other bytes, as in a row
    p.place(out, k * PSEUDONYM_BYTES, bytes, 1, bytes.length - 1);
    if (fillAfter[k % fillAfter.length]) p.fill(out);
  });
  p.fill(out);
  return ids.map((_, k) => Buffer.from(out.subarray(k * PSEUDONYM_BYTES, (k + 1) * PSEUDONYM_BYTES)).toString("ascii"));
}

test("every place holds the pseudonym of its own id, with SIMD lanes and without", () => {
  fc.assert(
    fc.property(fc.array(id, { minLength: 1, maxLength: 40 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }), (ids, fillAfter) => {
      const expected = ids.map((x) => pseudonymise(x, KEY));
      assert.deepEqual(placedPseudonyms(ids, fillAfter), expected);
      const create = HmacSha256PrefixX4.create;
      HmacSha256PrefixX4.create = () => null;
      try {
        assert.deepEqual(placedPseudonyms(ids, fillAfter), expected);
      } finally {
        HmacSha256PrefixX4.create = create;
      }
    }),
    { numRuns: 200, seed: 29 },
  );
});

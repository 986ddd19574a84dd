/** The disclosure scanner's bounded cache (lib/disclosure/bounded-cache.ts): remembers, forgets all when full, never grows past its size. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { BoundedCache } from "../../lib/disclosure/bounded-cache";

test("a value is computed once per key, undefined values too, and all are forgotten when the cache is full", () => {
  const cache = new BoundedCache<string, number | undefined>(2);
  let calls = 0;
  const get = (k: string, v: number | undefined) => cache.get(k, () => (calls++, v));
  assert.equal(get("a", 1), 1);
  assert.equal(get("a", 9), 1);
  assert.equal(get("u", undefined), undefined);
  assert.equal(get("u", 5), undefined, "an undefined result is remembered as one");
  assert.equal(calls, 2);
  assert.equal(get("b", 2), 2, "a third key: the two are forgotten");
  assert.equal(get("a", 7), 7);
  assert.equal(calls, 4);
});

test("a size that is not a whole number of at least 1 is refused", () => {
  for (const size of [0, -1, 1.5, Number.NaN]) assert.throws(() => new BoundedCache(size), /BoundedCache: size must be an integer >= 1/);
});

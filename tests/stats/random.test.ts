import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createFastRng, createRng, resampleIndices } from "../../lib/stats/random";
import { InputError } from "../../lib/errors";

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/fixtures/sfc32-seed42.json"), "utf8"));

describe("createRng (sfc32 seeded by splitmix32)", () => {
  it("gives the stream of createFastRng, with methods usable apart from the generator, serialised as { seed }", () => {
    for (const seed of [0, 42, 2 ** 31 + 5, -7, 2 ** 40 + 1]) {
      const fast = createFastRng(seed);
      const { nextUint32, nextFloat, nextInt, nextNormal } = createRng(seed);
      for (let k = 0; k < 50; k++) {
        assert.equal(nextUint32(), fast.nextUint32());
        assert.equal(nextFloat(), fast.nextFloat());
        assert.equal(nextInt(150), fast.nextInt(150));
        assert.ok(Object.is(nextNormal(), fast.nextNormal()));
      }
    }
    const rng = createRng(7);
    assert.deepEqual(Array.from({ length: 3 }, rng.nextFloat), Array.from({ length: 3 }, (() => { const f = createFastRng(7); return () => f.nextFloat(); })()));
    assert.equal(JSON.stringify(createRng(7)), '{"seed":7}');
    assert.throws(() => createFastRng(3.5), InputError);
  });


  it("gives the same sequence as the independent Python implementation for seed 42", () => {
    const rng = createRng(42);
    assert.deepEqual(Array.from({ length: 10 }, () => rng.nextUint32()), fixture.first10Uint32);
    assert.deepEqual(Array.from({ length: 20 }, () => rng.nextInt(150)), fixture.then20NextInt150);
  });

  it("is reproducible: the same seed gives the same numbers, another seed different ones", () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xa = Array.from({ length: 50 }, () => a.nextFloat());
    assert.deepEqual(xa, Array.from({ length: 50 }, () => b.nextFloat()));
    assert.notDeepEqual(xa, Array.from({ length: 50 }, () => c.nextFloat()));
  });

  it("draws integers uniformly: each of 6 faces within 5% of 1/6 over 60,000 draws", () => {
    const rng = createRng(1);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[rng.nextInt(6)]++;
    for (const c of counts) assert.ok(Math.abs(c - 10000) < 500, `count ${c}`);
  });

  it("draws floats in [0, 1) and normals with mean ≈ 0 and sd ≈ 1", () => {
    const rng = createRng(3);
    let s = 0;
    let ss = 0;
    for (let i = 0; i < 20000; i++) {
      const u = rng.nextFloat();
      assert.ok(u >= 0 && u < 1);
      const z = rng.nextNormal();
      s += z;
      ss += z * z;
    }
    assert.ok(Math.abs(s / 20000) < 0.03);
    assert.ok(Math.abs(Math.sqrt(ss / 20000) - 1) < 0.03);
  });

  it("nextInt is Lemire's multiply-and-shift with rejection on the uint32 stream (reference with floating %), for small and large n", () => {
    const a = createRng(7);
    const b = createRng(7);
    const TWO_POW_32 = 4294967296;
    const reference = (n: number): number => {
      let m = b.nextUint32() * n;
      let low = m % TWO_POW_32;
      if (low < n) {
        const threshold = (TWO_POW_32 - n) % n;
        while (low < threshold) {
          m = b.nextUint32() * n;
          low = m % TWO_POW_32;
        }
      }
      return Math.floor(m / TWO_POW_32);
    };
    for (let i = 0; i < 200_000; i++) {
      const n = i % 3 === 0 ? 2 ** 21 - (i % 1000) : 1 + (i % 150);
      assert.equal(a.nextInt(n), reference(n), `draw ${i}, n = ${n}`);
    }
  });

  it("rejects non-integer seeds and impossible ranges with InputError", () => {
    assert.throws(() => createRng(1.5), InputError);
    assert.throws(() => createRng(1).nextInt(0), InputError);
    assert.throws(() => resampleIndices(createRng(1), 0, new Uint32Array(3)), InputError);
  });

  it("resampleIndices fills the given buffer with indices in [0, n)", () => {
    const out = new Uint32Array(150);
    const back = resampleIndices(createRng(5), 150, out);
    assert.equal(back, out);
    assert.ok(out.every((i) => i < 150));
    assert.ok(new Set(out).size < 150, "with replacement: some index repeats");
  });
});

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { householderQr, householderQrInto, qrScratch, QR_TOLERANCE } from "../../lib/stats/linear-algebra";

/** The factorisation's fields as plain arrays (a scratch factorisation's are views of its scratch). */
const plain = (f: ReturnType<typeof householderQr>) => ({ n: f.n, p: f.p, rank: f.rank, pivot: [...f.pivot], qr: [...f.qr], tau: [...f.tau] });

describe("householderQrInto", () => {
  it("gives householderQr's factorisation bit for bit, one scratch reused across sizes and aliased columns, the input untouched", () => {
    const scratch = qrScratch();
    const shapes: [number, number][] = [[6, 2], [30, 3], [5, 4], [30, 3], [12, 1]];
    for (const [n, p] of shapes) {
      const a = Float64Array.from({ length: n * p }, (_, i) => (i % n === 0 ? 1 : Math.sin(i * 1.7) * (1 + (i % 3))));
      if (p >= 3) for (let i = 0; i < n; i++) a[2 * n + i] = 2 * a[n + i]; // column 2 aliased on column 1
      const before = Float64Array.from(a);
      assert.deepStrictEqual(plain(householderQrInto(a, n, p, QR_TOLERANCE, scratch)), plain(householderQr(a, n, p, QR_TOLERANCE)), `${n}×${p}`);
      assert.deepStrictEqual(a, before, `${n}×${p}: input unchanged`);
    }
  });
});

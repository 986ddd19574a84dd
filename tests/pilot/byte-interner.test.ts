import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { ByteInterner, fnv1a } from "../../lib/pilot/byte-interner";

describe("ByteInterner", () => {
  test("gives dense ids in order of first insertion and finds them again after many rehashes", () => {
    const interner = new ByteInterner(["a", "b"]);
    const keys = Array.from({ length: 20000 }, (_, i) => `ps_${(i * 2654435761 >>> 0).toString(16).padStart(16, "0")}`);
    const buf = Buffer.from(keys.join(","));
    let at = 0;
    const ranges = keys.map((k) => {
      const r = [at, at + k.length] as const;
      at += k.length + 1;
      return r;
    });
    ranges.forEach(([s, e], i) => assert.equal(interner.intern(buf, s, e), i + 2));
    ranges.forEach(([s, e], i) => assert.equal(interner.lookup(buf, s, e), i + 2));
    assert.equal(interner.size, 20002);
    assert.equal(interner.key(2), keys[0]);
    assert.equal(interner.lookup(Buffer.from("zz"), 0, 2), -1);
    assert.equal(interner.lookup(Buffer.from("xa"), 1, 2), 0, "a sub-range is looked up by its bytes");
  });

  test("fnv1a matches the published FNV-1a 32-bit test vectors", () => {
    // http://www.isthe.com/chongo/src/fnv/test_fnv.c: FNV1a_32 of "" = 0x811c9dc5, "a" = 0xe40c292c, "foobar" = 0xbf9cf968
    assert.equal(fnv1a(Buffer.from(""), 0, 0), 0x811c9dc5);
    assert.equal(fnv1a(Buffer.from("a"), 0, 1), 0xe40c292c);
    assert.equal(fnv1a(Buffer.from("foobar"), 0, 6), 0xbf9cf968);
  });
});

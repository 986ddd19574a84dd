/** Running code as on a runtime without WebAssembly SIMD, for tests of the one-at-a-time fallbacks. */
import assert from "node:assert/strict";
import { HmacSha256PrefixX4 } from "../../lib/pilot/hmac-sha256-x4";
import { TEST_KEY } from "./helpers";

/**
 * Run f with HmacSha256PrefixX4.create returning null, as where WebAssembly SIMD is missing, giving it a fresh copy
 * of `key`: four-lane hashers are pooled by key object (lib/returns/pseudonym-queue), and a new object has none
 * made before. Fails unless f asked for a four-lane hasher (so the fallback was really taken).
 */
export function withoutSimd<T>(f: (key: Buffer) => T, key: Buffer = TEST_KEY): T {
  const create = HmacSha256PrefixX4.create;
  let asked = 0;
  HmacSha256PrefixX4.create = () => {
    asked++;
    return null;
  };
  try {
    const result = f(Buffer.from(key));
    assert.ok(asked > 0, "withoutSimd: no four-lane hasher was asked for");
    return result;
  } finally {
    HmacSha256PrefixX4.create = create;
  }
}

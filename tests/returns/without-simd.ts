/** Running code as on a runtime without WebAssembly SIMD, for tests of the one-at-a-time fallbacks. */
import { HmacSha256PrefixX4 } from "../../lib/pilot/hmac-sha256-x4";

/** Run f with HmacSha256PrefixX4.create returning null, as where WebAssembly SIMD is missing. */
export function withoutSimd<T>(f: () => T): T {
  const create = HmacSha256PrefixX4.create;
  HmacSha256PrefixX4.create = () => null;
  try {
    return f();
  } finally {
    HmacSha256PrefixX4.create = create;
  }
}

/**
 * The keyed pseudonym of lib/pilot/pseudonymise (`ps_` + the first 16 hex digits of HMAC-SHA256(key, id)), the
 * same value computed faster for the millions of identifiers of a national returns year: the HMAC comes from
 * lib/pilot/hmac-sha256 (the key's inner and outer pad blocks compressed once, so each identifier costs one or
 * two SHA-256 compressions in plain JavaScript — about a tenth of a node:crypto Hmac object per call), and the
 * hex digits are written without toString/padStart. `tests/returns/keyed-pseudonyms.test.ts` checks it against
 * `pseudonymise` bit for bit.
 */
import { InputError } from "../errors";
import { HmacSha256Prefix } from "../pilot/hmac-sha256";
import { MIN_KEY_BYTES, PSEUDONYM_HEX_DIGITS, PSEUDONYM_PREFIX } from "../pilot/pseudonymise";

/** Character code of the lowercase hex digit of a nibble (0–15). */
const hexDigit = (nibble: number): number => (nibble < 10 ? 48 + nibble : 87 + nibble);
/** Character codes of the pseudonym prefix. */
const PREFIX_CODES = [...PSEUDONYM_PREFIX].map((c) => c.charCodeAt(0));

/**
 * Pseudonyms under one key, equal bit for bit to `pseudonymise(rawId, key)` (lib/pilot/pseudonymise).
 * @example
 * const pseudonyms = new KeyedPseudonyms(key);
 * pseudonyms.of("E09000001/C123") === pseudonymise("E09000001/C123", key) // true
 */
export class KeyedPseudonyms {
  private readonly hmac: HmacSha256Prefix;
  private message = new Uint8Array(256);
  private readonly encoder = new TextEncoder();
  /** Character codes of the pseudonym being written: the prefix, then the hex digits. */
  private readonly codes: number[] = [...PREFIX_CODES, ...new Array<number>(PSEUDONYM_HEX_DIGITS).fill(48)];

  constructor(key: Buffer) {
    if (key.length < MIN_KEY_BYTES) throw new InputError("KeyedPseudonyms", `key must be at least ${MIN_KEY_BYTES} bytes`, key.length);
    this.hmac = new HmacSha256Prefix(key);
  }

  /** `ps_` + the first 16 hex digits of HMAC-SHA256(key, UTF-8 of rawId). */
  of(rawId: string): string {
    if (rawId === "") throw new InputError("KeyedPseudonyms.of", "identifier must not be empty", rawId);
    const length = this.encode(rawId);
    const hmac = this.hmac;
    hmac.digest(this.message, 0, length);
    // the 16 hex digits are the digest's first two 32-bit words, most significant nibble first
    const words = [hmac.hi, hmac.lo];
    const codes = this.codes;
    for (let k = 0; k < PSEUDONYM_HEX_DIGITS; k++) codes[PREFIX_CODES.length + k] = hexDigit((words[k >> 3] >>> (28 - 4 * (k & 7))) & 15);
    return String.fromCharCode.apply(null, codes as unknown as number[]);
  }

  /** UTF-8 of rawId into this.message (grown as needed); its length in bytes. */
  private encode(rawId: string): number {
    const need = rawId.length * 3;
    if (this.message.length < need) this.message = new Uint8Array(Math.max(need, this.message.length * 2));
    const m = this.message;
    for (let i = 0; i < rawId.length; i++) {
      const c = rawId.charCodeAt(i);
      if (c >= 0x80) return this.encoder.encodeInto(rawId, m).written;
      m[i] = c;
    }
    return rawId.length;
  }
}

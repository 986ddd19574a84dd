/**
 * A seeded pseudo-random number generator that gives the same numbers on every machine.
 *
 * **Generator.** sfc32 ("Small Fast Counting", Chris Doty-Humphrey, PractRand; 128-bit state, period
 * ≥ 2³²) whose four state words are filled from the seed by splitmix32 (a 32-bit variant of Steele,
 * Lea & Flood's SplitMix). Both use only 32-bit integer operations (`Math.imul`, shifts, `| 0`,
 * `>>> 0`), so the sequence for a seed is identical on any JavaScript engine, OS or CPU. The first
 * 12 outputs are discarded to mix the state. The sequence for seed 42 is checked against an independent
 * Python implementation in `tests/stats/random.test.ts`.
 *
 * **Derived draws.** `nextFloat` = uint32 / 2³² ∈ [0, 1). `nextInt(n)` is unbiased: Lemire's
 * multiply-and-shift with rejection, exact in doubles for n ≤ 2²¹. `nextNormal` uses Box–Muller on
 * `Math.log`/`Math.cos`, which are deterministic for a given Node version (V8's fdlibm port) but not
 * guaranteed bit-identical across engines; integer draws and floats are.
 */
import { InputError } from "../errors";

/** Largest `n` for {@link Rng.nextInt} and {@link resampleIndices} (products stay exact in doubles). */
export const MAX_UNIFORM_INT_RANGE = 2 ** 21;

const TWO_POW_32 = 4294967296;
/** Outputs discarded after seeding (sfc32 author's recommendation is ≥ 12). */
const WARM_UP_ROUNDS = 12;

/** A seeded generator. Stateful: each call advances the stream. */
export interface Rng {
  /** The seed it was created with. */
  readonly seed: number;
  /** Next unsigned 32-bit integer. */
  nextUint32(): number;
  /** Uniform in [0, 1), with 32 random bits. */
  nextFloat(): number;
  /** Uniform integer in [0, n), unbiased; 1 ≤ n ≤ 2²¹. */
  nextInt(n: number): number;
  /** Standard normal draw (Box–Muller). */
  nextNormal(): number;
}

/**
 * One step of splitmix32: returns the next 32-bit output for the running state `a` (already advanced).
 * Constants from the 32-bit finaliser of MurmurHash3-style mixing (0x21f0aaad, 0x735a2d97).
 */
function splitmix32Output(a: number): number {
  let t = a ^ (a >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t = t ^ (t >>> 15);
  t = Math.imul(t, 0x735a2d97);
  t = t ^ (t >>> 15);
  return t >>> 0;
}

/**
 * Create a seeded sfc32 generator. Its methods may be used apart from it (`const { nextInt } = createRng(7)`,
 * `Array.from({ length: 3 }, rng.nextFloat)`), and it serialises as `{ seed }`.
 * @param seed an integer in [0, 2³²); other integers are reduced modulo 2³².
 * @throws InputError if the seed is not a finite integer.
 * @example
 * const rng = createRng(42);
 * rng.nextInt(150); // the same number on every machine
 */
export function createRng(seed: number): Rng {
  const g = new Sfc32(checkedSeed(seed, "createRng"));
  return {
    seed: g.seed,
    nextUint32: () => g.nextUint32(),
    nextFloat: () => g.nextFloat(),
    nextInt: (n: number) => g.nextInt(n),
    nextNormal: () => g.nextNormal(),
  };
}

/**
 * The generator of {@link createRng} (the same numbers for the same seed) as a class instance, for hot loops:
 * a draw's call has one target whatever generator it is made on. Call its methods on it (`rng.nextInt(n)`).
 * @throws InputError if the seed is not a finite integer.
 * @example
 * const rng = createFastRng(42);
 * rng.nextInt(150); // as createRng(42).nextInt(150)
 */
export function createFastRng(seed: number): Rng {
  return new Sfc32(checkedSeed(seed, "createFastRng"));
}

/** The seed reduced modulo 2³² (the generator's seed), or an InputError naming `caller` when it is not an integer. */
function checkedSeed(seed: number, caller: string): number {
  if (!Number.isInteger(seed)) throw new InputError(caller, "seed must be an integer", seed);
  return Number(BigInt.asUintN(32, BigInt(seed)));
}

/**
 * The generator behind {@link createRng}. A class, so that a draw's call has one target whatever generator it is
 * made on (closures made per generator were a new target for every analysis, and optimised code calling the
 * previous one was thrown away: lib/vitals/kernel-scratch.ts), and its four state words live in an Int32Array (a
 * 32-bit value outside the small-integer range stored in a closure variable or a field is boxed anew each time).
 */
class Sfc32 implements Rng {
  private readonly state = new Int32Array(4);
  private spareNormal = NaN;

  constructor(readonly seed: number) {
    let s = seed | 0;
    for (let w = 0; w < 4; w++) {
      s = (s + 0x9e3779b9) | 0;
      this.state[w] = splitmix32Output(s);
    }
    for (let i = 0; i < WARM_UP_ROUNDS; i++) this.nextUint32();
  }

  nextUint32(): number {
    const state = this.state;
    const a = state[0];
    const b = state[1];
    const c = state[2];
    const d = (state[3] + 1) | 0;
    const t = (((a + b) | 0) + d) | 0;
    state[0] = b ^ (b >>> 9);
    state[1] = (c + (c << 3)) | 0;
    state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    state[3] = d;
    return t >>> 0;
  }

  nextFloat(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  nextInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > MAX_UNIFORM_INT_RANGE) {
      throw new InputError("Rng.nextInt", `n must be an integer in [1, ${MAX_UNIFORM_INT_RANGE}]`, n);
    }
    // Lemire (2019), "Fast random integer generation in an interval", with rejection for no bias. m < 2⁵³ is an
    // exact integer, so high = ⌊m / 2³²⌋ and low = m − high·2³² (= m mod 2³²) are exact, without a floating modulo
    let m = this.nextUint32() * n;
    let high = Math.floor(m / TWO_POW_32);
    let low = m - high * TWO_POW_32;
    if (low < n) {
      const threshold = (TWO_POW_32 - n) % n;
      while (low < threshold) {
        m = this.nextUint32() * n;
        high = Math.floor(m / TWO_POW_32);
        low = m - high * TWO_POW_32;
      }
    }
    return high;
  }

  nextNormal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return z;
    }
    // u1 in (0, 1] so the log is finite.
    const u1 = (this.nextUint32() + 1) / TWO_POW_32;
    const u2 = this.nextUint32() / TWO_POW_32;
    const radius = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  }
}

/**
 * Fill `out` with indices drawn uniformly with replacement from [0, n) — one bootstrap resample.
 * Allocation-free for hot loops: pass the same `out` buffer every time.
 * @returns `out`
 * @throws InputError if n is not an integer in [1, 2²¹].
 * @example
 * const rng = createRng(1);
 * const idx = new Uint32Array(150);
 * resampleIndices(rng, 150, idx); // idx now holds 150 draws from 0..149
 */
export function resampleIndices(rng: Rng, n: number, out: Uint32Array): Uint32Array {
  if (!Number.isInteger(n) || n < 1 || n > MAX_UNIFORM_INT_RANGE) {
    throw new InputError("resampleIndices", `n must be an integer in [1, ${MAX_UNIFORM_INT_RANGE}]`, n);
  }
  for (let i = 0; i < out.length; i++) out[i] = rng.nextInt(n);
  return out;
}

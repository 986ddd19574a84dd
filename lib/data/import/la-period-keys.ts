/**
 * Numbers for (LA code, period) pairs: a key per row that is a number instead of a joined string, for the
 * duplicate checks and look-ups over 100,000s of indicator rows during an import.
 */

/** Largest period a (LA, period) key holds: years are four digits (+1 for September censuses). */
export const MAX_KEY_PERIOD = 10_000;

/**
 * Numbers for (LA code, period) pairs, one per pair, so a row's key is a number instead of a joined string
 * (LAIT has 100,000s of rows): the LA code's index among those seen × (MAX_KEY_PERIOD + 1) + period.
 */
export class LaPeriodKeys {
  private readonly laIndex = new Map<string, number>();

  /**
   * The pair's number, or NaN for a period that is not an integer in [0, MAX_KEY_PERIOD].
   * @example
   * const keys = new LaPeriodKeys(); keys.key("E06000001", 2015) // 2015; keys.key("E06000002", 2015) // 12016
   */
  key(laCode: string, period: number): number {
    if (!Number.isInteger(period) || period < 0 || period > MAX_KEY_PERIOD) return Number.NaN;
    let i = this.laIndex.get(laCode);
    if (i === undefined) {
      i = this.laIndex.size;
      this.laIndex.set(laCode, i);
    }
    return i * (MAX_KEY_PERIOD + 1) + period;
  }
}


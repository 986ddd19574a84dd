/**
 * The LAIT dictionary and parquet read ahead: decoding the parquet (about a fifth of an official import's
 * work on the calling thread) depends on nothing imported before it but the dictionary, so
 * {@link importOfficial} does it while the calling thread would otherwise wait for the worker reading the
 * workbooks (./ods-prefetch.ts). The LAIT steps then take what was read (or rethrow what reading threw, in
 * their place), so the log, the errors and the package are those of reading in order.
 */
import { decodeUtf8 } from "../csv";
import type { DetectedSource } from "./detect";
import { isLaitCscMeasure, readLaitDictionary, readLaitParquet, type LaitMeasure, type LaitValues } from "./lait-parquet";

/** What a call returned, or what it threw. */
export type Outcome<T> = { value: T } | { thrown: unknown };

/** The value of an outcome, or what the call threw, thrown again. */
export function outcomeValue<T>(o: Outcome<T>): T {
  if ("thrown" in o) throw o.thrown;
  return o.value;
}

/** What {@link readLaitAhead} read: each dictionary file, the dictionary the parquet step will use, each parquet file. */
export interface LaitReadAhead {
  dictionaries: ReadonlyMap<string, Outcome<Map<string, LaitMeasure>>>;
  /** The last dictionary that read (the LAIT dictionary step keeps the last), or undefined when none did. */
  dictionary: Map<string, LaitMeasure> | undefined;
  /** Each parquet file read with {@link LaitReadAhead.dictionary}'s CSC filter (none when there is no dictionary). */
  parquet: ReadonlyMap<string, Outcome<{ values: LaitValues; notKept: Map<string, number> }>>;
}

/**
 * Read the LAIT dictionaries and parquet files among `detected` as the LAIT steps would (same calls, same
 * order), keeping each result or what it threw.
 * @example
 * const ahead = await readLaitAhead(detected, bytes); outcomeValue(ahead.parquet.get(file)!).values.length
 */
export async function readLaitAhead(detected: readonly DetectedSource[], bytes: ReadonlyMap<string, Uint8Array>): Promise<LaitReadAhead> {
  const dictionaries = new Map<string, Outcome<Map<string, LaitMeasure>>>();
  let dictionary: Map<string, LaitMeasure> | undefined;
  for (const d of detected) {
    if (d.kind !== "lait-dictionary") continue;
    try {
      const read = readLaitDictionary(decodeUtf8(bytes.get(d.file) as Uint8Array, d.file), d.file);
      dictionaries.set(d.file, { value: read });
      dictionary = read;
    } catch (e) {
      dictionaries.set(d.file, { thrown: e });
    }
  }
  const parquet = new Map<string, Outcome<{ values: LaitValues; notKept: Map<string, number> }>>();
  const kept = dictionary;
  if (kept !== undefined) {
    for (const d of detected) {
      if (d.kind !== "lait-parquet" || parquet.has(d.file)) continue;
      try {
        parquet.set(d.file, { value: await readLaitParquet(bytes.get(d.file) as Uint8Array, d.file, (code) => isLaitCscMeasure(kept, code)) });
      } catch (e) {
        parquet.set(d.file, { thrown: e });
      }
    }
  }
  return { dictionaries, dictionary, parquet };
}

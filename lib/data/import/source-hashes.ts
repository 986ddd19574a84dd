/**
 * The sha256 of each source file (datapackage.json `sources[].sha256`), computed once per bytes object, and
 * computed early while the calling thread would otherwise wait for the workbook worker (./ods-prefetch.ts):
 * hashing the official sources takes about 70 ms of the calling thread, and it often waits longer than that
 * for the LAIT files the worker reads last.
 */
import { sha256 } from "../package-cells";

/** Hashes already computed, by the bytes hashed (a source's bytes are read once and never changed). */
const hashes = new WeakMap<Uint8Array, string>();

/**
 * The sha256 of a source's bytes (hex), as {@link sha256} gives it; computed once per bytes object.
 * @example
 * sourceSha256(new TextEncoder().encode("abc")) // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sourceSha256(bytes: Uint8Array): string {
  let hash = hashes.get(bytes);
  if (hash === undefined) {
    hash = sha256(bytes);
    hashes.set(bytes, hash);
  }
  return hash;
}

/**
 * Hash the sources not yet hashed, one file at a time, while `waiting()` holds: the event loop runs between
 * files, so the worker's messages arrive and `waiting()` sees them; it resolves as soon as it is false, or
 * when every source is hashed.
 * @example
 * await hashSourcesWhile(() => !prefetch.sheetsArrived(file), bytes.values()); await prefetch.sheets(file);
 */
export async function hashSourcesWhile(waiting: () => boolean, sources: Iterable<Uint8Array>): Promise<void> {
  for (const bytes of sources) {
    if (hashes.has(bytes)) continue;
    await new Promise<void>((resolve) => setImmediate(resolve)); // the worker's messages so far are received
    if (!waiting()) return;
    sourceSha256(bytes);
  }
}

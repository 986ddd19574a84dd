/**
 * Finding a part's records in a zip archive built for a test, so that a test can damage one field (a declared
 * size, the compressed bytes) and check what the readers make of it.
 */

/** Offset of the central-directory record of `name` (searched from the end, as readers find the directory). */
export function centralRecord(bytes: Uint8Array, name: string): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let o = bytes.length - 46; o >= 0; o--) {
    if (view.getUint32(o, true) !== 0x02014b50) continue;
    const n = view.getUint16(o + 28, true);
    if (new TextDecoder().decode(bytes.subarray(o + 46, o + 46 + n)) === name) return o;
  }
  throw new Error(`centralRecord: no central-directory record for ${name}`);
}

/** Offset of the first (compressed) data byte of the part whose central-directory record is at `central`. */
export function partDataStart(bytes: Uint8Array, central: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = view.getUint32(central + 42, true);
  return local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
}

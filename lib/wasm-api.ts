/**
 * The part of the WebAssembly JavaScript API that the library's generated modules use (the project's TypeScript
 * libraries do not declare it): one declaration for the pilot's hashers and row reader and validate's CSV scanner,
 * each of which reads the global itself (`(globalThis as { WebAssembly?: WasmApi<E> }).WebAssembly`, undefined where
 * WebAssembly is missing, as under `--jitless`). Types only: importing them loads nothing at run time.
 */

/** A compiled module (opaque). */
export type WasmModule = { readonly kind?: "WebAssembly.Module" };

/** A module's memory. */
export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The WebAssembly global, its instances exporting `E`. */
export interface WasmApi<E> {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: E };
}

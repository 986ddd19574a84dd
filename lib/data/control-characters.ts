/**
 * Control characters (U+0000–U+001F, U+007F) inside an identifier: a byte a damaged copy or a broken export puts in a
 * cell, invisible on screen. In an id it makes another id (round 24 H12: a NUL in an SSDA903 CHILD cell made the child's
 * episodes "missing from Header", exit 0); in an LA code, an unknown LA (H18: an LA-year dropped as one routine warning).
 */

/** Names of the control characters a message spells out; the others are given as U+00XX. */
const NAMED: Readonly<Record<number, string>> = Object.freeze({ 0: "NUL", 9: "tab", 10: "line feed", 13: "carriage return", 27: "ESC", 127: "DEL" });

/**
 * The first control character of `text` described for a message ("a control character (NUL)"), or undefined when
 * it has none. The text itself is not quoted (it may be a child's id).
 * @example controlCharacterIn("E0600\u000043") // "a control character (NUL)"; controlCharacterIn("E06000043") // undefined
 */
export function controlCharacterIn(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return `a control character (${NAMED[c] ?? `U+${c.toString(16).toUpperCase().padStart(4, "0")}`})`;
  }
  return undefined;
}

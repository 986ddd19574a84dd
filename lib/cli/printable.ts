/**
 * Text from data (package titles, labels, ids) made safe to print on a terminal: ANSI escape sequences and
 * other control characters are removed or escaped, so a crafted package cannot move the cursor, recolour or
 * clear the user's terminal.
 */

/** ANSI/VT escape sequences: CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and two-byte ESC forms. */
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
/**
 * C0 and C1 control characters and DEL, except tab and newline (handled by {@link printableText}'s `multiline`), and
 * the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make "E0600\u202e1000" display as
 * another LA's code.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Strip ANSI escape sequences and show other control characters as `\uXXXX`. Newlines and tabs become
 * spaces unless `multiline`.
 * @example
 * printableText("\u001b[31mRed\u001b[0m title\u0007") // "Red title\\u0007"
 */
export function printableText(text: string, multiline = false): string {
  const stripped = text.replace(ANSI_SEQUENCE, "");
  const flat = multiline ? stripped : stripped.replace(/[\t\n]/g, " ");
  return flat.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

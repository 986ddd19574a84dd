/** Running the CLI in tests: an in-memory CliIO whose stdout and stderr writes are kept. */

/** A CliIO (not a TTY) that records what the command writes to `out` and `err`. */
export function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), isTTY: false }, out, err };
}

/** Running the CLI in tests: an in-memory CliIO whose stdout and stderr writes are kept. */

/** A CliIO (not a TTY) that records what the command writes to `out` and `err`. */
export function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), isTTY: false }, out, err };
}

/** The pseudonym key the returns CLI tests give (VSW_PSEUDONYM_KEY). */
export const RETURNS_TEST_KEY = "a-test-key-for-the-returns-cli-0123";

/**
 * Run `vital-signs ARGS` in process with VSW_PSEUDONYM_KEY set to {@link RETURNS_TEST_KEY} (restored after): exit code,
 * stdout and stderr.
 */
export async function runWithReturnsKey(main: (args: string[], io: ReturnType<typeof capture>["io"]) => Promise<number>, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const before = process.env.VSW_PSEUDONYM_KEY;
  process.env.VSW_PSEUDONYM_KEY = RETURNS_TEST_KEY;
  try {
    const code = await main(args, c.io);
    return { code, out: c.out.join(""), err: c.err.join("") };
  } finally {
    if (before === undefined) delete process.env.VSW_PSEUDONYM_KEY;
    else process.env.VSW_PSEUDONYM_KEY = before;
  }
}

/**
 * The wait the CLI makes before it exits, in a module of its own: lib/cli/main.ts awaits it after every command, and
 * importing it from lib/data/package-lock.ts had loaded the lock and atomic-write modules into `--help` and every
 * command's start-up (2 of the 11 modules `--help` loaded).
 */

/**
 * Resolves once the event loop has polled again (two immediates in a row: lib/data/package-lock.ts
 * stopListeningAfterPoll), so that a signal queued meanwhile has met the listeners a lock set. The CLI awaits it
 * before it exits: it had exited straight after a locked write, in the same synchronous stretch, and a Ctrl-C during
 * the write was never seen.
 * @example await signalsDelivered(); process.exit(code);
 */
export function signalsDelivered(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

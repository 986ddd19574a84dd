/**
 * The Node flags that make a child process run the TypeScript sources (a test's `node -e SCRIPT` or `node FILE.ts`)
 * through tsx's CommonJS hook, as lib/worker-threads.ts starts its workers. `--import tsx` also registers tsx's ESM
 * hooks, which on Node 20 run on a loader thread of their own: measured here, a child that writes a group of files
 * with lib/data/atomic-write.ts took 0.60 s of CPU (0.9 s wall) with `--import tsx` and 0.21 s (0.2 s) with these.
 *
 * Only for children that load no module through a dynamic `import()`: the CommonJS hook leaves that to Node's ESM
 * loader, which cannot resolve a `.ts` module ("Cannot find module …/commands/validate"). The CLI's `main` loads its
 * commands so, and children that run it (main.test.ts, cli-pilot-startup.test.ts) keep `--import tsx` (kill.test.ts
 * runs the built CLI: tests/helpers/built-cli.ts); a child that needs it and runs with these flags fails its test.
 */
export const TSX_CHILD_FLAGS: readonly string[] = ["--require", "tsx/cjs"];

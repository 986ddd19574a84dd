/** The shape every `vital-signs` subcommand has. One file per subcommand in lib/cli/commands/. */
export interface CliCommand {
  name: string;
  /** One line for `vital-signs --help`. */
  summary: string;
  /** Full usage text for `vital-signs NAME --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. Output goes to the given streams. */
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal (progress bars only then). */
  isTTY: boolean;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
};

/**
 * The `vital-signs` command line. Each subcommand lives in its own file under lib/cli/commands/ and is
 * listed once in COMMANDS below.
 */
import { DataError, DataErrors, InputError } from "../errors";
import { processIO, type CliCommand, type CliIO } from "./command";
import { UsageError, usageError } from "./options";
import { startCommand } from "./commands/start";
import { synthCommand } from "./commands/synth";
import { validateCommand } from "./commands/validate";
import { pilotCommand } from "./commands/pilot";
import { checkDisclosureCommand } from "./commands/check-disclosure";
import { importCommand } from "./commands/import";
import { profileCommand } from "./commands/profile";
import { analyseCommand } from "./commands/analyse";
import { reproduce2016Command } from "./commands/reproduce-2016";
import { returnsCommand } from "./commands/returns";
import { panelCommand } from "./commands/panel";
import { addCommand } from "./commands/add";
import { listCommand } from "./commands/list";
import { holdoutCommand } from "./commands/holdout";

export const COMMANDS: CliCommand[] = [
  pilotCommand,
  checkDisclosureCommand,
  startCommand,
  synthCommand,
  validateCommand,
  importCommand,
  profileCommand,
  analyseCommand,
  reproduce2016Command,
  returnsCommand,
  panelCommand,
  addCommand,
  listCommand,
  holdoutCommand,
];

function help(io: CliIO): void {
  io.out("vital-signs — which children's social care indicators go with better outcomes, after context\n\nCommands:\n");
  for (const c of COMMANDS) io.out(`  ${c.name.padEnd(18)} ${c.summary}\n`);
  io.out("\nRun `vital-signs COMMAND --help` for a command's options.\n");
}

/** Run the CLI with argv (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    help(io);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`vital-signs: unknown command "${name}"\n`);
    help(io);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(cmd.usage + "\n");
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) return usageError(io, name, e.message, cmd.usage);
    if (e instanceof DataErrors || e instanceof DataError || e instanceof InputError) {
      io.err(`vital-signs ${name}: ${e.message}\n`);
      return 1;
    }
    if (e instanceof TypeError && (e as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      return usageError(io, name, e.message, cmd.usage);
    }
    throw e;
  }
}

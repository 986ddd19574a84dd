/**
 * The `vital-signs` command line. Each subcommand lives in its own file under lib/cli/commands/ and is
 * listed once in COMMANDS below.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, DataErrors, InputError } from "../errors";
import { projectRoot } from "../project";
import { didYouMean } from "../suggest";
import { printableText } from "./printable";
import { processIO, type CliCommand, type CliIO } from "./command";
import { refuseRepeatedOptions, UsageError, usageError } from "./options";
import { signalsDelivered } from "../data/signals-delivered";

/**
 * A subcommand as `--help` lists it, and how to load it: each command's module (and what it imports: the
 * analysis, plots, importers) is loaded only when that command runs or prints its usage, so `vital-signs
 * --help` and light commands start fast (issue #19). `summary` repeats the command's own (a test checks).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CliCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "pilot", summary: "Pilot records (surveys, audits) → pseudonymised, validated, LA-level indicators with disclosure control", load: async () => (await import("./commands/pilot")).pilotCommand },
  { name: "check-disclosure", summary: "Scan exported files for small counts and record-level identifiers (exit 1 if any)", load: async () => (await import("./commands/check-disclosure")).checkDisclosureCommand },
  { name: "start", summary: "The main job on the embedded synthetic dataset: validate, analyse, write out/results.json and out/report.html", load: async () => (await import("./commands/start")).startCommand },
  { name: "synth", summary: "Generate the synthetic pilot dataset (with truth.json and README) from a seed", load: async () => (await import("./commands/synth")).synthCommand },
  { name: "validate", summary: "Validate a data package and print a completeness summary (exit 1 on errors)", load: async () => (await import("./commands/validate")).validateCommand },
  { name: "import", summary: "Import official publications (EES, SFR, Ofsted, IoD, ONS, LAIT) into a data package", load: async () => (await import("./commands/import")).importCommand },
  { name: "profile", summary: "Profile one LA against England, its region and its statistical neighbours (profile.json + profile.html)", load: async () => (await import("./commands/profile")).profileCommand },
  { name: "analyse", summary: "Screen indicators against an outcome, adjust for context, select the vital signs (results.json, report.html)", load: async () => (await import("./commands/analyse")).analyseCommand },
  { name: "reproduce-2016", summary: "Reproduce the 2016 feasibility study (Table A2a, Tables 1–4) on the official data, beside the published values", load: async () => (await import("./commands/reproduce-2016")).reproduce2016Command },
  { name: "returns", summary: "LA returns (SSDA903 CSV, CIN census XML, Annex A xlsx) → pseudonymised, disclosure-controlled LA × year indicators", load: async () => (await import("./commands/returns")).returnsCommand },
  { name: "panel", summary: "Within-LA change: two-way fixed-effects panel of an outcome on each indicator, beside the between-LA association (panel.json, report.html)", load: async () => (await import("./commands/panel")).panelCommand },
  { name: "add", summary: "Add your own indicators (CSV/XLSX, long or wide, LAs by code, number or name) to a package", load: async () => (await import("./commands/add")).addCommand },
  { name: "list", summary: "List a package's indicators, outcomes and context variables (ids, labels, coverage)", load: async () => (await import("./commands/list")).listCommand },
  { name: "holdout", summary: "Do vital signs predict? Temporal hold-out of a continuous outcome or an Ofsted grade against context, persistence and neighbour baselines (holdout.json, report.html)", load: async () => (await import("./commands/holdout")).holdoutCommand },
];

/** Commands in the order of the workflow (import → add → validate → … ), for `--help`; others follow. */
export const WORKFLOW_ORDER = ["import", "add", "validate", "list", "analyse", "panel", "holdout", "profile", "reproduce-2016", "pilot", "returns", "check-disclosure", "synth", "start"];

/** Other names accepted for a command (American spelling). */
export const COMMAND_ALIASES: Readonly<Record<string, string>> = Object.freeze({ analyze: "analyse" });

function commandsInWorkflowOrder(): CommandEntry[] {
  const rank = (c: CommandEntry) => (WORKFLOW_ORDER.includes(c.name) ? WORKFLOW_ORDER.indexOf(c.name) : WORKFLOW_ORDER.length);
  return [...COMMANDS].sort((a, b) => rank(a) - rank(b));
}

function help(write: (text: string) => void): void {
  write("vital-signs — which children's social care indicators go with better outcomes, after context\n\nCommands (in workflow order):\n");
  for (const c of commandsInWorkflowOrder()) write(`  ${c.name.padEnd(18)} ${c.summary}\n`);
  write("\nRun `vital-signs COMMAND --help` for a command's options; `vital-signs --version` for the version.\n");
}

/** The workbench's version (package.json). */
function version(): string {
  return (JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** Command names as a message may begin with them: letters, digits and hyphens, nothing to escape. */
const COMMAND_PREFIXES = new RegExp(`^(?:(?:${[...COMMANDS.map((c) => c.name), ...Object.keys(COMMAND_ALIASES)].join("|")}): )+`);

/**
 * An {@link InputError}'s message without the command name(s) it begins with. The library throws errors about a
 * command's own options as `InputError("panel", …)` (holdout's `InputError("holdout", …)`, and panel's from the grid
 * holdout builds on), and the CLI prints `vital-signs COMMAND: ` before every message, so they read "vital-signs
 * panel: panel: --lag 20 goes beyond the data" and "vital-signs holdout: panel: a panel needs …" (round 22 had
 * removed the doubling from option errors only). Only an InputError's prefix is a function or command name; a
 * DataError begins with a file name, which is kept even when a file is called `add`.
 * @example withoutCommandNames("holdout: panel: a panel needs at least two years") // "a panel needs at least two years"
 */
export function withoutCommandNames(message: string): string {
  return message.replace(COMMAND_PREFIXES, "");
}

/**
 * A library message made readable at the CLI boundary: a leading `functionName: ` (camelCase) and
 * `readPackage(dir)`-style call text are replaced by words, so users never see internal names.
 * @example
 * userMessage("buildAnalysisFrame: period 2031 has no indicator values") // "period 2031 has no indicator values"
 */
export function userMessage(message: string): string {
  return message
    .replace(/\b(readPackage|validatePackage)\(([^)]*)\)/g, "package $2")
    .replace(/\bwritePackage\(([^)]*)\)/g, "writing package $1")
    .replace(/^(\s*(?:- )?)[a-z]+[A-Z][A-Za-z0-9]*: /gm, "$1");
}

/** The options a command's usage text mentions (for "did you mean" on an unknown option). */
function usageOptions(usage: string): string[] {
  return [...new Set([...usage.matchAll(/--[a-z][a-z0-9-]*/g)].map((m) => m[0]))];
}

/**
 * Node's parseArgs errors in the workbench's words, or undefined for the others: a value starting with a dash
 * ("--threshold -1": "argument is ambiguous … use '--threshold=-XYZ'"), a value missing at the end, a value given to
 * a flag, an argument to a command that takes none.
 * @example parseErrorWords("Option '-o, --out <value>' argument missing", "ERR_PARSE_ARGS_INVALID_OPTION_VALUE", ["--out"]) // "--out: needs a value"
 */
export function parseErrorWords(message: string, code: string, args: readonly string[]): string | undefined {
  const ambiguous = /^Option '(-[^']+)' argument is ambiguous/.exec(message);
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && ambiguous !== null) {
    const option = printableText(ambiguous[1]);
    const given = printableText(args[args.indexOf(ambiguous[1]) + 1] ?? "");
    if (given === "--") return `${option}: needs a value (the next word, "--", ends the options)`;
    if (given.startsWith("--")) return `${option}: needs a value (the next word, ${JSON.stringify(given)}, is an option)`;
    // a short option's "=" form is its long name's (Node's own hint names it: "use '--out=-XYZ' or '-o-XYZ'")
    const long = printableText(/use '(--[^=']+)=-XYZ'/.exec(message)?.[1] ?? option);
    return `${option}: its value ${JSON.stringify(given)} starts with a dash, which reads as an option; write ${long}=${given}`;
  }
  const missing = /^Option '(?:-\w, )?(--[^ ']+) <value>' argument missing/.exec(message);
  if (missing !== null) return `${printableText(missing[1])}: needs a value (none was given after it)`;
  const flag = /^Option '(--[^']+)' does not take an argument/.exec(message);
  if (flag !== null) return `${printableText(flag[1])}: takes no value (give ${printableText(flag[1])} alone)`;
  const positional = /^Unexpected argument '([^']*)'. This command does not take positional arguments/.exec(message);
  if (positional !== null) return `unexpected argument ${JSON.stringify(printableText(positional[1]))}: this command takes options only`;
  return undefined;
}

/** Run the CLI with argv (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [given, ...rest] = argv;
  if (!given) {
    help(io.err);
    return 2;
  }
  if (given === "--help" || given === "-h" || given === "help") {
    help(io.out);
    return 0;
  }
  if (given === "--version" || given === "-V" || given === "version") {
    io.out(`vital-signs ${version()}\n`);
    return 0;
  }
  const name = COMMAND_ALIASES[given] ?? given;
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`vital-signs: unknown command ${JSON.stringify(printableText(given))}${didYouMean(given, [...COMMANDS.map((c) => c.name), ...Object.keys(COMMAND_ALIASES)])}\n\n`);
    help(io.err);
    return 2;
  }
  const cmd = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(cmd.usage + "\n");
    return 0;
  }
  try {
    refuseRepeatedOptions(rest);
    return await cmd.run(rest, io);
  } catch (e) {
    return commandFailure(e, name, rest, cmd, io);
  } finally {
    // a signal during a locked write is queued until the loop polls: seen (and the process ended by it) before exiting
    await signalsDelivered();
  }
}

/** The exit code of a command that threw `e` (its words on stderr), or `e` thrown again when it is not the user's to mend. */
function commandFailure(e: unknown, name: string, rest: readonly string[], cmd: CliCommand, io: CliIO): number {
  if (e instanceof UsageError) return usageError(io, name, userMessage(e.message), cmd.usage);
  if (e instanceof DataErrors || e instanceof DataError || e instanceof InputError) {
    const message = e instanceof InputError ? withoutCommandNames(e.message) : e.message;
    io.err(`vital-signs ${name}: ${printableText(userMessage(message), true)}\n`);
    return 1;
  }
  const code = (e as NodeJS.ErrnoException).code;
  if (e instanceof TypeError && code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const option = /'([^']+)'/.exec(e.message)?.[1] ?? "";
    // never the option given itself: a usage text may name another command's option (reproduce-2016's "(vital-signs
    // import … --out DIR)" had answered --out with 'did you mean "--out"?')
    const known = usageOptions(cmd.usage).filter((o) => o !== option);
    return usageError(io, name, `unknown option ${JSON.stringify(printableText(option))}${didYouMean(option, known)}`, cmd.usage);
  }
  const words = e instanceof TypeError && typeof code === "string" ? parseErrorWords(e.message, code, rest) : undefined;
  if (words !== undefined) return usageError(io, name, words, cmd.usage);
  if (e instanceof TypeError && typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_")) {
    return usageError(io, name, printableText(e.message.replace(/\. To specify a positional argument.*$/s, "")), cmd.usage);
  }
  throw e;
}

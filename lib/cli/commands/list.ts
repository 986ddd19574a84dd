import { parseArgs } from "node:util";
import { readPackageColumns } from "../../data/package-load";
import { CONTENT_KINDS, listContentsOfColumns, type ContentKind } from "../../data/list-contents";
import type { CliCommand } from "../command";
import { enumOption, packageDirArgument, usageError } from "../options";
import { printableText } from "../printable";

const USAGE = [
  "vital-signs list PKG [indicators|outcomes|context] [--json]",
  "",
  "Lists the ids a package holds (all kinds when none is given): indicators with label, unit, polarity and",
  "domain; outcomes and context variables; each with the LAs and periods (outcomes: dates) it covers.",
  "Use these ids with analyse --outcome / --context and in notebooks.",
].join("\n");

/** `vital-signs list PKG [KIND] [--json]`: the ids in a package with their coverage. */
export const listCommand: CliCommand = {
  name: "list",
  summary: "List a package's indicators, outcomes and context variables (ids, labels, coverage)",
  usage: USAGE,
  async run(args, io) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean" } } });
    if (positionals.length < 1 || positionals.length > 2) return usageError(io, "list", `PKG and at most one KIND are expected (got ${positionals.length} argument(s))`, USAGE);
    const kind = enumOption<ContentKind>("KIND", positionals[1], CONTENT_KINDS);
    const { resources } = readPackageColumns(packageDirArgument(positionals[0], "PKG"));
    const entries = listContentsOfColumns((resource, field) => resources[resource]!.columns[field], kind);
    if (values.json) {
      io.out(JSON.stringify(entries, null, 2) + "\n");
      return 0;
    }
    for (const k of CONTENT_KINDS) {
      const of = entries.filter((e) => e.kind === k);
      if (kind !== undefined && k !== kind) continue;
      io.out(`${k} (${of.length}):\n`);
      for (const e of of) {
        const meta = e.kind === "indicators" ? ` [${e.unit}, ${e.polarity}, ${e.domain}] ${printableText(e.label)}` : "";
        io.out(`  ${printableText(e.id).padEnd(36)} ${String(e.las).padStart(4)} LAs  ${e.from ?? "-"}–${e.to ?? "-"}${meta}\n`);
      }
    }
    return 0;
  },
};

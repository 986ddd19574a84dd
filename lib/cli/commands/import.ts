import { parseArgs } from "node:util";
import * as path from "node:path";
import { summariseImportLog } from "../../data/import/import-log";
import { readSourcesAhead } from "../../data/import/source-files";
import { IMPORT_LOG_FILE, OFFICIAL_PACKAGE_NAME } from "../../data/official-sources";
import { holdOutputFolder, refuseOutputAtInput, type OutputKind } from "../../data/output-folder";
import type { CliCommand } from "../command";
import { existingInput, isoDateTimeOption, outputDirOption, usageError } from "../options";
import { withProgress } from "../progress-bar";

/** The package `import` writes: an earlier import's may be replaced (its files not written again are removed), nothing else. */
const IMPORT_OUTPUT: OutputKind = { command: "import", packageName: OFFICIAL_PACKAGE_NAME, extraFiles: [IMPORT_LOG_FILE], foreignProvenance: ["own_data", "pilot"] };

/** `vital-signs import SRC... --out DIR`: official publications → one validated data package. */
export const importCommand: CliCommand = {
  name: "import",
  summary: "Import official publications (EES, SFR, Ofsted, IoD, ONS, LAIT) into a data package",
  usage: [
    "vital-signs import SRC... --out DIR [--created ISO-DATE]",
    "",
    "SRC: folders (read recursively) and/or files, e.g. ../shared/data/official. The DfE–ONS area lookup",
    "(la_lookup_dfe_ons_codes.csv) must be among them. Files are detected by header/extension; files not",
    "imported and unknown files are listed in DIR/import-log.json and summarised here.",
    "--created fixes datapackage.json's `created` so the output is byte-identical between runs.",
  ].join("\n"),
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: "string", short: "o" }, created: { type: "string" } },
    });
    if (positionals.length === 0 || values.out === undefined) return usageError(io, "import", "SRC and --out DIR are required", importCommand.usage);
    const created = isoDateTimeOption("--created", values.created);
    for (const p of positionals) existingInput(p, "SRC", "file or folder");
    const started = Date.now();
    const out = path.resolve(outputDirOption("--out", values.out));
    // before anything is read: not among the sources, and not over anything but an earlier import's package
    refuseOutputAtInput(out, positionals.map((p) => ({ what: `SRC ${p}`, path: p })));
    // locked until the package is in place: two imports into one folder at once had renamed their files over each other's
    const { lock, replacing } = holdOutputFolder(out, IMPORT_OUTPUT);
    if (lock.staleNote !== undefined) io.err(`import: ${lock.staleNote}\n`);
    let r: Awaited<ReturnType<typeof import("../../data/import/import-official").importOfficialToPackage>>;
    try {
      // the sources are read on libuv's threads while this thread loads the importers (≈ 0.1 s each, cold)
      const readAhead = readSourcesAhead(positionals);
      const { importOfficialToPackage } = require("../../data/import/import-official") as typeof import("../../data/import/import-official");
      r = await withProgress(io, "import", (onProgress) => importOfficialToPackage(positionals, out, { created, onProgress, readAhead }, replacing, lock.beforeCommit));
    } finally {
      lock.release();
    }
    const seconds = (Date.now() - started) / 1000;
    io.out(`imported ${r.detected.filter((d) => d.kind !== "unknown" && d.kind !== "not-imported").length} files into ${out} in ${seconds.toFixed(1)} s\n`);
    io.out(`  ${r.descriptor.resources.map((x) => `${x.name} ${x.rows}`).join(", ")}\n`);
    const s = summariseImportLog(r.log);
    io.out(`  import log (${path.join(out, "import-log.json")}): ${Object.entries(s.byAction).map(([a, n]) => `${a} ${n}`).join(", ")}\n`);
    for (const d of r.detected.filter((x) => x.kind === "unknown")) io.err(`  unknown file: ${d.file} (${d.reason})\n`);
    // validated once: writePackage type-checks every cell as the reader would and checks every rule before
    // it writes anything (it throws, writing nothing, otherwise), so reading the package back adds no check
    io.out("  package validates\n");
    return 0;
  },
};

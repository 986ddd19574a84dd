import { parseArgs } from "node:util";
import { DEFAULT_SYNTH_SEED, syntheticParams, writeSyntheticPilot } from "../../synthetic";
import { holdOutputFolder, type OutputKind } from "../../data/output-folder";
import { SYNTHETIC_EXTRA_FILES, SYNTHETIC_PACKAGE_NAME } from "../../synthetic/generate";
import type { CliCommand } from "../command";
import { enumOption, integerOption, outputDirOption, usageError } from "../options";

/** Parse `--seed`: a whole number in [0, 2³²). */
function parseSeed(text: string | undefined): number {
  return integerOption("--seed", text, { min: 0, max: 2 ** 32 - 1, fallback: DEFAULT_SYNTH_SEED })!;
}

const JUDGEMENTS = ["all", "one"] as const;

const USAGE =
  "vital-signs synth [--seed N] [--judgements all|one] --out DIR\n\n" +
  `Writes a data package (areas, catalogue, indicators, context, outcomes CSVs and datapackage.json), truth.json\n` +
  `(the planted truth) and README.md (data dictionary) to DIR. --seed defaults to ${DEFAULT_SYNTH_SEED}, the seed of\n` +
  "datasets/pilot-synthetic. The same seed always gives byte-identical files. Parameters: lib/synthetic/params.ts.\n" +
  "--judgements one keeps only each LA's latest inspection (one judgement per LA, as one inspection round gives); default all.";

/** The package `synth` writes: an earlier synth's may be replaced (its files not written again are removed), nothing else. */
const SYNTH_OUTPUT: OutputKind = { command: "synth", packageName: SYNTHETIC_PACKAGE_NAME, extraFiles: SYNTHETIC_EXTRA_FILES, foreignProvenance: ["own_data", "pilot"] };

/** `vital-signs synth --seed N --out DIR`: write the synthetic pilot dataset with its planted truth. */
export const synthCommand: CliCommand = {
  name: "synth",
  summary: "Generate the synthetic pilot dataset (with truth.json and README) from a seed",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { seed: { type: "string" }, out: { type: "string" }, judgements: { type: "string" } } });
    if (!values.out) return usageError(io, "synth", "--out DIR is required", USAGE);
    const seed = parseSeed(values.seed);
    outputDirOption("--out", values.out);
    const judgements = enumOption("--judgements", values.judgements, JUDGEMENTS) ?? "all";
    // locked until the package is in place: two synths into one folder at once had renamed their files over each other's
    const { lock, replacing } = holdOutputFolder(values.out, SYNTH_OUTPUT);
    if (lock.staleNote !== undefined) io.err(`synth: ${lock.staleNote}\n`);
    let result: ReturnType<typeof writeSyntheticPilot>;
    try {
      const params = syntheticParams(seed);
      result = writeSyntheticPilot(values.out, judgements === "one" ? { ...params, inspections: { ...params.inspections, judgements: "one" } } : params, replacing, lock.beforeCommit);
    } finally {
      lock.release();
    }
    const rows = result.descriptor.resources.map((r) => `${r.name} ${r.rows}`).join(", ");
    io.out(`wrote ${values.out} (seed ${seed}): ${rows}; truth.json, README.md\n`);
    return 0;
  },
};

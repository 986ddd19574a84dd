import { parseArgs } from "node:util";
import * as path from "node:path";
import { readPackage } from "../../data/package";
import { InputError } from "../../errors";
import {
  PROFILE_BENCHMARKS,
  PROFILE_NEIGHBOUR_SOURCES,
  buildLaProfile,
  profileFunnels,
  profileIndex,
  profileReportSections,
  writeProfile,
  type ProfileBenchmark,
  type ProfileNeighbourSource,
} from "../../report/profile";
import type { CliCommand } from "../command";
import { usageError } from "../options";
import { PROJECT_ROOT } from "../paths";
import { commandLine } from "../../report/reproducibility";
import { FIGURE_FORMATS, writeReportFigures, type FigureFormat } from "../../report/report-figures";

/** `vital-signs profile DIR --la CODE`: one LA against England, its region and its neighbours. */
export const profileCommand: CliCommand = {
  name: "profile",
  summary: "Profile one LA against England, its region and its statistical neighbours (profile.json + profile.html)",
  usage: [
    "vital-signs profile DIR --la CODE [--benchmark england|region|neighbours] [--out OUTDIR]",
    "                        [--neighbours auto|dfe-2025|dfe-2021|context] [--period YEAR] [--official DIR]",
    "",
    "DIR      a data package (e.g. the output of `vital-signs import`).",
    "--la     the LA's ONS code (la_code in areas.csv) or its exact name.",
    "--benchmark  the comparator of the headline comparison (default england); all three are computed.",
    "--out    where to write profile.json and profile.html (default out/profile-CODE).",
    "--neighbours DfE's published groups (2025 or 2021 model, read from --official) or our nearest",
    "         neighbours on standardised context; auto (default) takes DfE 2025 when it maps, else context.",
    "--period use each indicator's latest period at or before YEAR (default: latest available).",
    "--official   folder with the official data (default: $VSW_OFFICIAL_DATA or ../shared/data/official).",
    "--figures svg|png  also write each figure of profile.html as an image into OUTDIR/figures/ (headless Chromium)",
  ].join("\n"),
  async run(args, io) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        la: { type: "string" },
        benchmark: { type: "string", default: "england" },
        out: { type: "string", short: "o" },
        neighbours: { type: "string", default: "auto" },
        period: { type: "string" },
        official: { type: "string" },
        figures: { type: "string" },
      },
    });
    if (positionals.length !== 1 || values.la === undefined) return usageError(io, "profile", "DIR and --la CODE are required", profileCommand.usage);
    if (values.figures !== undefined && !(FIGURE_FORMATS as readonly string[]).includes(values.figures)) {
      throw new InputError("profile", `--figures must be one of ${FIGURE_FORMATS.join(", ")}`, values.figures);
    }
    const benchmark = values.benchmark as ProfileBenchmark;
    if (!PROFILE_BENCHMARKS.includes(benchmark)) throw new InputError("profile", `--benchmark must be one of ${PROFILE_BENCHMARKS.join(", ")}`, values.benchmark);
    const neighbours = values.neighbours as ProfileNeighbourSource;
    if (!PROFILE_NEIGHBOUR_SOURCES.includes(neighbours)) throw new InputError("profile", `--neighbours must be one of ${PROFILE_NEIGHBOUR_SOURCES.join(", ")}`, values.neighbours);
    const period = values.period === undefined ? undefined : Number(values.period);
    if (period !== undefined && !Number.isInteger(period)) throw new InputError("profile", "--period must be a year", values.period);
    const pkg = readPackage(positionals[0]);
    const index = profileIndex(pkg);
    const wanted = values.la.trim().toLowerCase();
    const area = index.areas.find((a) => a.la_code.toLowerCase() === wanted) ?? index.areas.find((a) => a.la_name.toLowerCase() === wanted);
    if (!area) throw new InputError("profile", "no LA with this code or name in areas.csv", values.la);
    const profile = buildLaProfile(index, area.la_code, { benchmark, neighbours, period, officialDir: values.official });
    const outDir = path.resolve(values.out ?? path.join(PROJECT_ROOT, "out", `profile-${area.la_code}`));
    const funnels = profileFunnels(index, profile);
    const written = writeProfile(profile, pkg.dir, outDir, { funnels, command: commandLine("profile", args) });
    const s = profile.summary;
    io.out(`${area.la_name} (${area.la_code}): ${s.withValue}/${s.indicators} indicators with a value; against ${benchmark}: ` +
      `${s.better} better, ${s.similar} similar, ${s.worse} worse, ${s.higherOrLower} higher/lower (no polarity), ${s.notCompared} not compared; ${s.brokenSeries} broken series\n`);
    for (const [reason, n] of Object.entries(s.notComparedReasons).sort((a, b) => b[1] - a[1]).slice(0, 3)) io.out(`  not compared (${n}): ${reason}\n`);
    io.out(`  neighbours: ${profile.neighbours.source} (${profile.neighbours.list.length})${profile.neighbours.note ? ` — ${profile.neighbours.note}` : ""}\n`);
    for (const n of profile.notes.filter((x) => !x.startsWith("Neighbours:"))) io.out(`  note: ${n}\n`);
    io.out(`  wrote ${written.json}\n  wrote ${written.html}\n`);
    if (values.figures !== undefined) {
      const images = await writeReportFigures({ sections: profileReportSections(profile, funnels) }, path.join(outDir, "figures"), values.figures as FigureFormat);
      io.out(`  figures (${values.figures}):\n${images.map((f) => `    ${f}\n`).join("")}`);
    }
    return 0;
  },
};

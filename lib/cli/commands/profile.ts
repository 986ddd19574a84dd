import { parseArgs } from "node:util";
import * as fs from "node:fs";
import * as path from "node:path";
import { readPackage, sha256 } from "../../data/package";
import { readSmallFile } from "../../data/small-file";
import { DataError } from "../../errors";
import type { PackageDescriptor, SourceDescriptor } from "../../data/types";
import { fileNamePart, pathInside } from "../../data/file-names";
import {
  PROFILE_BENCHMARKS,
  PROFILE_NEIGHBOUR_SOURCES,
  STALE_AFTER_YEARS,
  buildLaProfile,
  neighbourModelsFor,
  profileFunnels,
  profileIndex,
  profileVitalSigns,
  resultsPackageProblem,
  type DfeGroupsByModel,
  type LaProfile,
  type ResultsForProfile,
  type ProfileBenchmark,
  type ProfileNeighbourSource,
} from "../../profile";
import { profileReportSections, writeProfile } from "../../report/profile-report";
import { readDfeNeighbourGroupsByModel } from "../../context/neighbour-groups";
import { DFE_NEIGHBOUR_FILES } from "../../context/neighbours";
import { defaultOfficialDir } from "../../project";
import type { CliCommand } from "../command";
import { UsageError, enumOption, integerOption, outputDirOption, packageDirArgument, positionalCount, usageError } from "../options";
import { indicatorPeriodRange, resolveLa } from "../../data/restrict";
import { PROJECT_ROOT } from "../paths";
import { commandLine } from "../../report/reproducibility";
import { FIGURE_FORMATS, writeReportFigures, type FigureFormat } from "../../report/report-figures";

/**
 * Read DfE's neighbour groups for a `--neighbours` source from the official folder (each model the source may
 * use, or the error reading it raised; lib/context/neighbour-groups.ts).
 * @example
 * buildLaProfile(index, "E09000033", { dfeGroups: readProfileNeighbourGroups("auto", "../shared/data/official") });
 */
export function readProfileNeighbourGroups(source: ProfileNeighbourSource, officialDir: string = defaultOfficialDir()): DfeGroupsByModel {
  return readDfeNeighbourGroupsByModel(officialDir, neighbourModelsFor(source));
}

/**
 * The folder of the DfE neighbour files the package was imported with (its datapackage.json sources list them with
 * the path given to `import` and their hashes), when a file is still there with the same bytes: a user who imported
 * their own download gets DfE's neighbours without `--official`, where the project's default folder
 * (../shared/data/official) exists only in a checkout beside the shared data.
 *
 * A relative path was relative to the folder `import` ran in, which the package does not record: it is tried from
 * the current folder, then from the package's parent folder and the package folder (where `import … --out pkg`
 * leaves it when run beside the downloads), so that `profile` run from elsewhere still finds them. The recorded
 * sha256 decides: a file found from a wrong base is used only if its bytes are the ones imported.
 * @example importedNeighbourFolder(pkg.descriptor.sources, pkg.dir) // "/home/me/downloads/official/ees/neighbours" or undefined
 */
export function importedNeighbourFolder(sources: readonly SourceDescriptor[], packageDir?: string): string | undefined {
  const names = new Set<string>(Object.values(DFE_NEIGHBOUR_FILES));
  const bases = [process.cwd(), ...(packageDir === undefined ? [] : [path.dirname(path.resolve(packageDir)), path.resolve(packageDir)])];
  for (const source of sources) {
    if (source.path === undefined || source.sha256 === undefined || !names.has(path.basename(source.path))) continue;
    for (const file of new Set(bases.map((base) => path.resolve(base, source.path!)))) {
      try {
        if (sha256(fs.readFileSync(file)) === source.sha256) return path.dirname(file);
      } catch {
        // moved or unreadable since the import, or not relative to this base: the next one, else the default folder
      }
    }
  }
  return undefined;
}

/**
 * Cap of an analysis' results.json read by `--results`: 64 MiB, as a package's resource file. The official package's
 * analysis writes ≈ 0.3 MB; one of 960 indicators a few MB.
 */
const RESULTS_MAX_BYTES = 64 * 1024 * 1024;

/**
 * results.json of an `analyse` output folder, refused (UsageError naming `--results`) when it is missing, not JSON,
 * not a results file, or of another package than `descriptor`'s.
 */
function readResultsFor(dir: string, descriptor: PackageDescriptor): ResultsForProfile {
  const file = path.join(dir, "results.json");
  let results: ResultsForProfile;
  try {
    // bounded: a results.json linked to a device, or a huge file of something else, is refused at the cap, not read on
    results = JSON.parse(readSmallFile(file, RESULTS_MAX_BYTES, "an analysis' results.json").toString("utf8")) as ResultsForProfile;
  } catch (e) {
    if (e instanceof DataError) throw new UsageError("--results", e.message);
    throw new UsageError("--results", `${file} could not be read as JSON (${(e as Error).message}): give the output folder of \`vital-signs analyse\``);
  }
  if (typeof results !== "object" || results === null || typeof results.format !== "string" || !results.format.startsWith("vital-signs-results/") || !Array.isArray(results.vital_signs)) {
    throw new UsageError("--results", `${file} is not the results.json of \`vital-signs analyse\` (no "format": "vital-signs-results/…" and vital_signs)`);
  }
  const problem = resultsPackageProblem(results, descriptor);
  if (problem !== null) throw new UsageError("--results", problem);
  return results;
}

/**
 * Why indicators were not compared: the three commonest reasons, then the rest in one line, so that the counts add up
 * to the "not compared" total ("143 not compared" had been followed by reasons for 136: a user trial, round 27).
 * @example notComparedLines({ a: 90, b: 34, c: 12, d: 6, e: 1 })
 * // ["  not compared (90): a", "  not compared (34): b", "  not compared (12): c", "  not compared (7): 2 other reasons, listed in profile.html"]
 */
export function notComparedLines(reasons: Readonly<Record<string, number>>): string[] {
  const sorted = Object.entries(reasons).sort((a, b) => b[1] - a[1]);
  const lines = sorted.slice(0, 3).map(([reason, n]) => `  not compared (${n}): ${reason}`);
  const rest = sorted.slice(3);
  if (rest.length > 0) lines.push(`  not compared (${rest.reduce((t, [, n]) => t + n, 0)}): ${rest.length} other reason${rest.length === 1 ? "" : "s"}, listed in profile.html`);
  return lines;
}

/**
 * "; 182 series broken by a reorganisation (6 of them withheld for disclosure)": the series counted are those of every
 * indicator with a figure, withheld ones too, so the count had exceeded "176/188 with a value" without a word (a user
 * trial, Dorset, r26). "" when no series is broken.
 * @example brokenSeriesWords(profile) // "; 182 series broken by a reorganisation (6 of them withheld for disclosure)"
 */
export function brokenSeriesWords(profile: Pick<LaProfile, "indicators">): string {
  const broken = profile.indicators.filter((x) => x.period !== null && x.seriesBroken);
  if (broken.length === 0) return "";
  const withheld = broken.filter((x) => x.value === null).length;
  return `; ${broken.length} series broken by a reorganisation${withheld > 0 ? ` (${withheld} of them withheld for disclosure)` : ""}`;
}

/** `vital-signs profile DIR --la CODE`: one LA against England, its region and its neighbours. */
export const profileCommand: CliCommand = {
  name: "profile",
  summary: "Profile one LA against England, its region and its statistical neighbours (profile.json + profile.html)",
  usage: [
    "vital-signs profile DIR --la CODE [--benchmark england|region|neighbours] [--out OUTDIR]",
    "                        [--neighbours auto|dfe-2025|dfe-2021|context] [--period YEAR] [--official DIR]",
    "                        [--figures svg|png] [--results DIR]",
    "",
    "DIR      a data package (e.g. the output of `vital-signs import`).",
    "--la     the LA's ONS code (la_code in areas.csv), DfE number or name, matched as `add` matches them (St Helens,",
    "         Hull, BCP); a name two LAs have shared (Dorset) is the LA of --period, or of the latest period.",
    "--benchmark  the comparator of the headline comparison (default england); all three are computed.",
    "--out    where to write profile.json and profile.html (default out/profile-CODE).",
    "--neighbours DfE's published groups (2025 or 2021 model, read from --official) or our nearest",
    "         neighbours on standardised context; auto (default) takes DfE 2025 when it maps, else context.",
    "--period use each indicator's latest period at or before YEAR, a year from the package's first to its latest",
    "         (default: latest available).",
    "--official   folder with the official data, for DfE's neighbour files (default: $VSW_OFFICIAL_DATA, else where",
    "         the package was imported from if those files are there unchanged, else ../shared/data/official).",
    "--figures svg|png  also write each figure of profile.html as an image into OUTDIR/figures/ (headless Chromium)",
    "--results DIR  the output folder of `vital-signs analyse` on this package: adds the council's vital signs (the",
    "         indicators the analysis selected, with the LA's latest value and comparison and the analysis' direction).",
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
        results: { type: "string" },
      },
    });
    positionalCount(positionals, 0, 1, "one DIR");
    if (positionals.length !== 1 || values.la === undefined) return usageError(io, "profile", "DIR and --la CODE are required", profileCommand.usage);
    const figures = enumOption<FigureFormat>("--figures", values.figures, FIGURE_FORMATS);
    const benchmark = enumOption<ProfileBenchmark>("--benchmark", values.benchmark, PROFILE_BENCHMARKS)!;
    const neighbours = enumOption<ProfileNeighbourSource>("--neighbours", values.neighbours, PROFILE_NEIGHBOUR_SOURCES)!;
    const period = integerOption("--period", values.period, { min: 1990, max: 2100 });
    if (values.out !== undefined) outputDirOption("--out", values.out);
    const pkg = readPackage(packageDirArgument(positionals[0]));
    const valued = indicatorPeriodRange(pkg);
    // a year before every value would give a profile of nothing (it had stopped on an internal table error)
    if (period !== undefined && valued !== undefined && period < valued.first) {
      throw new UsageError("--period", `no indicator has a value in or before ${period}: the package's values run from ${valued.first} to ${valued.last}`, values.period);
    }
    // a year after every value had every figure listed as out of date against it (a review: --period 2030, "older
    // figures (188)"), while a year before them was refused
    if (period !== undefined && valued !== undefined && period > valued.last) {
      throw new UsageError("--period", `the package's latest values are of ${valued.last} (they run from ${valued.first}): give ${valued.last} or earlier, or leave --period out for each indicator's latest`, values.period);
    }
    const results = values.results === undefined ? undefined : readResultsFor(values.results, pkg.descriptor);
    const index = profileIndex(pkg);
    // matched as `add` and `analyse --las` match LAs (St Helens, Hull, Bristol, DfE numbers, earlier codes); a name two
    // LAs have shared (Dorset) is the LA of --period, or of the latest period with a value
    const resolved = resolveLa(pkg, values.la, period ?? valued?.last);
    if ("problem" in resolved) throw new UsageError("--la", resolved.problem);
    const area = index.areas.find((a) => a.la_code === resolved.laCode)!;
    const dfeGroups = readProfileNeighbourGroups(neighbours, values.official ?? process.env.VSW_OFFICIAL_DATA ?? importedNeighbourFolder(pkg.descriptor.sources, pkg.dir) ?? defaultOfficialDir());
    const built = buildLaProfile(index, area.la_code, { benchmark, neighbours, period, dfeGroups });
    const profile = results === undefined ? built : { ...built, vitalSigns: profileVitalSigns(built, results) };
    // the default folder name comes from data (la_code): sanitised, and confined to out/
    const outDir = values.out !== undefined ? path.resolve(values.out) : pathInside(path.join(PROJECT_ROOT, "out"), `profile-${fileNamePart(area.la_code)}`);
    const funnels = profileFunnels(index, profile);
    const written = writeProfile(profile, pkg.dir, outDir, { funnels, command: commandLine("profile", args) });
    const s = profile.summary;
    io.out(`${area.la_name} (${area.la_code}): ${s.withValue}/${s.indicators} indicators with a value${s.suppressed > 0 ? ` (${s.suppressed} more withheld for disclosure)` : ""}; against ${benchmark}: ` +
      `${s.better} better, ${s.similar} similar, ${s.worse} worse, ${s.higherOrLower} higher/lower (no polarity), ${s.notCompared} not compared${brokenSeriesWords(profile)}\n`);
    for (const line of notComparedLines(s.notComparedReasons)) io.out(`${line}\n`);
    if (s.stale > 0) io.out(`  older figures (${s.stale}): latest value more than ${STALE_AFTER_YEARS} years before ${profile.referencePeriod}, listed apart in profile.html\n`);
    io.out(`  neighbours: ${profile.neighbours.source} (${profile.neighbours.list.length})${profile.neighbours.note ? ` — ${profile.neighbours.note}` : ""}\n`);
    for (const n of profile.notes.filter((x) => !x.startsWith("Neighbours:"))) io.out(`  note: ${n}\n`);
    if (profile.vitalSigns) io.out(`  vital signs: ${profile.vitalSigns.signs.length} selected by the analysis of ${profile.vitalSigns.outcome} (${values.results}), in profile.html\n`);
    io.out(`  wrote ${written.json}\n  wrote ${written.html}\n`);
    if (figures !== undefined) {
      const images = await writeReportFigures({ sections: profileReportSections(profile, funnels) }, path.join(outDir, "figures"), figures);
      io.out(`  figures (${figures}):\n${images.map((f) => `    ${f}\n`).join("")}`);
    }
    return 0;
  },
};

/**
 * `vital-signs analyse DIR --outcomes child|id,id [--lag K] [--context …] [--method …] [--indicators …] [--out DIR]`:
 * the candidate indicators screened against several continuous outcomes at once (lib/vitals/outcomes-screen.ts),
 * written as results.json (format vital-signs-outcomes/1) and report.html with the heatmap, as one atomic group.
 */
import * as path from "node:path";
import { InputError } from "../../errors";
import { readPackage } from "../../data/package";
import { refuseContextStudied, withIndicatorContext } from "../../context/indicator-context";
import type { CatalogueRow, DataPackage } from "../../data/types";
import { writeFilesAtomically } from "../../data/atomic-write";
import { reportHtml } from "../../report/document";
import { reproducibilityStamp } from "../../report/reproducibility";
import { holdsText, outcomesScreenSections } from "../../report/outcomes-report";
import { resolveIndicatorPatterns } from "../../vitals/indicator-patterns";
import { outcomesScreenJson, resolveOutcomeList, screenOutcomes, type OutcomesScreen } from "../../vitals/outcomes-screen";
import { CORRELATION_METHODS, type CorrelationMethod } from "../../vitals/screen";
import type { CliIO } from "../command";

/** Options of {@link runAnalyseOutcomes}. */
export interface AnalyseOutcomesArgs {
  dir: string;
  outcomes: string;
  lag?: number;
  context?: string[];
  method?: string;
  indicators?: string[];
  out: string;
  command?: string;
}

/**
 * Screen, then write results.json and report.html; every check happens before anything is written.
 * @example runAnalyseOutcomes({ dir: "/tmp/england", outcomes: "child", lag: 1, out: "out" }).screen.indicators
 */
export function runAnalyseOutcomes(a: AnalyseOutcomesArgs, pkgIn?: DataPackage, defaultContext: readonly string[] = ["idaci_score"]): { screen: OutcomesScreen; resultsPath: string; reportPath: string } {
  const pkg = withIndicatorContext(pkgIn ?? readPackage(a.dir), a.context ?? []);
  const available = new Set(pkg.context.array("variable") as string[]);
  const context = a.context ?? defaultContext.filter((v) => available.has(v));
  if (a.method !== undefined && !(CORRELATION_METHODS as readonly string[]).includes(a.method)) throw new InputError("--method", `must be one of ${CORRELATION_METHODS.join(", ")}`, a.method);
  const candidates = (pkg.catalogue.objects() as unknown as CatalogueRow[]).filter((c) => c.domain !== "context");
  const indicators = a.indicators === undefined ? undefined : resolveIndicatorPatterns(candidates, a.indicators, "--indicators");
  const outcomeIds = resolveOutcomeList(pkg, a.outcomes);
  refuseContextStudied(context, [...(indicators ?? []), ...outcomeIds]);
  const screen = screenOutcomes(pkg, { outcomes: outcomeIds, context, lag: a.lag, method: a.method as CorrelationMethod | undefined, indicators });
  const results = { ...outcomesScreenJson(screen), dataset: { name: pkg.descriptor.name, title: pkg.descriptor.title } };
  const html = reportHtml({
    title: `Vital signs across outcomes: ${pkg.descriptor.title}`,
    subtitle: `${screen.outcomes.length} outcomes × ${screen.indicators.length} indicators; ${screen.indicators.filter((i) => i.marked).length} hold across outcomes`,
    sections: outcomesScreenSections(screen),
    stamp: reproducibilityStamp(pkg, { seed: null, command: a.command }),
  });
  writeFilesAtomically(a.out, [
    { name: "results.json", contents: JSON.stringify(results, null, 2) + "\n" },
    { name: "report.html", contents: html },
  ]);
  return { screen, resultsPath: path.join(a.out, "results.json"), reportPath: path.join(a.out, "report.html") };
}

/** The summary on stdout: outcomes with their noise verdicts, then the indicators that hold across outcomes. */
export function printOutcomesScreen(w: ReturnType<typeof runAnalyseOutcomes>, io: CliIO): void {
  const s = w.screen;
  io.out(`${s.outcomes.length} outcomes × ${s.indicators.length} indicators; context ${s.context.join(", ") || "none"}; lag ${s.lag}; ${s.method}\n`);
  for (const o of s.outcomes) io.out(`  ${o.id}: outcome ${o.outcomeYear}, indicators ${o.indicatorYear}, ${o.nLinked} LAs${o.noise.code === "too-noisy" ? " — too noisy at LA level to judge indicators by" : ""}\n`);
  for (const k of s.skipped) io.out(`  skipped ${k.id}: ${k.reason}\n`);
  const marked = s.indicators.filter((i) => i.marked);
  io.out(`holding across outcomes (${marked.length}): ${marked.map((i) => `${i.indicator} (${holdsText(i)}; ${i.direction})`).join(", ") || "none"}\n`);
  io.out(`wrote ${w.resultsPath}\n      ${w.reportPath}\n`);
}


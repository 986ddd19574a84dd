/**
 * The README data dictionary of a synthetic pilot dataset, rendered from its content and planted truth so the
 * documentation can never drift from the data (written by writeSyntheticPilot in ./generate.ts).
 */
import { SYNTH_CREATED, SYNTH_GRADE_LABELS, SYNTH_OUTCOME, type SyntheticIndicatorSpec, type SyntheticParams } from "./params";
import type { SyntheticIndicatorTruth, SyntheticTruth } from "./truth";
import type { PackageContent, PackageDescriptor } from "../data/types";

const mdCell = (s: string) => s.replace(/\|/g, "\\|");

/**
 * The README data dictionary of a synthetic dataset (Markdown), from its content and truth.
 * @example
 * const { content, truth } = generateSyntheticPilot(DEFAULT_SYNTH_PARAMS);
 * syntheticReadme(content, truth, writePackage(dir, content));
 */
export function syntheticReadme(content: PackageContent, truth: SyntheticTruth, descriptor: PackageDescriptor): string {
  return [
    introSection(content, truth),
    filesSection(descriptor),
    areasSection(truth.params),
    indicatorsSection(content, truth),
    contextSection(truth.params),
    outcomesSection(truth),
    truthSection(truth),
  ]
    .flat()
    .join("\n");
}

/** Title, what the data are, how to regenerate them, their size and licence. */
function introSection(content: PackageContent, truth: SyntheticTruth): string[] {
  const p = truth.params;
  const L: string[] = [];
  // the paths below are those recorded when the generator version was fixed (same seed → same README bytes)
  L.push(`# ${content.title}`, "");
  L.push(
    "Fictional data made by the project's own seeded generator, with a **planted truth** in `truth.json`, so that",
    "the workbench can be demonstrated on realistic-looking data and its analysis tested against a known answer.",
    "No real child, local authority or inspection is described; codes cannot be mistaken for real ones.",
    "",
    `- Regenerate: \`vital-signs synth --seed ${truth.seed} --out datasets/pilot-synthetic\` (generator ${truth.generator_version},`,
    "  `lib/data/synthetic.ts`; every parameter in `lib/data/synthetic-params.ts`). Same seed → byte-identical files.",
    `- ${content.areas.length} LAs in ${p.regions.length} regions, periods ${truth.periods[0]}–${truth.periods[truth.periods.length - 1]}` +
      ` (years ending 31 March), ${content.catalogue.length} indicators, 4 context variables, ${content.outcomes.length} inspection judgements.`,
    `- \`created\` in datapackage.json is ${SYNTH_CREATED}, the date this generator version was fixed (not the run time).`,
    "- Licence: CC0 1.0 (synthetic data).",
    "",
  );
  return L;
}

/** The files of the package with rows and sha256. */
function filesSection(descriptor: PackageDescriptor): string[] {
  const L: string[] = [];
  L.push("## Files", "", "| File | Rows | sha256 | What |", "|---|---|---|---|");
  const what: Record<string, string> = {
    areas: "one row per LA: code, name, region",
    catalogue: "one row per indicator: label, domain, polarity, unit, numerator, denominator, definition, framework role and area",
    indicators: "long: LA × period × indicator with value, numerator, denominator, status",
    context: "long: LA × period × context variable",
    outcomes: "one row per inspection: grade, label, publication date, attached period",
  };
  for (const r of descriptor.resources) L.push(`| ${r.path} | ${r.rows} | \`${r.hash.replace(/^sha256:/, "").slice(0, 12)}…\` | ${what[r.name] ?? ""} |`);
  L.push("| truth.json | – | – | the planted truth: roles, expected verdicts, effect sizes, latent quality per LA and per inspection, all parameters |");
  L.push("| README.md | – | – | this data dictionary |", "");
  return L;
}

/** The areas.csv dictionary and the LAs per region. */
function areasSection(p: SyntheticParams): string[] {
  const L: string[] = [];
  L.push(
    "## Areas (`areas.csv`)",
    "",
    "- `la_code`: fictional ONS-style code: the entity type (E06 unitary authority, E08 metropolitan district, E09 London",
    "  borough, E10 county), then `9`, then a 5-digit serial — e.g. `E06900001`. Real codes of these types have serials",
    "  below 900000, so the pattern `^E(06|08|09|10)9\\d{5}$` never matches a real authority.",
    "- `la_name`: a made-up place name (prefix + suffix; counties end in -shire), checked against the names of real",
    "  English authorities. Names and codes do not depend on the seed.",
    "- `region_code`, `region_name`: the real English regions (2019 codes E12000001–E12000009).",
    "- `old_la_code` is blank (no DfE number) and `first_period`/`last_period` are blank: no reorganisations.",
    "",
    "| Region | LAs | Deprivation shift |",
    "|---|---|---|",
  );
  for (const r of p.regions) {
    const n = Object.values(r.counts).reduce((a, b) => a + (b ?? 0), 0);
    L.push(`| ${r.code} ${r.name} | ${n} | ${r.deprivationShift} |`);
  }
  L.push("");
  return L;
}

/** The indicators.csv and catalogue.csv dictionary, with each indicator's share of cells with a value and suppressed. */
function indicatorsSection(content: PackageContent, truth: SyntheticTruth): string[] {
  const withValue = new Map<string, number>();
  const suppressed = new Map<string, number>();
  for (const r of content.indicators) {
    if (r.value !== null) withValue.set(r.indicator, (withValue.get(r.indicator) ?? 0) + 1);
    else if (r.status.startsWith("suppressed")) suppressed.set(r.indicator, (suppressed.get(r.indicator) ?? 0) + 1);
  }
  const cells = content.areas.length * truth.periods.length;
  const pctOf = (n: number) => ((100 * n) / cells).toFixed(1);
  const L: string[] = [];
  L.push(
    "## Indicators (`indicators.csv`, `catalogue.csv`)",
    "",
    "One row per LA × period × indicator (every combination is present; a missing value has a status).",
    "",
    "- `value`: in the catalogue's unit. **percent** = round(100·numerator/denominator, 1 dp); **rate_per_10k** =",
    "  round(10000·numerator/denominator, 1 dp) with the child population as denominator; **ratio** = round(numerator/",
    "  denominator, 1 dp); **score** = an average over `denominator` children (numerator blank); **count** = a whole number",
    "  (numerator and denominator blank). Numerators are binomial (percent) or Poisson (rates, ratios, counts) draws around",
    "  the LA's true rate, so small LAs are noisier, as in real data.",
    "- `status`: blank when the value is present; `suppressed:c` when a count of children is 1–5 (the value and",
    "  numerator are blank; the denominator too when it is 1–5; zero is published, never suppressed); `not-available:x`",
    "  when the LA did not return it (or the series had not started); `not-applicable:z` when the denominator is 0.",
    "  Only primary suppression is applied.",
    "- Workforce indicators (30 September snapshots) are attached to the year ending the next March.",
    "",
    "- `framework_role`, `framework_area` (catalogue): the indicator's place in the 2019 outcomes framework and the",
    "  National Framework (child-outcome / practice / enabler / context; safety, stability, education, …), from its",
    "  domain (lib/data/framework.ts) or SYNTHETIC_FRAMEWORK_OVERRIDES (lib/data/synthetic.ts), as for official data.",
    "",
    "| Indicator | Label | Domain | Role / area | Polarity | Unit | Numerator / denominator | With value | Suppressed |",
    "|---|---|---|---|---|---|---|---|---|",
  );
  for (const c of content.catalogue) {
    const nd = c.numerator || c.denominator ? `${c.numerator || "–"} / ${c.denominator || "–"}` : "–";
    L.push(
      `| \`${c.indicator}\` | ${mdCell(c.label)} | ${c.domain} | ${c.framework_role || "–"} / ${c.framework_area || "–"} | ${c.polarity} | ${c.unit} | ${mdCell(nd)} | ${pctOf(withValue.get(c.indicator) ?? 0)}% | ${pctOf(suppressed.get(c.indicator) ?? 0)}% |`,
    );
  }
  L.push("");
  return L;
}

/** The context.csv dictionary: how each context variable is derived. */
function contextSection(p: SyntheticParams): string[] {
  const L: string[] = [];
  const cx = p.context;
  L.push(
    "## Context (`context.csv`)",
    "",
    "| Variable | Unit | Derivation |",
    "|---|---|---|",
    `| \`idaci_score\` | score 0–1 | ${cx.idaciCentre} + ${cx.idaciPerSd}·D (+ a small wobble per edition of the Indices), clamped to [0.02, 0.5], 3 dp; the 2015 edition up to ${cx.iod2019FromPeriod - 1}, the 2019 edition from ${cx.iod2019FromPeriod} |`,
    `| \`imd_score\` | score | ${cx.imdCentre} + ${cx.imdPerSd}·(0.92·D + 0.39·e), e an LA's own term, per edition as IDACI, 2 dp |`,
    `| \`child_population\` | children aged 0–17 | log-normal, median ${cx.childPopulationMedian}, truncated to ${cx.childPopulationMin}–${cx.childPopulationMax}, growing about 0.4% a year; independent of deprivation |`,
    `| \`cin_rate_per_10k\` | per 10,000 children | children in need / child population × 10000 (1 dp); median ${cx.cinRateMedian}, rising ${cx.cinRatePerSdDeprivation} on the log scale per SD of D |`,
    "",
    "D is the LA's deprivation: a region shift (table above, centred) plus LA noise, variance 1.",
    "",
  );
  return L;
}

/** The outcomes.csv dictionary: inspection timing, attached period and the grades drawn. */
function outcomesSection(truth: SyntheticTruth): string[] {
  const p = truth.params;
  const L: string[] = [];
  const gc = truth.model.grade_counts;
  const total = gc.reduce((a, b) => a + b, 0);
  L.push(
    "## Outcomes (`outcomes.csv`)",
    "",
    `- \`outcome\` = \`${SYNTH_OUTCOME}\`, an Ofsted-like overall effectiveness judgement: \`value\` 1 Outstanding, 2 Good,`,
    "  3 Requires improvement to be good, 4 Inadequate; `label` as published.",
    `- Each LA is first inspected within ${p.inspections.firstWithinDays} days of ${p.inspections.firstDate}, then every`,
    `  ${p.inspections.minGapDays}–${p.inspections.maxGapDays} days (about 3 years) up to ${p.inspections.lastDate}; weekend dates move to Monday.`,
    ...(p.inspections.judgements === "one" ? ["- **One judgement per LA** (`vital-signs synth --judgements one`): only each LA's latest inspection is kept."] : []),
    "- `date`: publication date. `period`: the latest year ending 31 March before the date (a judgement published in",
    "  June 2017 or February 2018 is attached to 2017); the judgement reflects that period's latent quality.",
    `- Grades in this dataset: ${gc.map((n, g) => `${SYNTH_GRADE_LABELS[g]} ${n} (${((100 * n) / total).toFixed(1)}%)`).join(", ")};`,
    `  target population shares ${truth.model.grade_shares_target.map((x) => `${Math.round(x * 100)}%`).join(" / ")}.`,
    "",
  );
  return L;
}

/** The planted model, each indicator's latent and expected verdict. */
function truthSection(truth: SyntheticTruth): string[] {
  const p = truth.params;
  const roleOf = new Map(truth.indicators.map((t) => [t.indicator, t] as const));
  const L: string[] = [];
  L.push(
    "## The planted truth (`truth.json`)",
    "",
    "Latent quality of LA i in period t and the judgement of an inspection attached to t:",
    "",
    "    Q[i,t] = Σ_k β_k·Z_k[i,t] + β_W·W[i,t] − β_D·D[i] + σ_u·u[i]",
    "    y* = Q[i,t] + s·L,  L standard logistic;  grade 1 if y* > c1, 2 if y* > c2, 3 if y* > c3, else 4",
    "",
    `with β_D = ${p.quality.betaDeprivation}, σ_u = ${p.quality.sigmaUnmeasured}, s = ${p.quality.logisticScale}, Var(Q) = ${truth.model.quality_variance}` +
      ` and thresholds c = ${truth.model.thresholds.join(", ")} (calibrated to the target shares).`,
    "Each indicator's value is its true rate on the link scale (logit for percentages, log for rates, ratios and",
    "counts, the score itself) = centre ± spread·S, sign by polarity, where S is the indicator's latent:",
    "",
    "| Indicator | Role | Latent S | Expected verdict |",
    "|---|---|---|---|",
  );
  for (const spec of p.indicators) {
    const t = roleOf.get(spec.indicator)!;
    const latent = latentDescription(spec, t);
    const e = t.expected;
    const verdict = e.selected ? "selected" : `rejected: ${e.reason}${e.keep ? ` (keep \`${e.keep}\`)` : ""}`;
    L.push(`| \`${spec.indicator}\` | ${spec.role} | ${latent} | ${verdict} |`);
  }
  L.push(
    "",
    "- **Drivers** are independent of each other and of deprivation; every one should be selected.",
    "- **Noise** indicators come from random streams that never see Q, D or the outcome: exactly independent of it.",
    "- **Confounded** indicators follow deprivation only; they go with the grade before adjustment (deprivation",
    "  lowers Q) and not after adjusting for IDACI.",
    "- **Near-duplicates** correlate about 0.93–0.95 with a driver; they are less complete (`rereferral_12m_lait_pct`) or",
    "  counted on a quarter of the base and redrawn each year (`assessment_45d_q4_pct`: noisier, less stable), so the",
    "  driver is the one to prefer. Keeping exactly one member of each pair is correct; the other is redundant.",
    "- The **unreliable** indicator does move the year's judgement but is redrawn every year (year-to-year r ≈ 0).",
    "- The **incomplete** indicator is informative but returned for about half of LA-years (below 60%).",
    "- `truth.json` also holds each LA's deprivation D, unmeasured quality u and Q per period, and each inspection's",
    "  Q, y* and grade, with the full parameter set.",
    "",
  );
  return L;
}

/** How an indicator's latent signal S is made, by role (the truth table's "Latent S" column). */
function latentDescription(spec: SyntheticIndicatorSpec, t: SyntheticIndicatorTruth): string {
  return spec.role === "driver"
    ? `Z (β = ${spec.beta}; polr coefficient ${t.polr_coefficient}), year-to-year r ${spec.stability}`
    : spec.role === "unreliable"
      ? `W, redrawn every year (β = ${spec.beta})`
      : spec.role === "near-duplicate"
        ? `${spec.duplicateCorrelation}·Z of \`${spec.duplicateOf}\` + own noise`
        : spec.role === "confounded"
          ? `−${spec.deprivationLoading}·D + own noise (no quality)`
          : spec.role === "incomplete"
            ? `${spec.qualityLoading}·(Q without deprivation, standardised) + own noise`
            : spec.fromBase
              ? `its own base series (${spec.fromBase}), independent of Q`
              : `own stream only (year-to-year r ${spec.stability})`;
}

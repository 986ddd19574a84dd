/**
 * The shapes of an LA profile (profile.json) and its options. Field names are camelCase in memory and in
 * profile.json; `n` of the library results is renamed to say what it counts (see below).
 */
import type { AreaRow, Domain, Polarity, Unit } from "../data/types";
import type { ComparisonLevels, ComparisonOutcome } from "../indicators/compare";
import type { FunnelSignificance } from "../indicators/funnel";
import type { FunnelAdjustment } from "../indicators/overdispersion";
import type { QuartileBand } from "../indicators/quartiles";
import type { TrendResult } from "../indicators/trend";
import type { AreaNeighbour, DfeNeighbourGroup, NeighbourModel, NeighbourSummary } from "../context/neighbours";
import type { Triangulation } from "../context/triangulation";
import type { Figure } from "../plots/figure";

export type ProfileBenchmark = "england" | "region" | "neighbours";
export const PROFILE_BENCHMARKS: readonly ProfileBenchmark[] = ["england", "region", "neighbours"];
export type ProfileNeighbourSource = "auto" | "dfe-2025" | "dfe-2021" | "context";
export const PROFILE_NEIGHBOUR_SOURCES: readonly ProfileNeighbourSource[] = ["auto", "dfe-2025", "dfe-2021", "context"];

/** England's ONS code in benchmarks.csv. */
export const ENGLAND_CODE = "E92000001";
/** How many funnel plots the HTML shows (largest adjusted |z| first). */
export const PROFILE_FUNNEL_CHARTS = 3;
/** How many trend charts the HTML shows (the most notable indicators first). */
export const PROFILE_TREND_CHARTS = 8;

/**
 * Context variables for our own nearest neighbours: a variable enters if at least this share of LAs has
 * it; `_rank` variables are left out (they duplicate their scores); population sizes enter as log10.
 */
export const NEIGHBOUR_CONTEXT_RULES = Object.freeze({ minShareOfLAs: 0.8, exclude: /_rank$/, log10: /population/ });

export interface ProfileOptions {
  benchmark?: ProfileBenchmark;
  levels?: ComparisonLevels;
  /** Use the latest period at or before this one (default: each indicator's latest for the LA). */
  period?: number;
  neighbours?: ProfileNeighbourSource;
  /** DfE's neighbour groups (needed for `dfe-2025`, `dfe-2021` and, to use them, `auto`). */
  dfeGroups?: DfeGroupsByModel;
  disclosureThreshold?: number;
}

/**
 * DfE's published neighbour groups as the caller read them (lib/context/neighbours `readDfeNeighbourGroups`),
 * by model, or the error that reading raised: the profile reads no files itself.
 */
export type DfeGroupsByModel = Partial<Record<NeighbourModel, readonly DfeNeighbourGroup[] | Error>>;


/** A benchmark value with where it came from. */
export interface BenchmarkValue {
  value: number | null;
  source: string;
  /** True when no figure is published or poolable and the value is the median of the LAs: not an England or region rate. */
  laMedian?: boolean;
}

/** A comparison as exported (no internals). */
export interface ProfileComparison {
  benchmark: number | null;
  outcome: ComparisonOutcome;
  label: string;
  confidence: number | null;
  reason?: string;
}

export interface ProfileSeriesPoint {
  period: number;
  value: number | null;
  lower95: number | null;
  upper95: number | null;
  status: string;
  england: number | null;
  region: number | null;
  neighbourMedian: number | null;
  /** Present when the value is flagged: its note (lib/profile/value-flags.ts; `PART_YEAR_NOTE` for an Annex A window share). */
  note?: string;
}

export interface ProfileFunnel {
  type: "proportion" | "rate";
  adjustment: FunnelAdjustment;
  reason: string;
  phi: number;
  tau2: number;
  /** LAs in the estimate. */
  lasInEstimate: number;
  zUnadjusted: number;
  zAdjusted: number;
  significance: FunnelSignificance | null;
}

/*
 * Export shapes. Every `n` of the library results is renamed to say what it counts (points, LAs,
 * indicators): these are not counts of children, and the disclosure scanner treats a field named `n` as a
 * count of people.
 */
/** Neighbour median and range; `withValue` neighbours of `of` had a value shown. */
export type ProfileNeighbourSummary = Omit<NeighbourSummary, "n"> & {
  withValue: number;
  /** Neighbours whose value is withheld for disclosure (then median, range and mean are null: they would give it back). */
  withheld: number;
  /** The statistical-neighbour average (mean of the neighbours with a value), as DfE's dashboards show it; null when none has one or one is suppressed for disclosure. */
  mean: number | null;
};
/** The trend marker; `pointsUsed` points entered it. */
export type ProfileTrend = Omit<TrendResult, "n"> & { pointsUsed: number };
/** Triangulation with named counts. */
export interface ProfileTriangulation {
  indicators: (Omit<Triangulation["indicators"][number], "n"> & { lasForSd: number })[];
  domains: (Omit<Triangulation["domains"][number], "n" | "sources"> & { inComposite: number; sources: { source: string; meanZ: number; indicators: number }[] })[];
}

/** One indicator of the profile. */
export interface ProfileIndicator {
  indicator: string;
  label: string;
  domain: Domain;
  polarity: Polarity;
  unit: Unit;
  source: string;
  period: number | null;
  value: number | null;
  status: string;
  lower95: number | null;
  upper95: number | null;
  lower998: number | null;
  upper998: number | null;
  intervalMethod: string;
  intervalNote?: string;
  /**
   * Present when the value is flagged (lib/profile/value-flags.ts): "part-year" (an Annex A window share) or
   * "low reliability" (a low-reliability status); shown after the value wherever the value is shown.
   */
  valueFlag?: string;
  /** The flag's note: the flag and its reason in words (`PART_YEAR_NOTE` for a window share). */
  valueNote?: string;
  /**
   * Present when the value, not small itself, is withheld because beside the LA's other figures of the period it would
   * give a withheld count back (secondary suppression, lib/profile/secondary-withheld.ts): "withheld: beside …".
   */
  withheldNote?: string;
  england: BenchmarkValue;
  region: BenchmarkValue;
  neighbours: ProfileNeighbourSummary;
  comparisons: Record<ProfileBenchmark, ProfileComparison>;
  headline: ProfileComparison;
  /**
   * The LAs' values at the period (R type 7 quartiles), over which band, quartile and rank are taken
   * (lib/profile/period-distribution.ts). An official indicator's are every published value, those withheld from
   * display included (public). An unpublished indicator's (own, pilot or returns data) leave out a value withheld for
   * disclosure, except a count withheld as small, which is in them as somewhere in (0, threshold): a bound that
   * depends on where is null.
   */
  distribution: {
    min: number | null; q25: number | null; median: number | null; q75: number | null; max: number | null;
    /** LAs in the distribution, the withheld counts among them. */
    lasWithValue: number;
    /** LAs whose count is withheld as small, in the distribution only as lying in (0, threshold). */
    withheldCounts: number;
    /** LAs with a value withheld for disclosure and left out of the distribution and ranks (unpublished indicators). */
    withheldLeftOut: number;
  };
  band: QuartileBand | null;
  /**
   * The LA's quarter among all LAs by value, 1 = lowest … 4 = highest, for every polarity (LAIT's right-closed
   * bands: a value equal to a quartile falls in the quarter below); null with fewer than 4 LA values.
   */
  quartile: 1 | 2 | 3 | 4 | null;
  /** LA value − England value, with or without intervals; null when either is missing or the value is suppressed. */
  englandDifference: number | null;
  /** Years from this indicator's latest period to the profile's reference period (`LaProfile.referencePeriod`). */
  yearsBehind: number | null;
  /** The latest value is more than STALE_AFTER_YEARS older than the profile's reference period. */
  stale: boolean;
  rank: number | null;
  /** LAs ranked. */
  rankOf: number;
  funnel: ProfileFunnel | null;
  trend: ProfileTrend;
  series: ProfileSeriesPoint[];
  seriesBroken: boolean;
  seriesNotes: string[];
  /** Neighbours' values per period (for the trend chart), neighbour order as in `profile.neighbours`. */
  neighbourSeries: { la_code: string; values: (number | null)[] }[];
  /** Each neighbour's value at `period` and its own comparison with England (for the tartan rug). */
  neighbourLatest: { la_code: string; value: number | null; england: ComparisonOutcome }[];
}

/**
 * A latest value more than this many years before the profile's reference period is out of date: DfE's
 * National Framework dashboard and LAIT show a series' latest year, and a figure over 3 years old no longer
 * describes the service (issue #18).
 */
export const STALE_AFTER_YEARS = 3;

export interface LaProfile {
  la: AreaRow;
  /** The period the profile describes: `options.period`, else the latest period inside the LA's lifespan of any indicator with a value. */
  referencePeriod: number | null;
  dataset: { name: string; title: string; created: string };
  options: Required<Omit<ProfileOptions, "period" | "dfeGroups">> & { period: number | null };
  neighbours: { source: string; list: AreaNeighbour[]; unmapped: string[]; note?: string };
  indicators: ProfileIndicator[];
  triangulation: ProfileTriangulation;
  notes: string[];
  summary: {
    indicators: number;
    /** Indicators with a value shown (not withheld for disclosure). */
    withValue: number;
    /** Indicators with a latest period whose value is withheld for disclosure (shown as suppressed). */
    suppressed: number;
    compared: number;
    better: number;
    similar: number;
    worse: number;
    /** Direction only (`none` polarity): higher or lower than the benchmark. */
    higherOrLower: number;
    notCompared: number;
    /** Why the headline comparison was not made, with how many indicators each reason covers. */
    notComparedReasons: Record<string, number>;
    brokenSeries: number;
    /** Indicators whose latest value is more than STALE_AFTER_YEARS before the reference period. */
    stale: number;
  };
  disclosure: { threshold: number; suppressedValues: number; rule: string };
  /** The council's vital signs from an analysis of this package (`profile --results`); absent without one. */
  vitalSigns?: ProfileVitalSigns;
}

/** One vital sign an analysis selected, with the LA's figures from its profile (lib/profile/vital-signs.ts). */
export interface ProfileVitalSign {
  indicator: string;
  label: string;
  /** The analysis' verdict code ("selected"). */
  verdict: string;
  /** The association's direction as the analysis words it ("better rating with lower value"); null when absent. */
  direction: string | null;
  period: number | null;
  /** The LA's latest value; null when it has none or it is withheld for disclosure (see `status`). */
  value: number | null;
  status: string;
  valueFlag?: string;
  /** The headline comparison's label ("worse (95%)", "not compared"). */
  headline: string;
  band: QuartileBand | null;
  quartile: 1 | 2 | 3 | 4 | null;
}

/** The analysis' outcome, context and period, and its selected vital signs for the LA. */
export interface ProfileVitalSigns {
  outcome: string;
  context: string[];
  analysedPeriod: number;
  signs: ProfileVitalSign[];
}

/** An overdispersed funnel of one indicator-period, with how many LAs each set of limits flags. */
export interface ProfileFunnelView {
  figure: Figure;
  indicator: string;
  period: number;
  phi: number;
  tau2: number;
  adjustment: FunnelAdjustment;
  reason: string;
  /** LAs in the estimate. */
  lasInEstimate: number;
  /** LAs outside the exact 99.8% limits, and outside the adjusted ones. */
  outsideExact998: number;
  outsideAdjusted998: number;
  /** LAs left off the plot because a count of theirs is under the disclosure threshold (still in the estimate). */
  notPlotted: number;
}

/**
 * Vital Signs Workbench — public API. A thin index that re-exports; see README.md for the workflow.
 * Layers (data flows one way): data → indicators/context → stats → vitals → plots/report.
 */
export * from "./errors";
export * from "./data/types";
export * from "./data/csv";
export * from "./data/schema";
export * from "./data/package";
export * from "./data/columns";
export * from "./data/completeness";
export * from "./data/import";
export * from "./stats/distributions";
export * from "./stats/random";
export * from "./stats/ranks";
export * from "./stats/quantile";
export * from "./stats/pearson";
export * from "./stats/spearman";
export * from "./stats/kendall";
export * from "./stats/partial-correlation";
export * from "./stats/ols";
export * from "./stats/ordinal-logit";
export * from "./stats/multiple-testing";
export * from "./stats/bootstrap";
export * from "./indicators/intervals";
export * from "./indicators/funnel";
export * from "./indicators/ranking";
export * from "./indicators/benchmark";
export * from "./plots";
export * from "./report";
export * from "./notebook";
export * from "./data/synthetic-params";
export * from "./data/synthetic";
export * from "./data/synthetic-readme";
export * from "./stats/correlation-matrix";
export * from "./context/link";
export * from "./context/adjust";
export * from "./vitals/kernels";
export * from "./vitals/frame";
export * from "./vitals/screen";
export * from "./vitals/reliability";
export * from "./vitals/percentiles";
export * from "./vitals/selection";
export * from "./vitals/analyse";
export * from "./vitals/results";

/** Plotly figure builders and figure output (HTML, images). Re-exported by lib/index.ts. */
export * from "./figure";
export * from "./theme";
export * from "./format";
export * from "./fit-band";
export * from "./cluster-order";
export * from "./funnel-plot";
export * from "./indicator-outcome-scatter";
export * from "./forest-plot";
export * from "./correlation-heatmap";
export * from "./percentile-membership-chart";
export * from "./completeness-heatmap";
export * from "./trend-small-multiples";
export * from "./vital-signs-stability-chart";
export * from "./figure-html";
export * from "./chromium";
export * from "./export-figure";

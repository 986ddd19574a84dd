/**
 * The figure type every builder returns: a plain plotly figure (`data` + `layout`), JSON-serialisable,
 * with no functions and no typed arrays, so it can be snapshotted, written to HTML or sent to a notebook.
 */

/** One plotly trace. Fields follow the plotly.js schema (https://plotly.com/javascript/reference/). */
export interface PlotlyTrace {
  type: string;
  [field: string]: unknown;
}

/** A plotly figure: traces, layout and (optionally) a config. */
export interface Figure {
  data: PlotlyTrace[];
  layout: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** Config used when a figure has none: responsive, no plotly logo, no "edit in chart studio" link. */
export const DEFAULT_PLOTLY_CONFIG: Readonly<Record<string, unknown>> = Object.freeze({
  responsive: true,
  displaylogo: false,
  showLink: false,
});

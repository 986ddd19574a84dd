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

/**
 * Config options that are forced on every figure, whatever config it carries: nothing may send a figure's
 * data (LA names and values in hover text) off the machine. plotly.js 4 defaults `showSendToCloud` to true,
 * which adds a "Share chart..." modebar button posting the figure JSON to a third-party service;
 * `showEditInChartStudio` and `showLink` are the other two ways out.
 */
export const PRIVATE_PLOTLY_CONFIG: Readonly<Record<string, unknown>> = Object.freeze({
  showSendToCloud: false,
  showEditInChartStudio: false,
  showLink: false,
});

/** Config used when a figure has none: responsive, no plotly logo, and nothing that sends data anywhere. */
export const DEFAULT_PLOTLY_CONFIG: Readonly<Record<string, unknown>> = Object.freeze({
  responsive: true,
  displaylogo: false,
  ...PRIVATE_PLOTLY_CONFIG,
});

/**
 * The config a figure is drawn with: its own (or the default), with {@link PRIVATE_PLOTLY_CONFIG} on top.
 * @example
 * plotlyConfigOf({ data: [], layout: {}, config: { showSendToCloud: true } }).showSendToCloud // false
 */
export function plotlyConfigOf(figure: Figure): Record<string, unknown> {
  return { ...(figure.config ?? DEFAULT_PLOTLY_CONFIG), ...PRIVATE_PLOTLY_CONFIG };
}

/**
 * Heatmap of the correlations between indicators, in clustered order (average linkage on 1 − |r|, see
 * cluster-order.ts) so that redundant indicators form visible blocks.
 */
import { InputError } from "../errors";
import type { CorrelationMatrix } from "../stats/correlation-matrix";
import { clusterOrder } from "./cluster-order";
import type { Figure } from "./figure";
import { escapeHover } from "./format";
import { axis, baseLayout, CORRELATION_COLOURSCALE } from "./theme";

/** A correlation matrix with its labels; NaN = not computable. `n` (LAs per pair) is optional. */
export interface CorrelationHeatmapInput {
  indicators: readonly string[];
  labels: readonly string[];
  r: readonly (readonly number[])[];
  n?: readonly (readonly number[])[];
  /** e.g. "Spearman". */
  method?: string;
}

/**
 * The heatmap input from lib/stats `correlationMatrix` (row-major typed arrays) and the columns' ids and labels.
 * @example
 * correlationHeatmap(heatmapInput(correlationMatrix(columns, { method: "spearman" }), ids, labels));
 */
export function heatmapInput(cm: CorrelationMatrix, indicators: readonly string[], labels: readonly string[] = indicators): CorrelationHeatmapInput {
  if (indicators.length !== cm.m || labels.length !== cm.m) {
    throw new InputError("heatmapInput", `needs ${cm.m} indicator ids and labels`, indicators.length);
  }
  const rows = (a: ArrayLike<number>) => Array.from({ length: cm.m }, (_, i) => Array.from({ length: cm.m }, (_, j) => a[i * cm.m + j]));
  return { indicators, labels, r: rows(cm.r), n: rows(cm.n), method: cm.method === "spearman" ? "Spearman" : "Pearson" };
}

/**
 * Build the correlation heatmap.
 * @param options `order`: "clustered" (default) or "given".
 * @example
 * const fig = correlationHeatmap({ indicators, labels, r, method: "Spearman" });
 */
export function correlationHeatmap(matrix: CorrelationHeatmapInput, options: { order?: "clustered" | "given"; title?: string } = {}): Figure {
  const k = matrix.indicators.length;
  if (k === 0) throw new InputError("correlationHeatmap", "needs at least one indicator", 0);
  if (matrix.labels.length !== k || matrix.r.length !== k || matrix.r.some((row) => row.length !== k)) {
    throw new InputError("correlationHeatmap", "indicators, labels and r must agree in size", k);
  }
  if (matrix.n && (matrix.n.length !== k || matrix.n.some((row) => row.length !== k))) {
    throw new InputError("correlationHeatmap", "n must be k × k like r", matrix.n.length);
  }
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const v = matrix.r[i][j];
      if (!Number.isNaN(v) && !(v >= -1 - 1e-12 && v <= 1 + 1e-12)) throw new InputError("correlationHeatmap", `r[${i}][${j}] must be in [-1, 1]`, v);
    }
  const order =
    (options.order ?? "clustered") === "clustered"
      ? clusterOrder(matrix.r.map((row) => row.map((v) => 1 - Math.abs(v))))
      : Array.from({ length: k }, (_, i) => i);
  const labels = order.map((i) => escapeHover(matrix.labels[i]));
  const z = order.map((i) => order.map((j) => (Number.isNaN(matrix.r[i][j]) ? null : matrix.r[i][j])));
  const text = order.map((i) =>
    order.map((j) => {
      const r = matrix.r[i][j];
      const n = matrix.n ? `, n = ${matrix.n[i][j]} LAs` : "";
      return escapeHover(`${matrix.labels[i]} × ${matrix.labels[j]}: r = ${Number.isNaN(r) ? "not computable" : r.toFixed(2)}${n}`);
    }),
  );
  const method = matrix.method ? `${matrix.method} ` : "";
  return {
    data: [
      {
        type: "heatmap",
        x: labels,
        y: labels,
        z,
        text,
        hovertemplate: "%{text}<extra></extra>",
        zmin: -1,
        zmax: 1,
        zmid: 0,
        colorscale: CORRELATION_COLOURSCALE,
        colorbar: { title: { text: `${method}r` } },
        xgap: 1,
        ygap: 1,
      },
    ],
    layout: {
      ...baseLayout(options.title ?? `Correlations between indicators (${method}r, clustered order)`, { height: Math.max(380, 260 + 22 * k), margin: { l: 300, r: 30, t: 60, b: 220 } }),
      xaxis: axis("", { tickangle: -45, showgrid: false }),
      yaxis: axis("", { autorange: "reversed", showgrid: false }),
    },
  };
}

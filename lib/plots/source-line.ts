/**
 * A figure's source line: where its numbers come from, in small text under the figure, as a published chart
 * carries it. The notebook renderer adds it to every figure after the reproducibility stamp (a walkthrough found
 * no figure naming its source).
 */
import { InputError } from "../errors";
import type { Figure } from "./figure";
import { escapeHover } from "./format";

/** Height added under a figure for its source line, px (one line of 10 px text and its padding). */
export const SOURCE_LINE_PX = 22;
/** Plotly's bottom margin when a layout sets none, px. */
const PLOTLY_DEFAULT_BOTTOM_PX = 80;
/** The source line's grey: quieter than the figure's own text. */
const SOURCE_COLOUR = "#666666";

/**
 * A copy of `figure` with `source` written under it, left-aligned at the bottom: the bottom margin (and a fixed
 * height) grows by {@link SOURCE_LINE_PX} so the legend keeps its place. The input is not changed.
 * @throws InputError when `source` is empty
 * @example
 * withSourceLine(funnelPlot(points, options), "Source: DfE, Children in need 2024 (OGL v3)")
 */
export function withSourceLine(figure: Figure, source: string): Figure {
  if (source.trim() === "") throw new InputError("withSourceLine", "source must not be empty", source);
  const margin = (figure.layout.margin ?? {}) as Record<string, number>;
  const bottom = (margin.b ?? PLOTLY_DEFAULT_BOTTOM_PX) + SOURCE_LINE_PX;
  const annotations = Array.isArray(figure.layout.annotations) ? (figure.layout.annotations as unknown[]) : [];
  const line = {
    text: escapeHover(source),
    xref: "paper",
    yref: "paper",
    x: 0,
    y: 0,
    xanchor: "left",
    yanchor: "bottom",
    // from the plot area's bottom edge to 4 px above the figure's
    yshift: -bottom + 4,
    showarrow: false,
    align: "left",
    font: { size: 10, color: SOURCE_COLOUR },
  };
  const height = typeof figure.layout.height === "number" ? { height: figure.layout.height + SOURCE_LINE_PX } : {};
  return { ...figure, layout: { ...figure.layout, ...height, margin: { ...margin, b: bottom }, annotations: [...annotations, line] } };
}

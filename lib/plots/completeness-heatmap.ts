/**
 * Completeness of a data package as a heatmap: indicators down, years across, colour = share of existing
 * LAs with a value. Hover gives the counts of LAs with a value, suppressed and otherwise missing (counts of
 * LAs, not of children).
 */
import type { CompletenessRow } from "../data/completeness";
import { InputError } from "../errors";
import type { Figure } from "./figure";
import { escapeHover } from "./format";
import { axis, baseLayout, SHARE_COLOURSCALE } from "./theme";

/**
 * Build the completeness heatmap from `completeness(pkg)` rows.
 * @param options `labels`: indicator id → label (default the id).
 * @example
 * const fig = completenessHeatmap(completeness(pkg), { labels });
 */
export function completenessHeatmap(
  rows: readonly CompletenessRow[],
  options: { labels?: Readonly<Record<string, string>>; title?: string } = {},
): Figure {
  if (rows.length === 0) throw new InputError("completenessHeatmap", "needs at least one completeness row", 0);
  const label = (i: string) => options.labels?.[i] ?? i;
  // alphabetical by label, so an indicator is easy to find
  const indicators = [...new Set(rows.map((r) => r.indicator))].sort((a, b) => label(a).localeCompare(label(b), "en-GB") || (a < b ? -1 : 1));
  const periods = [...new Set(rows.map((r) => r.period))].sort((a, b) => a - b);
  const cell = new Map(rows.map((r) => [`${r.indicator}\u0000${r.period}`, r] as const));
  const z: (number | null)[][] = [];
  const text: string[][] = [];
  for (const i of indicators) {
    const zr: (number | null)[] = [];
    const tr: string[] = [];
    for (const p of periods) {
      const r = cell.get(`${i}\u0000${p}`);
      if (!r || Number.isNaN(r.completeness)) {
        zr.push(null);
        tr.push(escapeHover(`${label(i)}, ${p}: no LAs expected`));
        continue;
      }
      zr.push(r.completeness);
      const other = r.otherMissing + r.absent;
      tr.push(
        escapeHover(
          `${label(i)}, ${p}: ${(100 * r.completeness).toFixed(0)}% — ${r.withValue} of ${r.expected} LAs with a value` +
            `${r.suppressed ? `, ${r.suppressed} suppressed` : ""}${other ? `, ${other} missing otherwise` : ""}` +
            `${r.lowReliability ? `, ${r.lowReliability} low reliability` : ""}`,
        ),
      );
    }
    z.push(zr);
    text.push(tr);
  }
  return {
    data: [
      {
        type: "heatmap",
        x: periods.map(String),
        y: indicators.map((i) => escapeHover(label(i))),
        z,
        text,
        hovertemplate: "%{text}<extra></extra>",
        zmin: 0,
        zmax: 1,
        colorscale: SHARE_COLOURSCALE,
        colorbar: { title: { text: "share of LAs" }, tickformat: ".0%" },
        xgap: 1,
        ygap: 1,
      },
    ],
    layout: {
      ...baseLayout(options.title ?? "Completeness: share of LAs with a value", { height: Math.max(320, 140 + 24 * indicators.length), margin: { l: 300, r: 30, t: 60, b: 60 } }),
      xaxis: axis("Year ending March", { type: "category", showgrid: false }),
      yaxis: axis("", { autorange: "reversed", showgrid: false }),
    },
  };
}

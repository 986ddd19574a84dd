/**
 * `show`, `showTable`, `showMarkdown`, `showReproducibility`: the notebook display helpers for the tslab
 * kernel (see renderer.ts for how charts stay offline). They write to tslab's `display`, which exists only
 * inside a running tslab kernel; elsewhere use {@link createNotebookRenderer} with your own display.
 */
import type { DataPackage } from "../data/types";
import type { Figure } from "../plots/figure";
import type { TableInput, TableOptions } from "../report/html-table";
import { reproducibilityStamp, type ReproducibilityStamp } from "../report/reproducibility";
import { createNotebookRenderer, type HtmlDisplay, type NotebookRenderer } from "./renderer";

let session: NotebookRenderer | undefined;

/** tslab's display, loaded on first use (tslab is a development dependency of the notebooks only). */
function tslabDisplay(): HtmlDisplay {
  let tslab: { display: HtmlDisplay };
  try {
    tslab = require("tslab") as { display: HtmlDisplay };
  } catch (e) {
    throw new Error(`show: the tslab package is not installed (npm ci installs it): ${(e as Error).message}`);
  }
  return {
    html(html: string) {
      try {
        tslab.display.html(html);
      } catch (e) {
        throw new Error(`show: not running in a tslab kernel (${(e as Error).message}); use createNotebookRenderer() outside notebooks`);
      }
    },
  };
}

function renderer(): NotebookRenderer {
  if (!session) session = createNotebookRenderer(tslabDisplay());
  return session;
}

/**
 * Draw a plotly figure in the notebook (interactive; offline; plotly inlined once per session).
 * @example
 * show(funnelPlot(points, options));
 */
export function show(figure: Figure): void {
  renderer().show(figure);
}

/**
 * Show rows or an arquero table as an HTML table: numbers formatted, missing values with their reason,
 * sortable by clicking a header.
 * @example
 * showTable(completeness(pkg), { columns: ["indicator", "period", "completeness"], digits: 2 });
 */
export function showTable(table: TableInput, options?: TableOptions): void {
  renderer().showTable(table, options);
}

/** Show text in the Markdown subset of lib/report/markdown (e.g. a computed sentence). */
export function showMarkdown(text: string): void {
  renderer().showMarkdown(text);
}

/**
 * The opening cell of every notebook: show (and return) the reproducibility stamp — workbench version, git
 * commit, data sha256 and seed.
 * @example
 * const stamp = showReproducibility(pkg, { seed: 42 });
 */
export function showReproducibility(pkg: DataPackage | string, options: { seed?: number | null } = {}): ReproducibilityStamp {
  const stamp = reproducibilityStamp(pkg, options);
  renderer().showStamp(stamp);
  return stamp;
}

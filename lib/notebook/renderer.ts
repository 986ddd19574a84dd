/**
 * Display in a notebook: charts, tables and the reproducibility stamp as HTML outputs.
 *
 * The first chart of a kernel session inlines the plotly bundle (defining `window.Plotly`); later charts
 * reuse it, so an exported notebook carries plotly once and opens offline. A chart whose page lacks plotly
 * (the notebook was run again in the same kernel, saved and reopened) loads it through the Jupyter server
 * (lib/plots/figure-html `PLOTLY_LOADER_JS`). Scripts in HTML outputs run in
 * `jupyter nbconvert --to html` exports always, and in JupyterLab / classic Notebook only when the notebook
 * is trusted (outputs you produced in this session are trusted; for a notebook opened from elsewhere use
 * "Trust Notebook", or re-run it).
 */
import type { Figure } from "../plots/figure";
import { figureHtml, figureId, plotlyScriptTag } from "../plots/figure-html";
import { escapeHtml } from "../report/html-escape";
import { TABLE_CSS, tableHtml, type TableInput, type TableOptions } from "../report/html-table";
import { markdownToHtml } from "../report/markdown";
import { colophonRows } from "../report/colophon";
import { stampRows, type ReproducibilityStamp } from "../report/reproducibility";

/** Where HTML goes: tslab's `display`, or anything with an `html(text)` method (tests). */
export interface HtmlDisplay {
  html(html: string): void;
}

/** Display functions bound to one output (one kernel session, one document). */
export interface NotebookRenderer {
  /** Draw a plotly figure. */
  show(figure: Figure): void;
  /** Render rows or an arquero table as a (sortable) HTML table. */
  showTable(table: TableInput, options?: TableOptions): void;
  /** Render the Markdown subset of lib/report/markdown. */
  showMarkdown(text: string): void;
  /** Render the reproducibility stamp as a small table; later figures carry its {@link stampSourceLine}. */
  showStamp(stamp: ReproducibilityStamp): void;
}

/** The source line's look: small grey text, left-aligned with the figure. */
const SOURCE_LINE_STYLE = "margin:2px 0 12px;font-size:11px;color:#666666";
/** Characters of a commit id in a source line (git's short form). */
const SHORT_COMMIT = 7;
/** Characters of the data sha256 in a source line: enough to tell two packages apart at a glance. */
const SHORT_SHA256 = 12;

/**
 * The source line of the figures that follow a stamp: the data package (name, how many published sources, their
 * licences, the start of its sha256) and the workbench version and commit that drew them.
 * @example
 * stampSourceLine(reproducibilityStamp(pkg, { seed: 42 }))
 * // "Source: data package england-official (68 sources; OGL-UK-3.0; sha256 da88cd3cbc01…), vital-signs-workbench 0.1.0 at 5f7b5b8"
 */
export function stampSourceLine(stamp: ReproducibilityStamp): string {
  // a generated package (the synthetic pilot) has no published source: "0 sources" read as sources missing
  const n = stamp.sources.length;
  const sources = n === 0 ? "no published source" : `${n} source${n === 1 ? "" : "s"}`;
  const licences = stamp.licences.length > 0 ? `; ${stamp.licences.join(", ")}` : "";
  const commit = /^[0-9a-f]{40}$/.test(stamp.gitCommit) ? ` at ${stamp.gitCommit.slice(0, SHORT_COMMIT)}` : "";
  return `Source: data package ${stamp.dataName} (${sources}${licences}; sha256 ${stamp.dataSha256.slice(0, SHORT_SHA256)}…), ` +
    `${stamp.packageName} ${stamp.packageVersion}${commit}`;
}

/**
 * A renderer writing to `display`. It remembers whether plotly was already sent, and numbers its charts and
 * tables so ids are unique in the document.
 * @example
 * const r = createNotebookRenderer({ html: (s) => outputs.push(s) });
 * r.show(fig1); r.show(fig2); // the bundle is in the first output only
 */
export function createNotebookRenderer(display: HtmlDisplay): NotebookRenderer {
  let plotlySent = false;
  let figures = 0;
  let tables = 0;
  let cssSent = false;
  // the last stamp shown: a notebook that moves from the synthetic to the official package shows a second stamp
  let sourceLine: string | undefined;
  const css = () => {
    if (cssSent) return "";
    cssSent = true;
    return `<style>${TABLE_CSS}</style>\n`;
  };
  return {
    show(figure) {
      figures++;
      const bundle = plotlySent ? "" : plotlyScriptTag() + "\n";
      // under the figure's box, not inside it: a line inside the plot's own margin met legends that Plotly's
      // automargin had moved (the profile's spine chart drew it over its legend)
      const source = sourceLine === undefined ? "" : `\n<p class="vsw-figure-source" style="${SOURCE_LINE_STYLE}">${escapeHtml(sourceLine)}</p>`;
      display.html(bundle + figureHtml(figure, figureId(figure, figures)) + source);
      plotlySent = true;
    },
    showTable(table, options = {}) {
      tables++;
      display.html(css() + tableHtml(table, { ...options, id: options.id ?? `vsw-nb-table-${tables}-${Date.now().toString(36)}` }));
    },
    showMarkdown(text) {
      display.html(`<div class="vsw-markdown">${markdownToHtml(text)}</div>`);
    },
    showStamp(stamp) {
      sourceLine = stampSourceLine(stamp);
      const rows = [...stampRows(stamp), ...colophonRows(stamp)]
        .map((r) => `<tr><th scope="row">${escapeHtml(r.item)}</th><td><code>${escapeHtml(r.value)}</code></td></tr>`)
        .join("");
      display.html(`${css()}<table class="vsw-table vsw-stamp"><caption>Reproducibility, sources and citation</caption><tbody>${rows}</tbody></table>`);
    },
  };
}

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
  /** Render the reproducibility stamp as a small table. */
  showStamp(stamp: ReproducibilityStamp): void;
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
  const css = () => {
    if (cssSent) return "";
    cssSent = true;
    return `<style>${TABLE_CSS}</style>\n`;
  };
  return {
    show(figure) {
      figures++;
      const bundle = plotlySent ? "" : plotlyScriptTag() + "\n";
      display.html(bundle + figureHtml(figure, figureId(figure, figures)));
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
      const rows = [...stampRows(stamp), ...colophonRows(stamp)]
        .map((r) => `<tr><th scope="row">${escapeHtml(r.item)}</th><td><code>${escapeHtml(r.value)}</code></td></tr>`)
        .join("");
      display.html(`${css()}<table class="vsw-table vsw-stamp"><caption>Reproducibility, sources and citation</caption><tbody>${rows}</tbody></table>`);
    },
  };
}

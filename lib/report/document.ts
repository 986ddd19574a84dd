/**
 * One self-contained, offline HTML document from sections of text, tables and figures — the shareable
 * report. plotly.js is inlined once (only when there is a figure); nothing is fetched from the network.
 */
import { writeFileAtomically } from "../data/atomic-write";
import { InputError } from "../errors";
import type { Figure } from "../plots/figure";
import { figureHtml, plotlyScriptTag } from "../plots/figure-html";
import { escapeHtml } from "./html-escape";
import { TABLE_CSS, tableHtml, type TableInput, type TableOptions } from "./html-table";
import { markdownToHtml } from "./markdown";
import { colophonRows } from "./colophon";
import { stampRows, type ReproducibilityStamp } from "./reproducibility";

/**
 * A piece of a section. `html` is inserted as is: only for markup the workbench made itself. `details` folds
 * its blocks under a one-line summary the reader clicks to open (for long text such as notes and reasons;
 * keep figures out of it: plotly cannot size a chart drawn while folded).
 */
export type ReportBlock =
  | { type: "text"; markdown: string }
  | { type: "table"; rows: TableInput; options?: TableOptions }
  | { type: "figure"; figure: Figure; caption?: string }
  | { type: "html"; html: string }
  | { type: "details"; summary: string; blocks: readonly ReportBlock[] };

export interface ReportSection {
  heading: string;
  blocks: readonly ReportBlock[];
}

export interface ReportSpec {
  title: string;
  subtitle?: string;
  sections: readonly ReportSection[];
  /** Printed as the last section, "Sources, citation and reproducibility" (the colophon). */
  stamp: ReproducibilityStamp;
  /** Id of the run that wrote this report with its other outputs, as `<meta name="vital-signs-run-id">`. */
  runId?: string;
}

/** Name of the meta tag carrying the run id (results.json holds the same id as `run_id`). */
export const RUN_ID_META = "vital-signs-run-id";

const REPORT_CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #222;
  max-width: 72rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; line-height: 1.5; }
h1 { margin-bottom: 0.2em; } .vsw-subtitle { color: #555; margin-top: 0; }
nav.vsw-toc { background: #f7f7f7; padding: 0.6em 1em; border-radius: 4px; }
nav.vsw-toc ol { margin: 0.3em 0; }
section { margin-top: 2.2em; } figure { margin: 1em 0; } figcaption { color: #555; font-size: 13px; }
code { background: #f3f3f3; padding: 0 3px; border-radius: 3px; }
details { margin: 0.5em 0 1em; } summary { cursor: pointer; color: #333; font-weight: 600; }
${TABLE_CSS}`;

function slug(text: string, i: number): string {
  return `s${i + 1}-${text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40)}`;
}

/**
 * Build the report's HTML. Deterministic: the same spec gives the same bytes.
 * @example
 * const html = reportHtml({ title: "Vital signs", sections: [{ heading: "Question", blocks: [{ type: "text", markdown: "…" }] }],
 *   stamp: reproducibilityStamp(pkg, { seed: 42 }) });
 */
export function reportHtml(spec: ReportSpec): string {
  if (!spec.title) throw new InputError("reportHtml", "title must not be empty", spec.title);
  const hasFigure = spec.sections.some((s) => s.blocks.some((b) => b.type === "figure" || (b.type === "details" && b.blocks.some((d) => d.type === "figure"))));
  const sections = [
    ...spec.sections,
    {
      heading: "Sources, citation and reproducibility",
      blocks: [
        { type: "table", rows: colophonRows(spec.stamp), options: { sortable: false, labels: { item: "", value: "" }, id: "vsw-colophon" } },
        { type: "text", markdown: "This report was produced by the code, data and seed below; the same inputs give the same numbers." },
        { type: "table", rows: stampRows(spec.stamp), options: { sortable: false, labels: { item: "", value: "" } } },
      ] as ReportBlock[],
    },
  ];
  let figureNo = 0;
  let tableNo = 0;
  const blockHtml = (b: ReportBlock): string => {
    switch (b.type) {
      case "text":
        return markdownToHtml(b.markdown);
      case "table":
        return tableHtml(b.rows, { ...b.options, id: b.options?.id ?? `vsw-table-${++tableNo}` });
      case "figure": {
        figureNo++;
        const caption = b.caption ? `<figcaption>Figure ${figureNo}. ${escapeHtml(b.caption)}</figcaption>` : "";
        return `<figure>${figureHtml(b.figure, `vsw-fig-${figureNo}`)}${caption}</figure>`;
      }
      case "html":
        return b.html;
      case "details":
        return `<details><summary>${escapeHtml(b.summary)}</summary>\n${b.blocks.map(blockHtml).join("\n")}\n</details>`;
      default:
        throw new InputError("reportHtml", "unknown block type", (b as { type: unknown }).type as string);
    }
  };
  const body = sections
    .map((s, i) => {
      const id = slug(s.heading, i);
      const blocks = s.blocks.map(blockHtml);
      return `<section id="${id}">\n<h2>${escapeHtml(s.heading)}</h2>\n${blocks.join("\n")}\n</section>`;
    })
    .join("\n");
  const toc = sections.map((s, i) => `<li><a href="#${slug(s.heading, i)}">${escapeHtml(s.heading)}</a></li>`).join("");
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    (spec.runId ? `<meta name="${RUN_ID_META}" content="${escapeHtml(spec.runId)}">\n` : "") +
    `<title>${escapeHtml(spec.title)}</title>\n<style>${REPORT_CSS}</style>\n${hasFigure ? plotlyScriptTag() + "\n" : ""}</head>\n<body>\n` +
    `<header><h1>${escapeHtml(spec.title)}</h1>${spec.subtitle ? `<p class="vsw-subtitle">${escapeHtml(spec.subtitle)}</p>` : ""}</header>\n` +
    `<nav class="vsw-toc"><strong>Contents</strong><ol>${toc}</ol></nav>\n${body}\n</body>\n</html>\n`
  );
}

/** Write the report to a file atomically (temporary file + rename; creates the folder); returns the path. */
export function writeReport(file: string, spec: ReportSpec): string {
  writeFileAtomically(file, reportHtml(spec));
  return file;
}

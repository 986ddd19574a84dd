/**
 * A report's figures as image files (`--figures svg|png`): every figure block of a report spec, in the order the
 * report numbers them, rendered with lib/plots/export-figure.ts {@link writeFigureImages} (headless Chromium,
 * offline) into one folder as `figure-N-<caption words>.svg|png` (the chart's title when it has no caption).
 */
import * as path from "node:path";
import { InputError } from "../errors";
import type { Figure } from "../plots/figure";
import { writeFigureImages } from "../plots/export-figure";
import type { ReportBlock, ReportSpec } from "./document";

/** Image formats of `--figures`. */
export const FIGURE_FORMATS = ["svg", "png"] as const;
export type FigureFormat = (typeof FIGURE_FORMATS)[number];

/** Most caption words kept in a figure's file name. */
const FILE_NAME_WORDS = 6;

/**
 * The figures of a report, numbered as the report numbers them (Figure 1, 2, …), each with a file name.
 * @example reportFigures(spec).map((f) => f.file) // ["figure-1-raw-and-context-adjusted-spearman-correlation.svg", …]
 */
export function reportFigures(spec: Pick<ReportSpec, "sections">, format: FigureFormat = "svg"): { number: number; file: string; caption: string; figure: Figure }[] {
  const out: { number: number; file: string; caption: string; figure: Figure }[] = [];
  const visit = (b: ReportBlock): void => {
    if (b.type === "figure") {
      const number = out.length + 1;
      const title = (b.figure.layout as { title?: string | { text?: string } }).title;
      const caption = b.caption ?? (typeof title === "string" ? title : (title?.text ?? ""));
      const words = caption.replace(/<[^>]*>/g, " ").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim().split(" ").filter(Boolean).slice(0, FILE_NAME_WORDS).join("-");
      out.push({ number, file: `figure-${number}${words ? `-${words}` : ""}.${format}`, caption, figure: b.figure });
    } else if (b.type === "details") b.blocks.forEach(visit);
  };
  for (const s of spec.sections) s.blocks.forEach(visit);
  return out;
}

/**
 * Write every figure of a report as an image into `dir`; returns the paths written.
 * @example await writeReportFigures(spec, "out/figures", "svg")
 */
export async function writeReportFigures(spec: Pick<ReportSpec, "sections">, dir: string, format: FigureFormat): Promise<string[]> {
  if (!(FIGURE_FORMATS as readonly string[]).includes(format)) throw new InputError("writeReportFigures", `format must be one of ${FIGURE_FORMATS.join(", ")}`, format);
  return writeFigureImages(reportFigures(spec, format).map((f) => ({ figure: f.figure, file: path.join(dir, f.file), options: { format } })));
}

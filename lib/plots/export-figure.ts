/**
 * Write a figure to a file: a standalone offline HTML page, or a PNG/SVG image for papers (rendered by
 * plotly itself in headless Chromium, so the image matches what the notebook shows).
 */
import { InputError } from "../errors";
import { writeFileAtomically } from "../data/atomic-write";
import { launchChromium } from "./chromium";
import { plotlyConfigOf, type Figure } from "./figure";
import { scriptSafeJson, standaloneFigureHtml } from "./figure-html";

/** Default image size in CSS pixels and the PNG scale (2 = print quality). */
export const IMAGE_WIDTH = 900;
export const IMAGE_HEIGHT = 600;
export const IMAGE_SCALE = 2;

/**
 * Write the figure as one offline HTML file (plotly inlined), atomically (temporary file + rename). Creates the
 * folder if needed.
 * @example
 * writeFigureHtml(funnelPlot(points, opts), "out/funnel.html");
 */
export function writeFigureHtml(figure: Figure, file: string, options: { title?: string } = {}): string {
  writeFileAtomically(file, standaloneFigureHtml(figure, options.title ?? String((figure.layout.title as { text?: string })?.text ?? "Figure")));
  return file;
}

/** Image options of {@link writeFigureImage}: format (else from the file name), size in CSS pixels, PNG scale. */
export interface FigureImageOptions {
  format?: "png" | "svg";
  width?: number;
  height?: number;
  scale?: number;
}

/** One figure to write as an image by {@link writeFigureImages}. */
export interface FigureImageJob {
  figure: Figure;
  file: string;
  options?: FigureImageOptions;
}

/**
 * Render the figure to PNG or SVG in headless Chromium and write it.
 * Width and height default to the figure's layout size or {@link IMAGE_WIDTH} × {@link IMAGE_HEIGHT}.
 * @example
 * await writeFigureImage(forestPlot(rows, opts), "paper/forest.svg", { format: "svg" });
 */
export async function writeFigureImage(figure: Figure, file: string, options: FigureImageOptions = {}): Promise<string> {
  const [written] = await writeFigureImages([{ figure, file, options }]);
  return written;
}

/** The image settings of one job, checked before the browser starts. */
function imageSettings(job: FigureImageJob): { format: "png" | "svg"; width: number; height: number; scale: number } {
  const { figure, file, options = {} } = job;
  const format = options.format ?? (file.toLowerCase().endsWith(".svg") ? "svg" : "png");
  if (format !== "png" && format !== "svg") throw new InputError("writeFigureImage", 'format must be "png" or "svg"', format);
  const width = options.width ?? (figure.layout.width as number | undefined) ?? IMAGE_WIDTH;
  const height = options.height ?? (figure.layout.height as number | undefined) ?? IMAGE_HEIGHT;
  return { format, width, height, scale: options.scale ?? IMAGE_SCALE };
}

/**
 * Render several figures to PNG or SVG and write them, with one headless Chromium and one page: plotly is
 * loaded once (≈ 2–3 s on a small machine) and each figure is drawn in turn into the same div (`newPlot`
 * replaces the previous one) exactly as {@link standaloneFigureHtml} draws it, then exported with
 * `Plotly.toImage`. Every job is checked before the browser starts; returns the paths written, in order.
 * @example
 * await writeFigureImages([{ figure: forest, file: "paper/forest.svg" }, { figure: funnel, file: "paper/funnel.png" }]);
 */
export async function writeFigureImages(jobs: readonly FigureImageJob[]): Promise<string[]> {
  const settings = jobs.map(imageSettings);
  if (jobs.length === 0) return [];
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.route(/^(?!data:|about:)/, (route) => route.abort());
    // the first figure's standalone page: plotly, and the div every figure is drawn into
    await page.setContent(standaloneFigureHtml(jobs[0].figure), { waitUntil: "load" });
    const written: string[] = [];
    for (let k = 0; k < jobs.length; k++) {
      const { figure, file } = jobs[k];
      if (k > 0) {
        const spec = scriptSafeJson({ data: figure.data, layout: figure.layout, config: plotlyConfigOf(figure) });
        await page.evaluate(`(function () { var spec = ${spec}; return window.Plotly.newPlot(document.querySelector(".vsw-figure"), spec.data, spec.layout, spec.config).then(function () { return true; }); })()`);
      }
      await page.waitForSelector(".vsw-figure .main-svg", { timeout: 30000 });
      // evaluated in the page (plain script text: this project compiles without DOM types)
      const { format, width, height, scale } = settings[k];
      const url = (await page.evaluate(
        `window.Plotly.toImage(document.querySelector(".vsw-figure"), ${JSON.stringify({ format, width, height, scale })})`,
      )) as string;
      writeFileAtomically(file, imageBytes(url));
      written.push(file);
    }
    return written;
  } finally {
    await browser.close();
  }
}

/** The bytes of a `data:` URL from Plotly.toImage (base64 for PNG, percent-encoded text for SVG). */
function imageBytes(url: string): Buffer {
  const comma = url.indexOf(",");
  const header = url.slice(0, comma);
  const payload = url.slice(comma + 1);
  return header.endsWith(";base64") ? Buffer.from(payload, "base64") : Buffer.from(decodeURIComponent(payload), "utf8");
}

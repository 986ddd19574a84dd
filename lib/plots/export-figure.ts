/**
 * Write a figure to a file: a standalone offline HTML page, or a PNG/SVG image for papers (rendered by
 * plotly itself in headless Chromium, so the image matches what the notebook shows).
 */
import { InputError } from "../errors";
import { writeFileAtomically } from "../data/atomic-write";
import { launchChromium } from "./chromium";
import type { Figure } from "./figure";
import { standaloneFigureHtml } from "./figure-html";

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

/**
 * Render the figure to PNG or SVG in headless Chromium and write it.
 * Width and height default to the figure's layout size or {@link IMAGE_WIDTH} × {@link IMAGE_HEIGHT}.
 * @example
 * await writeFigureImage(forestPlot(rows, opts), "paper/forest.svg", { format: "svg" });
 */
export async function writeFigureImage(
  figure: Figure,
  file: string,
  options: { format?: "png" | "svg"; width?: number; height?: number; scale?: number } = {},
): Promise<string> {
  const format = options.format ?? (file.toLowerCase().endsWith(".svg") ? "svg" : "png");
  if (format !== "png" && format !== "svg") throw new InputError("writeFigureImage", 'format must be "png" or "svg"', format);
  const width = options.width ?? (figure.layout.width as number | undefined) ?? IMAGE_WIDTH;
  const height = options.height ?? (figure.layout.height as number | undefined) ?? IMAGE_HEIGHT;
  const scale = options.scale ?? IMAGE_SCALE;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.route(/^(?!data:|about:)/, (route) => route.abort());
    await page.setContent(standaloneFigureHtml(figure), { waitUntil: "load" });
    await page.waitForSelector(".vsw-figure .main-svg", { timeout: 30000 });
    // evaluated in the page (plain script text: this project compiles without DOM types)
    const url = (await page.evaluate(
      `window.Plotly.toImage(document.querySelector(".vsw-figure"), ${JSON.stringify({ format, width, height, scale })})`,
    )) as string;
    const comma = url.indexOf(",");
    const header = url.slice(0, comma);
    const payload = url.slice(comma + 1);
    const bytes = header.endsWith(";base64") ? Buffer.from(payload, "base64") : Buffer.from(decodeURIComponent(payload), "utf8");
    writeFileAtomically(file, bytes);
    return file;
  } finally {
    await browser.close();
  }
}

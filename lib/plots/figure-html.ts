/**
 * Figures as HTML that works offline: the plotly bundle is inlined (never loaded from a CDN), once per
 * document, and each figure is a `<div>` plus a `Plotly.newPlot` call.
 *
 * The bundle is plotly's official "cartesian" partial bundle (plotly.js-cartesian-dist-min, 1.5 MB) rather
 * than the full one (plotly.js-dist-min, 4.8 MB): every figure builder draws scatter, bar or heatmap traces,
 * and a browser parses and runs the smaller bundle in about half the time (measured on the exported notebooks
 * in headless Chromium: 4–8 s of main-thread time per page instead of 8–13 s on a loaded 2-core machine).
 * A figure with a trace type the bundle lacks is refused by {@link figureHtml}, never drawn blank.
 */
import * as fs from "node:fs";
import { sha256 } from "../data/package";
import { InputError } from "../errors";
import { plotlyConfigOf, type Figure } from "./figure";

let bundleCache: string | undefined;

/** The npm package whose bundle is inlined, and the bundle's file in it. */
const PLOTLY_PACKAGE = "plotly.js-cartesian-dist-min";
const PLOTLY_BUNDLE_FILE = "plotly-cartesian.min.js";

/**
 * The trace types the inlined bundle draws: the traces plotly's cartesian partial bundle registers (its
 * README, "Partial bundles": `cartesian`). tests/browser/render.test.ts checks this list against the bundle
 * itself (`Plotly.PlotSchema`) and tests/plots/plotly-bundle.test.ts that every figure builder stays in it.
 */
export const PLOTLY_TRACE_TYPES: readonly string[] = Object.freeze([
  "bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "image", "pie", "scatter", "scatterternary", "violin",
]);

/** Path of the minified plotly bundle inlined in reports and notebooks (plotly's cartesian partial bundle). */
export function plotlyBundlePath(): string {
  return require.resolve(`${PLOTLY_PACKAGE}/${PLOTLY_BUNDLE_FILE}`);
}

/** The plotly.js source (about 1.5 MB), read once per process. */
export function plotlyBundle(): string {
  if (bundleCache === undefined) bundleCache = fs.readFileSync(plotlyBundlePath(), "utf8");
  return bundleCache;
}

/** The version of the inlined plotly.js. */
export function plotlyVersion(): string {
  return (require(`${PLOTLY_PACKAGE}/package.json`) as { version: string }).version;
}

/**
 * The figure's trace types that the inlined bundle cannot draw (a trace without `type` is a scatter).
 * @example
 * unsupportedTraceTypes({ data: [{ type: "scatter3d" }], layout: {} }); // ["scatter3d"]
 */
export function unsupportedTraceTypes(figure: Figure): string[] {
  const types = figure.data.map((trace) => String((trace as { type?: unknown }).type ?? "scatter"));
  return [...new Set(types.filter((t) => !PLOTLY_TRACE_TYPES.includes(t)))];
}

let scriptTagCache: string | undefined;

/** `<script>` element defining `window.Plotly`; include it once per document, before the first figure. Made (and checked) once per process. */
export function plotlyScriptTag(): string {
  if (scriptTagCache !== undefined) return scriptTagCache;
  const src = plotlyBundle();
  if (/<\/script/i.test(src)) throw new Error("plotlyScriptTag: the plotly bundle contains </script and cannot be inlined");
  return (scriptTagCache = `<script type="text/javascript">/* plotly.js ${plotlyVersion()}, inlined for offline use */\n${src}\n</script>`);
}

/** Where a Jupyter server started in the project folder (`npm run notebook`) serves the plotly bundle. */
export const JUPYTER_PLOTLY_PATH = `files/node_modules/${PLOTLY_PACKAGE}/${PLOTLY_BUNDLE_FILE}`;

/** Shown in a chart's place when plotly.js is neither on the page nor reachable from it. */
export const PLOTLY_MISSING_MESSAGE =
  "This chart needs plotly.js. It is inlined with the first chart of a kernel session and, in Jupyter started with `npm run notebook`, loaded from the project when the page lacks it: restart the kernel and run all cells, or open the notebook with `npm run notebook` (and trust it).";

/**
 * What a chart does when its page has no `window.Plotly` (a notebook re-run in the same kernel, saved and
 * reopened, so the output that carried the bundle is gone): it loads the bundle the Jupyter server serves from
 * the project's node_modules (same server, nothing leaves the machine), once for all charts waiting, and
 * draws; if that fails it says what to do. Expects `el` and `draw` in scope.
 */
const PLOTLY_LOADER_JS =
  `var w = window.__vswPlotly = window.__vswPlotly || { waiting: [], failed: false };` +
  ` var fail = function (e) { e.textContent = ${JSON.stringify(PLOTLY_MISSING_MESSAGE)}; };` +
  ` if (w.failed) { fail(el); return; }` +
  ` w.waiting.push({ el: el, draw: draw }); if (w.loading) return; w.loading = true;` +
  ` var cfg = document.getElementById("jupyter-config-data"); var base = document.body.getAttribute("data-base-url");` +
  ` try { base = base || (cfg && JSON.parse(cfg.textContent).baseUrl); } catch (e) { base = null; }` +
  ` var s = document.createElement("script"); s.src = (base || "/") + ${JSON.stringify(JUPYTER_PLOTLY_PATH)};` +
  ` s.onload = function () { w.loading = false; w.waiting.splice(0).forEach(function (c) { c.draw(); }); };` +
  ` s.onerror = function () { w.loading = false; w.failed = true; w.waiting.splice(0).forEach(function (c) { fail(c.el); }); };` +
  ` document.head.appendChild(s);`;

/** JSON safe to place inside a `<script>` element (no `</script>`, no HTML comments). */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => SCRIPT_UNSAFE[c]);
}

/** The escapes of {@link scriptSafeJson}, applied in one pass. */
const SCRIPT_UNSAFE: Readonly<Record<string, string>> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026" };

/** A stable id for a figure's div: a hash of its JSON plus a sequence number (unique within a document). */
export function figureId(figure: Figure, sequence: number): string {
  const hash = sha256(JSON.stringify(figure)).slice(0, 10);
  return `vsw-fig-${hash}-${sequence}`;
}

/**
 * The HTML of one figure: a div and a script that draws it with the page's `window.Plotly`. When plotly is
 * not on the page (e.g. an untrusted notebook, or the first chart's output was cleared) the div says so
 * instead of failing silently.
 * @throws InputError when a trace's type is not in {@link PLOTLY_TRACE_TYPES} (the inlined bundle would not draw it)
 * @example
 * const html = plotlyScriptTag() + figureHtml(funnelPlot(points, options), "fig-1");
 */
export function figureHtml(figure: Figure, id: string): string {
  const unsupported = unsupportedTraceTypes(figure);
  if (unsupported.length > 0) {
    throw new InputError("figureHtml", `every trace type must be one the inlined plotly bundle draws (${PLOTLY_TRACE_TYPES.join(", ")})`, unsupported.join(", "));
  }
  const spec = scriptSafeJson({ data: figure.data, layout: figure.layout, config: plotlyConfigOf(figure) });
  const safeId = id.replace(/[^A-Za-z0-9_-]/g, "-");
  // a figure drawn wider than the page (a fixed layout.width, as the heatmap of many outcomes) scrolls sideways in its box
  const scroll = typeof figure.layout.width === "number" ? ";overflow-x:auto" : "";
  return (
    `<div id="${safeId}" class="vsw-figure" style="width:100%;min-height:300px${scroll}"></div>\n` +
    `<script type="text/javascript">(function () {\n` +
    `  var el = document.getElementById(${JSON.stringify(safeId)});\n` +
    `  var spec = ${spec};\n` +
    `  var draw = function () { window.Plotly.newPlot(el, spec.data, spec.layout, spec.config); };\n` +
    `  if (window.Plotly) { draw(); return; }\n` +
    `  ${PLOTLY_LOADER_JS}\n` +
    `})();</script>`
  );
}

/** A complete offline HTML page showing one figure. */
export function standaloneFigureHtml(figure: Figure, title = "Figure"): string {
  const t = title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${t}</title>\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n${plotlyScriptTag()}\n</head>\n<body>\n` +
    `${figureHtml(figure, figureId(figure, 1))}\n</body>\n</html>\n`
  );
}

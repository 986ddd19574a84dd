/**
 * Reports, profiles and notebooks inline plotly's cartesian partial bundle (lib/plots/figure-html.ts), which
 * draws only some trace types: every trace type a figure builder emits must be one of them, else the chart
 * would be refused (figureHtml) where it used to draw. tests/browser/render.test.ts checks that
 * PLOTLY_TRACE_TYPES is what the bundle itself registers.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { figureHtml, PLOTLY_TRACE_TYPES, plotlyBundle, plotlyBundlePath, unsupportedTraceTypes } from "../../lib/plots/figure-html";
import { outcomesHeatmap } from "../../lib/plots/outcomes-heatmap";

const ROOT = path.resolve(__dirname, "../..");
const SNAPSHOTS = path.join(__dirname, "__snapshots__");

/** Every trace type the full plotly bundle registers (minified as `moduleType:"trace",name:"…"`). */
function allPlotlyTraceTypes(): Set<string> {
  const full = fs.readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
  return new Set([...full.matchAll(/moduleType:"trace",name:"([a-z0-9]+)"/g)].map((m) => m[1]));
}

/** Trace types of every figure found in a JSON value (any object with a `data` array of objects and a `layout`). */
function traceTypesIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) traceTypesIn(v, into);
  else if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (Array.isArray(o.data) && o.layout !== undefined) for (const d of o.data) into.add(String((d as { type?: unknown }).type ?? "scatter"));
    for (const v of Object.values(o)) traceTypesIn(v, into);
  }
  return into;
}

describe("the inlined plotly bundle draws every trace type the figure builders emit", () => {
  it("inlines the cartesian partial bundle, and the full bundle's trace names are known for the checks below", () => {
    assert.match(plotlyBundlePath(), /plotly\.js-cartesian-dist-min[\\/]plotly-cartesian\.min\.js$/);
    assert.match(plotlyBundle().slice(0, 300), /plotly\.js \(cartesian - minified\)/);
    const all = allPlotlyTraceTypes();
    assert.ok(all.size >= 40, `only ${all.size} trace types found in the full bundle: the pattern no longer matches`);
    for (const t of PLOTLY_TRACE_TYPES) assert.ok(all.has(t), `${t} is not a plotly trace type`);
  });

  it("every figure of the builders' snapshots (tests/plots/__snapshots__) uses only the bundle's trace types", () => {
    const files = fs.readdirSync(SNAPSHOTS).filter((f) => f.endsWith(".json"));
    assert.ok(files.length >= 12, `${files.length} snapshots`);
    const seen = new Set<string>();
    for (const f of files) {
      const types = traceTypesIn(JSON.parse(fs.readFileSync(path.join(SNAPSHOTS, f), "utf8")));
      assert.ok(types.size > 0, `${f}: no figure found`);
      for (const t of types) {
        assert.ok(PLOTLY_TRACE_TYPES.includes(t), `${f}: trace type ${t} is not in the inlined bundle`);
        seen.add(t);
      }
    }
    assert.deepEqual([...seen].sort(), ["bar", "heatmap", "scatter"]);
  });

  it("the outcomes heatmap (no snapshot) uses only the bundle's trace types", () => {
    const fig = outcomesHeatmap({
      outcomes: [{ id: "o", label: "O", noisy: false }],
      indicators: [{ indicator: "a", label: "A", marked: true }],
      cells: [[{ partialR: 0.4, q: 0.01, n: 30, status: "screened" }]],
      alpha: 0.05,
      method: "Spearman",
    });
    assert.deepEqual(unsupportedTraceTypes(fig), []);
    assert.ok(fig.data.length > 0);
  });

  it("no trace type literal in lib/ or the notebooks' code names a trace the bundle lacks", () => {
    const all = allPlotlyTraceTypes();
    const sources: { file: string; text: string }[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".ts") && e.name !== "figure-html.ts") sources.push({ file: p, text: fs.readFileSync(p, "utf8") });
      }
    };
    walk(path.join(ROOT, "lib", "plots")); // but figure-html.ts, whose example shows a refused trace type
    const notebooks = path.join(ROOT, "notebooks");
    for (const f of fs.readdirSync(notebooks).filter((n) => /^\d\d-.*\.ipynb$/.test(n))) {
      const nb = JSON.parse(fs.readFileSync(path.join(notebooks, f), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
      sources.push({ file: f, text: nb.cells.filter((c) => c.cell_type === "code").map((c) => [c.source].flat().join("")).join("\n") });
    }
    assert.ok(sources.length >= 15, `${sources.length} sources`);
    let traces = 0;
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/\btype:\s*["']([a-z0-9]+)["']/g)) {
        if (!all.has(m[1])) continue; // an axis, block or option type, not a trace
        traces++;
        assert.ok(PLOTLY_TRACE_TYPES.includes(m[1]), `${path.relative(ROOT, file)}: trace type ${m[1]} is not in the inlined bundle`);
      }
    }
    assert.ok(traces >= 10, `only ${traces} trace type literals found: the scan is not reading the builders`);
  });

  it("figureHtml refuses a trace type the bundle cannot draw, naming it, and takes a trace without a type as scatter", () => {
    assert.throws(
      () => figureHtml({ data: [{ type: "scatter" }, { type: "scatter3d" }], layout: {} }, "f"),
      (e: unknown) => e instanceof InputError && /figureHtml: .*\(got "scatter3d"\)/.test(e.message),
    );
    assert.match(figureHtml({ data: [{ x: [1], y: [2] } as never], layout: {} }, "f"), /newPlot/);
  });
});

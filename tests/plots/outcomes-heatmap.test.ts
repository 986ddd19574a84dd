import { test } from "node:test";
import assert from "node:assert/strict";
import { outcomesHeatmap, shortLabel } from "../../lib/plots/outcomes-heatmap";
import { figureHtml } from "../../lib/plots/figure-html";

/** A heatmap input with `m` outcomes and 3 indicators, every cell screened. */
function input(m: number) {
  const long = "Percent CLA Returned home to live with parents or other person with parental responsibility NOT part of the care plan";
  return {
    outcomes: Array.from({ length: m }, (_, o) => ({ id: `o${o}`, label: `Outcome ${o}: ${long}`, noisy: o === 0 })),
    indicators: [{ indicator: "a", label: long, marked: true }, { indicator: "b", label: "Short", marked: false }, { indicator: "c", label: "Other", marked: false }],
    cells: Array.from({ length: 3 }, () => Array.from({ length: m }, () => ({ partialR: 0.3, q: 0.01, n: 100, status: "screened" }))),
    alpha: 0.05,
    method: "Spearman",
  };
}

test("many outcomes get columns of a fixed width, upright shortened labels and a figure that scrolls; few keep the page width", () => {
  const many = outcomesHeatmap(input(66));
  assert.equal(many.layout.width, 320 + 40 + 120 + 16 * 66);
  assert.equal(many.layout.autosize, false);
  const xaxis = many.layout.xaxis as { tickangle: number; ticktext: string[]; tickvals: string[] };
  assert.equal(xaxis.tickangle, -90);
  assert.ok(xaxis.ticktext.every((t) => [...t.replace(" (noisy)", "")].length <= 48), "axis labels at most 48 characters");
  assert.match(xaxis.ticktext[0], /… \(noisy\)$/, "the noisy mark survives the cut");
  // the categories and the hover keep the whole labels
  assert.ok(xaxis.tickvals[1].endsWith("NOT part of the care plan"));
  assert.match((many.data[0].text as string[][])[0][1], /NOT part of the care plan × Outcome 1: .*NOT part of the care plan: partial Spearman r = 0\.30/);
  const yaxis = many.layout.yaxis as { ticktext: string[] };
  assert.equal(yaxis.ticktext[0], `★ ${shortLabel(input(1).indicators[0].label)}`);
  assert.match(figureHtml(many, "fig"), /style="width:100%;min-height:300px;overflow-x:auto"/);
  const few = outcomesHeatmap(input(3));
  assert.equal(few.layout.width, undefined);
  assert.equal((few.layout.xaxis as { tickangle: number }).tickangle, -45);
  assert.match(figureHtml(few, "fig"), /style="width:100%;min-height:300px"/);
});

test("shortLabel cuts at 48 characters with an ellipsis, by characters not UTF-16 units", () => {
  assert.equal(shortLabel("Short"), "Short");
  const cut = shortLabel("x".repeat(60));
  assert.equal(cut, `${"x".repeat(47)}…`);
  assert.equal([...shortLabel("é".repeat(47) + "🙂".repeat(5))].length, 48);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { axisTexts, shortLabel } from "../../lib/plots/axis-labels";
import { outcomesHeatmap } from "../../lib/plots/outcomes-heatmap";
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
  assert.match(xaxis.ticktext[0], /^Outcome 0: .*….*NOT part of the care plan \(noisy\)$/, "cut in the middle; the noisy mark survives the cut");
  // the categories are the ids; the hover keeps the whole labels
  assert.deepEqual(xaxis.tickvals.slice(0, 2), ["o0", "o1"]);
  assert.match((many.data[0].text as string[][])[0][1], /NOT part of the care plan × Outcome 1: .*NOT part of the care plan: partial Spearman r = 0\.30/);
  const yaxis = many.layout.yaxis as { ticktext: string[] };
  assert.equal(yaxis.ticktext[0], `★ ${shortLabel(input(1).indicators[0].label)}`);
  assert.match(figureHtml(many, "fig"), /style="width:100%;min-height:300px;overflow-x:auto"/);
  const few = outcomesHeatmap(input(3));
  assert.equal(few.layout.width, undefined);
  assert.equal((few.layout.xaxis as { tickangle: number }).tickangle, -45);
  assert.match(figureHtml(few, "fig"), /style="width:100%;min-height:300px"/);
});

test("shortLabel cuts to 48 characters with an ellipsis in the middle, by characters not UTF-16 units", () => {
  assert.equal(shortLabel("Short"), "Short");
  assert.equal(shortLabel("x".repeat(48)), "x".repeat(48));
  assert.equal(shortLabel("a".repeat(30) + "b".repeat(30)), `${"a".repeat(20)}…${"b".repeat(27)}`);
  const cut = shortLabel("é".repeat(47) + "🙂".repeat(5));
  assert.equal([...cut].length, 48);
  assert.ok(cut.endsWith("🙂".repeat(5)), "a character outside the BMP is not split");
});

test("axis texts: labels that read alike once shortened show where they differ; labels that still do, their ids", () => {
  const group = "Children in need (not on a plan or looked after): ";
  const start = "Care leavers aged 19";
  const far = (c: string, w: string) => `Long common start of a label, ${c} then ${"m".repeat(30)} ${w}, and a long end that they share (%)`;
  const items = [
    { id: "cin_absence", label: `${group}persistent absence (%)` },
    { id: "cin_ks2", label: `${group}KS2 reading, writing and maths at the expected standard (%)` },
    { id: "eet_19_21", label: `${start}–21 in education, employment or training (%)` },
    { id: "eet_19", label: `${start} in education, employment or training (%)` },
    { id: "f1", label: far("y", "one") },
    { id: "f2", label: far("z", "one") },
    { id: "f3", label: far("z", "six") },
    { id: "d1", label: "Twice" },
    { id: "d2", label: "Twice" },
  ];
  const texts = axisTexts(items);
  assert.match(texts[0], /^Children in need \(no….*persistent absence \(%\)$/);
  assert.match(texts[1], /expected standard \(%\)$/);
  assert.equal(texts[2], "Care leavers… aged 19–21 in education, employme…");
  assert.equal(texts[3], "Care leavers… aged 19 in education, employment …");
  assert.match(texts[4], /^Long common … label, y then m+…$/);
  // f2 and f3 differ from f1 at the same place, and from each other only past what is shown: their ids
  assert.deepEqual(texts.slice(5), ["f2", "f3", "d1", "d2"]);
  assert.ok(texts.every((t) => [...t].length <= 48));
  assert.equal(new Set(texts).size, texts.length);
  // two indicators with one label stay two rows of the heatmap
  const fig = outcomesHeatmap({
    outcomes: [{ id: "o", label: "Outcome", noisy: false }],
    indicators: [{ indicator: "d1", label: "Twice", marked: false }, { indicator: "d2", label: "Twice", marked: false }],
    cells: [[{ partialR: 0.2, q: 0.5, n: 50, status: "screened" }], [{ partialR: -0.2, q: 0.5, n: 50, status: "screened" }]],
    alpha: 0.05,
    method: "Spearman",
  });
  assert.deepEqual(fig.data[0].y, ["d1", "d2"]);
  assert.deepEqual((fig.layout.yaxis as { ticktext: string[] }).ticktext, ["d1", "d2"]);
});

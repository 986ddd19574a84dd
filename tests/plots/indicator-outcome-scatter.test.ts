import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../lib/errors";
import { indicatorOutcomeScatter, type ScatterOptions } from "../../lib/plots/indicator-outcome-scatter";
import { OFSTED_GRADE_LABELS } from "../../lib/plots/theme";
import { ols } from "../../lib/stats/ols";
import { scatterRows } from "./fixtures";
import { assertMatchesSnapshot } from "./snapshot";

const options: ScatterOptions = Object.freeze({
  indicatorLabel: "Re-referrals within 12 months (%)",
  outcomeLabel: "Ofsted grade",
  indicatorPolarity: "down",
  outcomePolarity: "down",
  outcomeLevels: OFSTED_GRADE_LABELS,
  adjustmentLabel: "IDACI",
});

describe("indicatorOutcomeScatter", () => {
  it("matches its snapshot (two panels)", () => {
    assertMatchesSnapshot("indicator-outcome-scatter", indicatorOutcomeScatter(scatterRows(), options));
  });

  it("draws one panel when there are no adjusted values", () => {
    const rows = scatterRows().map(({ indicatorAdjusted: _, ...r }) => r);
    const fig = indicatorOutcomeScatter(rows, options);
    assert.equal(fig.layout.xaxis2, undefined);
    assert.equal(fig.data.length, 3);
  });

  it("puts better grades at the top (reversed axis) with the grade names as ticks", () => {
    const fig = indicatorOutcomeScatter(scatterRows(), options);
    const yaxis = fig.layout.yaxis as { autorange: string; ticktext: string[]; title: { text: string } };
    assert.equal(yaxis.autorange, "reversed");
    assert.deepEqual(yaxis.ticktext, ["Outstanding", "Good", "Requires improvement", "Inadequate"]);
    // the title says the direction as drawn: Outstanding (1) is at the top, so better is up
    assert.match(yaxis.title.text, /\(↑ better\)$/);
    assert.match((fig.layout.xaxis as { title: { text: string } }).title.text, /\(← better\)$/);
  });

  it("says which way is better on each axis as the axis is drawn, for every polarity and both panels", () => {
    for (const outcomePolarity of ["up", "down", "none"] as const) {
      for (const indicatorPolarity of ["up", "down", "none"] as const) {
        const fig = indicatorOutcomeScatter(scatterRows(), { ...options, outcomePolarity, indicatorPolarity });
        for (const suffix of ["", "2"]) {
          const y = fig.layout[`yaxis${suffix}`] as { autorange?: string; title: { text: string } };
          const x = fig.layout[`xaxis${suffix}`] as { autorange?: string; title: { text: string } };
          // a reversed y axis puts low values at the top; the arrow must point to where better values are drawn
          const yBetterUp = outcomePolarity === "up" ? y.autorange !== "reversed" : y.autorange === "reversed";
          const xBetterRight = (indicatorPolarity === "up") === (x.autorange !== "reversed");
          if (outcomePolarity === "none") assert.doesNotMatch(y.title.text, /better/);
          else assert.match(y.title.text, yBetterUp ? /\(↑ better\)$/ : /\(↓ better\)$/, `${outcomePolarity} y${suffix}`);
          if (indicatorPolarity === "none") assert.doesNotMatch(x.title.text, /better/);
          else assert.match(x.title.text, xBetterRight ? /\(→ better\)$/ : /\(← better\)$/, `${indicatorPolarity} x${suffix}`);
        }
      }
    }
  });

  it("fits the line to the unjittered values (slope as lm)", () => {
    const rows = scatterRows();
    const fit = ols(rows.map((r) => r.outcome ?? NaN), [rows.map((r) => r.indicator)]);
    const fig = indicatorOutcomeScatter(Object.freeze(rows.map((r) => Object.freeze(r))), options);
    const line = fig.data.find((t) => (t.name as string).startsWith("Unadjusted: fitted line"))!;
    const xs = line.x as number[];
    const ys = line.y as number[];
    const slope = (ys[ys.length - 1] - ys[0]) / (xs[xs.length - 1] - xs[0]);
    assert.ok(Math.abs(slope - fit.coefficients[1].estimate) < 1e-10);
    assert.match(line.name as string, /n 19\)/);
  });

  it("says how the line is drawn where the axis is reversed, so the slope's sign agrees with the picture", () => {
    const rows = scatterRows();
    for (const [outcomePolarity, sign] of [["down", 1], ["down", -1], ["up", -1], ["none", 1]] as const) {
      // the outcome mirrored about 2.5 turns the slope's sign
      const turned = rows.map((r) => ({ ...r, outcome: r.outcome === null ? null : sign > 0 ? r.outcome : 5 - r.outcome }));
      const fig = indicatorOutcomeScatter(turned, { ...options, outcomePolarity });
      for (const line of fig.data.filter((t) => (t.name as string).includes("fitted line"))) {
        const ys = line.y as number[];
        const slope = ys[ys.length - 1] - ys[0];
        const rises = outcomePolarity === "down" ? slope < 0 : slope > 0;
        if (outcomePolarity === "down") assert.match(line.name as string, rises ? /drawn rising: the axis is reversed/ : /drawn falling: the axis is reversed/);
        else assert.doesNotMatch(line.name as string, /drawn|reversed/);
      }
    }
  });

  it("wraps a long x-axis title in a half-width panel, keeping the better arrow, and not in a whole-width one", () => {
    const indicatorLabel = "I trust the adults who work with me (mean score, 1–5)";
    const two = indicatorOutcomeScatter(scatterRows(), { ...options, indicatorLabel, indicatorPolarity: "up" });
    for (const name of ["xaxis", "xaxis2"]) {
      const lines = ((two.layout[name] as { title: { text: string } }).title.text).split("<br>");
      assert.ok(lines.length > 1 && lines.every((l) => [...l].length <= 55), lines.join(" | "));
      assert.match(lines[lines.length - 1], /\(→ better\)$/);
    }
    const one = indicatorOutcomeScatter(scatterRows().map((r) => ({ ...r, indicatorAdjusted: undefined })), { ...options, indicatorLabel, indicatorPolarity: "up" });
    assert.equal((one.layout.xaxis as { title: { text: string } }).title.text, `${indicatorLabel} (→ better)`);
  });

  it("jitters grades by at most the stated half-width, the same way on every run", () => {
    const a = indicatorOutcomeScatter(scatterRows(), options);
    const b = indicatorOutcomeScatter(scatterRows(), options);
    const pts = a.data.find((t) => t.mode === "markers")!;
    assert.deepEqual(pts.y, b.data.find((t) => t.mode === "markers")!.y);
    const grades = scatterRows().filter((r) => r.outcome !== null).map((r) => r.outcome as number);
    (pts.y as number[]).forEach((v, i) => assert.ok(Math.abs(v - grades[i]) <= 0.12 + 1e-12));
  });

  it("names LAs and grades on hover", () => {
    const pts = indicatorOutcomeScatter(scatterRows(), options).data.find((t) => t.mode === "markers")!;
    assert.equal((pts.text as string[])[0], "Ashford");
    assert.equal((pts.customdata as string[])[0], "Outstanding");
  });

  it("refuses a panel with fewer than 3 complete LAs", () => {
    assert.throws(() => indicatorOutcomeScatter(scatterRows().slice(0, 2), options), InputError);
  });
});

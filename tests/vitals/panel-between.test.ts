/**
 * The between-LA columns of `vital-signs panel` (between_r, between_p, between_q, between_n_las) against R: cor.test
 * on the LA means and p.adjust(…, "BH") across the run's indicators (tests/reference/panel-between.R →
 * fixtures/panel-between.json), on the official care-leavers EET panel of panel.R and on a synthetic panel where
 * one indicator has four single-year LAs (counted by the between correlation, dropped by the within estimate).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aq from "arquero";
import type { DataPackage } from "../../lib/data/types";
import { panelAnalysis } from "../../lib/vitals/panel";
import { assertClose, readPanelFixture } from "../reference/load-reference";

interface BetweenCase { indicators: string[]; r: number[]; p: number[]; q: number[]; n_las: number[]; single_year_las: number[] }
const reference = JSON.parse(fs.readFileSync(path.join(__dirname, "../reference/fixtures/panel-between.json"), "utf8")) as { tolerance: number; official: BetweenCase; synthetic: BetweenCase };

/** A package in memory holding a panel fixture's columns (y and the indicators) as indicators of its LAs and years. */
function packageOf(fixture: string, ids: readonly string[]): DataPackage {
  const { unit, time, cols } = readPanelFixture(fixture);
  const la: string[] = [];
  const period: number[] = [];
  const indicator: string[] = [];
  const value: (number | null)[] = [];
  for (const id of ["y", ...ids]) {
    cols[id].forEach((v, row) => {
      la.push(unit[row]);
      period.push(time[row]);
      indicator.push(id);
      value.push(Number.isNaN(v) ? null : v);
    });
  }
  const codes = [...new Set(unit)];
  return {
    dir: "memory",
    descriptor: { name: fixture, title: fixture, resources: [] } as never,
    areas: aq.table({ la_code: codes, la_name: codes, region_code: codes.map(() => "R"), region_name: codes.map(() => "R"), old_la_code: codes.map(() => ""), first_period: codes.map(() => null), last_period: codes.map(() => null) }),
    catalogue: aq.table({ indicator: ["y", ...ids], label: ["y", ...ids], polarity: ["up", ...ids.map(() => "up")] }),
    indicators: aq.table({ la_code: la, period, indicator, value }),
    context: aq.table({ la_code: [] as string[], period: [] as number[], variable: [] as string[], value: [] as number[] }),
    outcomes: aq.table({ la_code: [codes[0]], outcome: ["ofsted_overall"], value: [2], label: ["Good"], date: ["2019-01-01"], period: [2019] }),
  };
}

function assertBetweenColumns(fixture: string, expected: BetweenCase): void {
  const run = panelAnalysis(packageOf(fixture, expected.indicators), { outcome: "y", indicators: expected.indicators });
  assert.deepEqual(run.indicators.map((row) => row.indicator), expected.indicators);
  run.indicators.forEach((row, k) => {
    const label = `${fixture} ${row.indicator}`;
    assertClose(row.betweenR, expected.r[k], reference.tolerance, `${label} between r`, 1);
    assertClose(row.betweenP, expected.p[k], reference.tolerance, `${label} between p (cor.test)`);
    assertClose(row.betweenQ, expected.q[k], reference.tolerance, `${label} between q (p.adjust BH)`);
    assert.equal(row.betweenLas, expected.n_las[k], `${label} between LAs`);
    // the single-year LAs are in the between correlation but not in the within estimate
    assert.equal(row.singletonLas, expected.single_year_las[k], `${label} single-year LAs`);
    assert.equal(row.betweenLas, row.nLas + row.singletonLas, `${label} between LAs = within LAs + single-year LAs`);
  });
}

test("between-LA r, p and BH q equal R's cor.test and p.adjust on the official care-leavers EET panel", () => {
  assertBetweenColumns("panel-official.csv", reference.official);
});

test("between-LA r, p and BH q equal R's on a synthetic panel whose single-year LAs count in between_n_las", () => {
  assert.ok(reference.synthetic.single_year_las.some((n) => n > 0), "the case has single-year LAs");
  assertBetweenColumns("panel-between-synthetic.csv", reference.synthetic);
});

import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as aq from "arquero";
import type { DataPackage } from "../../lib/data/types";
import { MIN_VARYING_LAS, panelAnalysis } from "../../lib/vitals/panel";

/**
 * 30 LAs × 6 years. `y` moves within every LA; `many` moves with it in every LA (plus noise); `few` is constant in
 * every LA but one, where it changes once, in step with `y`: its within coefficient rests on that LA alone.
 */
function panelPackage(): DataPackage {
  const las = Array.from({ length: 30 }, (_, i) => `E0600${String(i + 1).padStart(4, "0")}`);
  const years = [2018, 2019, 2020, 2021, 2022, 2023];
  const rows = { la_code: [] as string[], period: [] as number[], indicator: [] as string[], value: [] as number[] };
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
  las.forEach((la, i) => years.forEach((year, t) => {
    const y = 50 + i + 3 * noise() + (i === 0 && t >= 3 ? 4 : 0);
    const values: Record<string, number> = { y, many: y / 2 + 2 * noise(), few: i === 0 && t >= 3 ? 8 : 7 };
    for (const [id, v] of Object.entries(values)) {
      rows.la_code.push(la);
      rows.period.push(year);
      rows.indicator.push(id);
      rows.value.push(v);
    }
  }));
  return {
    dir: "memory",
    descriptor: { name: "varying", title: "varying", resources: [] } as never,
    areas: aq.table({ la_code: las, la_name: las, region_code: las.map(() => "R"), region_name: las.map(() => "R"), old_la_code: las.map(() => ""), first_period: las.map(() => null), last_period: las.map(() => null) }),
    catalogue: aq.table({ indicator: ["y", "many", "few"], label: ["outcome", "moves in every LA", "moves in one LA"], polarity: ["up", "up", "up"] }),
    indicators: aq.table(rows),
    context: aq.table({ la_code: [] as string[], period: [] as number[], variable: [] as string[], value: [] as number[] }),
    outcomes: aq.table({ la_code: [] as string[], outcome: [] as string[], value: [] as number[], label: [] as string[], date: [] as string[], period: [] as number[] }),
  };
}

test("an indicator that changes within fewer LAs than the minimum is not estimable, says why and is left out of the q-values; one that changes in every LA is judged", () => {
  const a = panelAnalysis(panelPackage(), { outcome: "y", indicators: ["many", "few"], se: "cr1" });
  const few = a.indicators.find((x) => x.indicator === "few")!;
  const many = a.indicators.find((x) => x.indicator === "many")!;
  assert.equal(few.varyingLas, 1);
  assert.equal(few.role, "not-estimable");
  assert.ok(Number.isNaN(few.withinQ));
  assert.ok(few.notes.some((n) => n.includes(`changes within 1 LA(s) only (at least ${MIN_VARYING_LAS} needed)`)), few.notes.join("; "));
  assert.ok(Number.isFinite(few.withinCoef), "the estimate itself is still reported");
  assert.equal(many.varyingLas, 30);
  assert.equal(many.role, "candidate-lever");
  // the q-values adjust for the one indicator judged: its q is its p
  assert.equal(many.withinQ, many.withinP);
});

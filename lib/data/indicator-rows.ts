/**
 * One indicator's rows by id, for notebooks and scripts: an unknown id or a period without rows is an error
 * that says "did you mean …" and lists what there is, instead of an empty table that fails later
 * (e.g. in a funnel plot, with "no LA has both a value and a denominator").
 */
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";
import { didYouMean } from "../suggest";
import type { CatalogueRow, DataPackage } from "./types";

/**
 * The catalogue row of an indicator.
 * @throws InputError `catalogueRow: no indicator "cla_rate" in catalogue.csv (did you mean "cla_rate_per_10k"?)`
 * @example
 * catalogueRow(pkg, "rereferral_12m_pct").polarity // "down"
 */
export function catalogueRow(pkg: DataPackage, indicator: string): CatalogueRow {
  const rows = pkg.catalogue.objects() as unknown as CatalogueRow[];
  const row = rows.find((r) => r.indicator === indicator);
  if (!row) {
    const ids = rows.map((r) => r.indicator);
    throw new InputError("catalogueRow", `no indicator ${JSON.stringify(indicator)} in catalogue.csv${didYouMean(indicator, ids)}; list them with \`vital-signs list PKG indicators\``);
  }
  return row;
}

/**
 * The rows of one indicator (optionally one period), with each LA's name joined on (`la_name`).
 * @throws InputError for an unknown indicator (with suggestions) or a period with no rows (listing the periods)
 * @example
 * selectIndicatorRows(pkg, "rereferral_12m_pct", 2019).numRows() // 150
 */
export function selectIndicatorRows(pkg: DataPackage, indicator: string, period?: number): ColumnTable {
  catalogueRow(pkg, indicator);
  const inds = pkg.indicators.array("indicator") as string[];
  const pers = pkg.indicators.array("period") as number[];
  const all: number[] = [];
  for (let i = 0; i < inds.length; i++) if (inds[i] === indicator) all.push(i);
  const rows = period === undefined ? all : all.filter((i) => pers[i] === period);
  if (rows.length === 0) {
    const periods = [...new Set(all.map((i) => pers[i]))].sort((a, b) => a - b);
    throw new InputError("selectIndicatorRows", `indicator ${JSON.stringify(indicator)} has no rows in period ${period} (periods with rows: ${periods.join(", ") || "none"})`, period);
  }
  return pkg.indicators.reify(rows).join_left(pkg.areas.select("la_code", "la_name"), "la_code");
}

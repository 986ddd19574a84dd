/**
 * What a package holds, by id: its indicators (with catalogue metadata), outcomes and context variables,
 * with how many LAs and which periods each covers — so nobody has to learn ids from error messages.
 */
import type { DataPackage } from "./types";

/** The kinds of id a package holds. */
export const CONTENT_KINDS = ["indicators", "outcomes", "context"] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** One id of a package with its coverage. Periods are years ending March; outcomes give publication dates. */
export interface ContentEntry {
  kind: ContentKind;
  id: string;
  /** Indicators: the catalogue label; otherwise "". */
  label: string;
  /** Indicators: unit, polarity and domain from the catalogue. */
  unit?: string;
  polarity?: string;
  domain?: string;
  /** Distinct LAs with a value. */
  las: number;
  /** Rows with a value. */
  values: number;
  /** First and last period with a value (outcomes: first and last publication date); null when none. */
  from: string | null;
  to: string | null;
}

/**
 * List the ids of one kind (or all kinds) in a package, sorted by id within each kind.
 * @example
 * listContents(readPackage("datasets/pilot-synthetic"), "outcomes")[0].id // "ofsted_overall"
 */
export function listContents(pkg: DataPackage, kind?: ContentKind): ContentEntry[] {
  return listContentsOfColumns((resource, field) => pkg[resource].array(field) as unknown[], kind);
}

/** A package's columns by resource and field (as `pkg.context.array("value")` gives them), without arquero. */
export type ContentColumnGetter = (resource: "catalogue" | "indicators" | "outcomes" | "context", field: string) => readonly unknown[];

/**
 * {@link listContents} from a package's columns (the `list` command uses the columns it has read, with no tables made).
 * @example
 * const { resources } = loadPackageColumns("datasets/pilot-synthetic");
 * listContentsOfColumns((r, f) => resources[r]!.columns[f], "outcomes")[0].id // "ofsted_overall"
 */
export function listContentsOfColumns(column: ContentColumnGetter, kind?: ContentKind): ContentEntry[] {
  const out: ContentEntry[] = [];
  const tally = (ids: string[], las: string[], values: (number | null)[], when: (string | number)[]) => {
    const acc = new Map<string, { las: Set<string>; values: number; from: string | null; to: string | null }>();
    for (let i = 0; i < ids.length; i++) {
      const a = acc.get(ids[i]) ?? { las: new Set<string>(), values: 0, from: null, to: null };
      acc.set(ids[i], a);
      if (values[i] === null) continue;
      a.las.add(las[i]);
      a.values++;
      const w = String(when[i]);
      if (a.from === null || w < a.from) a.from = w;
      if (a.to === null || w > a.to) a.to = w;
    }
    return acc;
  };
  if (kind === undefined || kind === "indicators") {
    const t = (field: string) => column("indicators", field);
    const acc = tally(t("indicator") as string[], t("la_code") as string[], t("value") as (number | null)[], t("period") as number[]);
    const catalogue = (field: string) => column("catalogue", field) as string[];
    const [ids, labels, units, polarities, domains] = ["indicator", "label", "unit", "polarity", "domain"].map(catalogue);
    for (let i = 0; i < ids.length; i++) {
      const c = { indicator: ids[i], label: labels[i], unit: units[i], polarity: polarities[i], domain: domains[i] };
      const a = acc.get(c.indicator);
      out.push({ kind: "indicators", id: c.indicator, label: c.label, unit: c.unit, polarity: c.polarity, domain: c.domain, las: a?.las.size ?? 0, values: a?.values ?? 0, from: a?.from ?? null, to: a?.to ?? null });
    }
  }
  for (const k of ["outcomes", "context"] as const) {
    if (kind !== undefined && kind !== k) continue;
    const t = (field: string) => column(k, field);
    const ids = t(k === "outcomes" ? "outcome" : "variable") as string[];
    const acc = tally(ids, t("la_code") as string[], t("value") as (number | null)[], t(k === "outcomes" ? "date" : "period") as (string | number)[]);
    for (const [id, a] of acc) out.push({ kind: k, id, label: "", las: a.las.size, values: a.values, from: a.from, to: a.to });
  }
  const order = (k: ContentKind) => CONTENT_KINDS.indexOf(k);
  return out.sort((x, y) => order(x.kind) - order(y.kind) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

import { test } from "node:test";
import assert from "node:assert/strict";
import { colophonRows, OGL_ATTRIBUTION } from "../../lib/report/colophon";
import { OWN_DATA_LICENCE_NOT_STATED } from "../../lib/data/own-data/licence";
import type { ReproducibilityStamp } from "../../lib/report/reproducibility";

const STAMP: ReproducibilityStamp = Object.freeze({
  packageName: "vital-signs-workbench", packageVersion: "0.1.0", gitCommit: "unknown (test)", gitDirty: null, dataName: "england-official", dataSha256: "0".repeat(64),
  seed: null, node: "v20", createdAt: "2026-12-06T00:00:00Z", command: null,
  licences: ["OGL-UK-3.0", "own-data"],
  sources: [
    { title: "la_care_leavers_activity.csv", publication: "Children looked after in England (DfE)", licence: "OGL-UK-3.0" },
    { title: "Own data: outcome-long-v1.csv (stable_school_pct)", licence: OWN_DATA_LICENCE_NOT_STATED },
    { title: "Own data: pilot-wide-v2.xlsx (edge_of_care_support)", licence: "Internal use only" },
    // added before add recorded a licence
    { title: "Own data: practice.csv (visits_on_time)" },
  ],
});

test("own data are listed apart from the official sources, each with its licence or 'not stated', and the OGL is said to cover the official ones only", () => {
  const rows = colophonRows(STAMP);
  const at = (item: string) => rows.findIndex((r) => r.item === item);
  assert.deepEqual(rows.slice(at("sources (1)"), at("licence")), [
    { item: "sources (1)", value: "Children looked after in England (DfE) (file la_care_leavers_activity.csv); licence OGL-UK-3.0" },
    { item: "own data (3)", value: `Own data: outcome-long-v1.csv (stable_school_pct); licence ${OWN_DATA_LICENCE_NOT_STATED}` },
    { item: "", value: "Own data: pilot-wide-v2.xlsx (edge_of_care_support); licence Internal use only" },
    { item: "", value: `Own data: practice.csv (visits_on_time); licence ${OWN_DATA_LICENCE_NOT_STATED}` },
  ]);
  assert.equal(rows[at("licence")].value, `${OGL_ATTRIBUTION} It covers the official sources only: the own data above are under their own terms.`);
});

test("a package of official sources alone keeps its colophon: the sources and the OGL attribution", () => {
  const official = { ...STAMP, licences: ["OGL-UK-3.0"], sources: STAMP.sources.slice(0, 1) };
  const rows = colophonRows(official);
  assert.ok(!rows.some((r) => r.item.startsWith("own data")));
  assert.equal(rows.find((r) => r.item === "licence")?.value, OGL_ATTRIBUTION);
});

test("a package of own records alone (returns, pilot) words its licence by what it means, not as 'own-data' (a review)", () => {
  const returns = { ...STAMP, licences: ["own-data"], sources: [] };
  assert.equal(colophonRows(returns).find((r) => r.item === "licence")?.value, "own data, under their owners' terms (not stated in the package; not the Open Government Licence)");
  const mixed = { ...STAMP, licences: ["CC0-1.0", "own-data"], sources: [] };
  assert.match(colophonRows(mixed).find((r) => r.item === "licence")?.value ?? "", /^CC0-1\.0, own data, under their owners' terms/);
});

test("files the import recorded but took no value from are named apart, not counted as sources (user trial, round 26: 'sources (68)' held 38 of them)", () => {
  const withSkipped = {
    ...STAMP, licences: ["OGL-UK-3.0"],
    sources: [STAMP.sources[0], { title: "SFR01_2016_UD.csv", publication: "pre-EES SFR", licence: "OGL-UK-3.0", notImported: true as const }, { title: "ltla_utla.csv", notImported: true as const }],
  };
  const rows = colophonRows(withSkipped);
  assert.ok(rows.some((r) => r.item === "sources (1)"));
  assert.deepEqual(rows.find((r) => r.item.startsWith("not imported")), {
    item: "not imported (2)", value: "in the source folder, read by the import but no value taken (why: import-log.json): SFR01_2016_UD.csv, ltla_utla.csv",
  });
  assert.ok(!colophonRows(STAMP).some((r) => r.item.startsWith("not imported")));
});

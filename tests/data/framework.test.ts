/**
 * Framework tags (lib/data/framework.ts): the catalogue's framework_role and framework_area columns are
 * optional (packages written before them still read and write the same bytes), validated against their
 * vocabulary, and indicators can be selected by tag.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { InputError } from "../../lib/errors";
import { FRAMEWORK_TAGS_BY_DOMAIN, defaultFrameworkTags, indicatorsWithArea, indicatorsWithRole, screenedByDefault, selectIndicatorsByTag } from "../../lib/data/framework";
import { readPackage, validatePackage, writePackage } from "../../lib/data/package";
import { DOMAINS, FRAMEWORK_AREAS, FRAMEWORK_ROLES, type CatalogueRow, type PackageContent } from "../../lib/data/types";
import { laitFrameworkTags } from "../../lib/data/import/mappings";
import { tempDir } from "../helpers/temp-dirs";

const base = (indicator: string): CatalogueRow => ({ indicator, label: indicator, domain: "child-safe", polarity: "down", unit: "percent", numerator: "", denominator: "", source: "test", definition: "test" });
function content(catalogue: CatalogueRow[]): PackageContent {
  return {
    name: "tags",
    title: "Tags",
    created: "2026-01-01T00:00:00Z",
    areas: [{ la_code: "E06900001", la_name: "Northbridge", region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null }],
    catalogue,
    indicators: catalogue.map((c) => ({ la_code: "E06900001", period: 2020, indicator: c.indicator, value: 10, numerator: null, denominator: null, status: "" })),
    context: [],
    outcomes: [],
  };
}
const tmp = () => tempDir("vsw-tags-");

test("every domain has default tags from the vocabulary", () => {
  for (const d of DOMAINS) {
    const t = defaultFrameworkTags(d);
    assert.ok(FRAMEWORK_ROLES.includes(t.framework_role) && FRAMEWORK_AREAS.includes(t.framework_area), d);
  }
  assert.deepEqual(defaultFrameworkTags("child-education"), { framework_role: "child-outcome", framework_area: "education" });
  assert.throws(() => defaultFrameworkTags("elsewhere" as never), InputError);
  assert.equal(Object.keys(FRAMEWORK_TAGS_BY_DOMAIN).length, DOMAINS.length);
});

test("a package without tags writes no tag columns (same bytes as before the tags) and reads them as blank", () => {
  const dir = tmp();
  writePackage(dir, content([base("a"), base("b")]));
  const text = fs.readFileSync(path.join(dir, "catalogue.csv"), "utf8");
  assert.equal(text.split("\n")[0], "indicator,label,domain,polarity,unit,numerator,denominator,source,definition");
  const descriptor = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8"));
  const fields = descriptor.resources.find((r: { name: string }) => r.name === "catalogue").schema.fields.map((f: { name: string }) => f.name);
  assert.ok(!fields.includes("framework_role"));
  const pkg = readPackage(dir);
  assert.deepEqual(pkg.catalogue.array("framework_role"), ["", ""]);
  assert.deepEqual(selectIndicatorsByTag(pkg.catalogue, { role: "child-outcome" }), []);
});

test("tags are written, read back and selected; a value outside the vocabulary is a validation error", () => {
  const dir = tmp();
  const rows: CatalogueRow[] = [
    { ...base("ks4"), framework_role: "child-outcome", framework_area: "education" },
    { ...base("repeat_cpp"), framework_role: "practice", framework_area: "safety" },
    { ...base("turnover"), framework_role: "enabler", framework_area: "workforce" },
    { ...base("untagged") },
  ];
  writePackage(dir, content(rows));
  const pkg = readPackage(dir);
  assert.deepEqual(pkg.catalogue.array("framework_area"), ["education", "safety", "workforce", ""]);
  assert.deepEqual(indicatorsWithRole(pkg.catalogue, "child-outcome"), ["ks4"]);
  assert.deepEqual(indicatorsWithRole(rows, ["enabler", "practice"]), ["repeat_cpp", "turnover"]);
  assert.deepEqual(indicatorsWithArea(rows, "safety"), ["repeat_cpp"]);
  assert.deepEqual(selectIndicatorsByTag(rows, { role: "practice", area: "education" }), []);
  assert.throws(() => selectIndicatorsByTag(rows, {}), InputError);
  assert.throws(() => indicatorsWithRole(rows, "outcome" as never), /role must be one of child-outcome, practice, enabler, context \(got "outcome"\)/);
  assert.throws(() => indicatorsWithArea(rows, "schools" as never), InputError);
  // a hand-edited file with an unknown role fails validation, naming the value and the vocabulary
  const file = path.join(dir, "catalogue.csv");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("child-outcome,education", "outcome,education"));
  const descriptor = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8"));
  descriptor.resources.find((r: { name: string }) => r.name === "catalogue").hash = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  fs.writeFileSync(path.join(dir, "datapackage.json"), JSON.stringify(descriptor));
  const v = validatePackage(dir);
  assert.ok(v.errors.some((e) => /framework_role/.test(e.message) && /"outcome"/.test(e.message) && /child-outcome, practice, enabler, context/.test(e.message)), v.errors.map((e) => e.message).join("\n"));
  // writing refuses it too, before anything is written
  assert.throws(() => writePackage(tmp(), content([{ ...base("x"), framework_role: "outcome" as never }])), /framework_role/);
});

test("LAIT-only measures are tagged by the documented rule: counts are context, attainment is education, topic default otherwise", () => {
  assert.deepEqual(laitFrameworkTags({ code: "LAC_KS2_ExpStd_R", measure: "CLA KS2 reading", unit: "percent", topic: "Children Looked After" }).framework_area, "education");
  assert.deepEqual(laitFrameworkTags({ code: "LACnum_Start", measure: "Number starting", unit: "count", topic: "Children Looked After" }).framework_role, "context");
  // counts of care leavers in EET, suitable accommodation or higher education are leaving-care outcomes' numerators;
  // the number of care leavers is the volume
  for (const code of ["CareLeaverEETNum", "NoCareLeaverAcc", "LAC_19_HE_Num"]) {
    const t = laitFrameworkTags({ code, measure: "Number of former relevant young people", unit: "count", topic: "Children Looked After" });
    assert.deepEqual([t.framework_role, t.framework_area], ["child-outcome", "leaving-care"], code);
  }
  assert.deepEqual(laitFrameworkTags({ code: "NoCareLeavers", measure: "Number of former relevant young people", unit: "count", topic: "Children Looked After" }).framework_role, "context");
  assert.deepEqual(laitFrameworkTags({ code: "CINPermAbsent_3Term", measure: "persistent absentees", unit: "percent", topic: "Children in Need" }).framework_role, "child-outcome");
  assert.deepEqual(laitFrameworkTags({ code: "CINSEN_SUP", measure: "SEN support", unit: "percent", topic: "Children in Need" }).framework_role, "context");
  const fallback = laitFrameworkTags({ code: "CINTime3months", measure: "duration", unit: "percent", topic: "Children in Need" });
  assert.deepEqual([fallback.framework_role, fallback.framework_area, fallback.why], ["practice", "family-help", "default of the LAIT topic Children in Need"]);
  assert.equal(laitFrameworkTags({ code: "Work_Force_Sick", measure: "sickness", unit: "percent", topic: "Children's Services Workforce" }).framework_area, "workforce");
  // a workforce count is the LA's size, its rate the enabler
  for (const code of ["Work_Force_NoSW", "Work_Force_Num_CaseHeld", "Social_Work_Starters", "Social_Work_Leavers"]) {
    const t = laitFrameworkTags({ code, measure: "Number FTE", unit: "count", topic: "Children's Services Workforce" });
    assert.deepEqual([t.framework_role, t.framework_area], ["context", "need"], code);
  }
  // the dictionary's code has a space ("CIN_Good _Develop"): still a development (education) outcome, as for CLA and CPP
  for (const code of ["CIN_Good _Develop", "CPP_Good_Develop", "LAC_Good_Develop"]) {
    const t = laitFrameworkTags({ code, measure: "good level of development", unit: "percent", topic: "Children in Need" });
    assert.deepEqual([t.framework_role, t.framework_area], ["child-outcome", "education"], code);
  }
  // not in touch is the third part of the care leavers' activity breakdown (EET, NEET); staying put stays practice
  const notInTouch = laitFrameworkTags({ code: "CareLeavers_LA_NotInTouch", measure: "not in touch", unit: "percent", topic: "Children Looked After" });
  assert.deepEqual([notInTouch.framework_role, notInTouch.framework_area], ["child-outcome", "leaving-care"]);
  assert.deepEqual(laitFrameworkTags({ code: "StayingPut_18", measure: "staying put", unit: "percent", topic: "Children Looked After" }).framework_role, "practice");
});

test("screenedByDefault: not context, not a count of a child outcome; untagged rows by domain", () => {
  assert.equal(screenedByDefault({ domain: "child-wellbeing", framework_role: "context", unit: "percent" }), false);
  assert.equal(screenedByDefault({ domain: "child-wellbeing", framework_role: "child-outcome", unit: "count" }), false);
  assert.equal(screenedByDefault({ domain: "child-wellbeing", framework_role: "child-outcome", unit: "percent" }), true);
  // a count that is not an outcome's numerator stays (the synthetic DCS changes in three years)
  assert.equal(screenedByDefault({ domain: "conditions-and-culture", framework_role: "enabler", unit: "count" }), true);
  assert.equal(screenedByDefault({ domain: "workforce", framework_role: "", unit: "ratio" }), true);
  assert.equal(screenedByDefault({ domain: "context", unit: "percent" }), false);
});

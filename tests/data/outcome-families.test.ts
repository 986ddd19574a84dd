import { test } from "node:test";
import assert from "node:assert/strict";
import { OUTCOME_FAMILIES, outcomeFamilyOf } from "../../lib/data/outcome-families";
import { INDICATOR_META } from "../../lib/data/import/mappings";

test("an outcome is in at most one family, and every EES member is an indicator the official import writes", () => {
  const members = OUTCOME_FAMILIES.flatMap((f) => f.members);
  assert.equal(new Set(members).size, members.length, "no id in two families");
  assert.equal(new Set(OUTCOME_FAMILIES.map((f) => f.family)).size, OUTCOME_FAMILIES.length, "family ids are unique");
  for (const id of members.filter((m) => !m.startsWith("lait_"))) assert.ok(id in INDICATOR_META, id);
  for (const f of OUTCOME_FAMILIES) assert.ok(f.members.length >= 2, `${f.family} groups at least two measures`);
});

test("the KS2 subjects of children in need are one family; an id in no family is a family of its own", () => {
  assert.equal(outcomeFamilyOf("lait_cin_ks2_expstd_gps").family, "cin-ks2");
  assert.equal(outcomeFamilyOf("cin_ks2_rwm_expected_pct").family, "cin-ks2");
  assert.notEqual(outcomeFamilyOf("cla_ks2_rwm_expected_pct").family, "cin-ks2", "looked-after children are other children");
  assert.deepEqual(outcomeFamilyOf("own_outcome"), { family: "own_outcome", label: "own_outcome", members: ["own_outcome"] });
  assert.throws(() => outcomeFamilyOf(""), /outcomeFamilyOf: outcome must be a catalogue id/);
});

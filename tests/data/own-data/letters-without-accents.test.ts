/**
 * Ids are made from column names without their accents, and letters Unicode does not decompose are written as they
 * are without one: "Größe" had given "gr_e" (a review), "Søren" "s_ren".
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { normaliseHeader, withoutAccents } from "../../../lib/data/own-data/read-table";

test("accents come off, and ß, æ, œ, ø, ł, đ, ð, þ are written as without one", () => {
  assert.equal(withoutAccents("Café Dépenses"), "Cafe Depenses");
  assert.equal(withoutAccents("Größe æble Œuvre Søren Łódź Đakovo Þór"), "Grosse aeble OEuvre Soren Lodz Dakovo THor");
  assert.equal(normaliseHeader("Größe der Familien (%)"), "grosse_der_familien");
  assert.equal(normaliseHeader("Søren_pct"), "soren_pct");
});

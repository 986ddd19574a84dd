/**
 * Own indicators get framework tags as official ones do: their domain's (lib/data/framework.ts), or the sidecar's.
 * An LA analyst's own indicator of domain context could not be used with --context ("framework role is none").
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readPackage, validatePackage } from "../../../lib/data/package";
import { addOwnData } from "../../../lib/data/own-data/add";
import { withIndicatorContext } from "../../../lib/context/indicator-context";
import type { CatalogueRow } from "../../../lib/data/types";
import { tempFile, writeFixturePackage } from "./fixture";

const TABLE = "la_code,period,own_need,own_visits\nE06000023,2024,12,40\nE08000013,2024,15,50\n";

function tagsOf(dir: string): Record<string, [string | undefined, string | undefined]> {
  const rows = readPackage(dir).catalogue.objects() as unknown as CatalogueRow[];
  return Object.fromEntries(rows.map((c) => [c.indicator, [c.framework_role, c.framework_area]]));
}

test("an own indicator of domain context is tagged context and can be allowed for with --context", () => {
  const dir = writeFixturePackage();
  const meta = tempFile("m.csv", "indicator,domain\nown_need,context\nown_visits,reaching-children\n");
  addOwnData(dir, tempFile("own.csv", TABLE), { metadataFile: meta, metadata: { unit: "ratio", polarity: "none" } });
  assert.deepEqual(validatePackage(dir).errors, []);
  const tags = tagsOf(dir);
  assert.deepEqual([tags.own_need, tags.own_visits], [["context", "need"], ["practice", "family-help"]]);
  const pkg = withIndicatorContext(readPackage(dir), ["own_need"]);
  assert.deepEqual((pkg.context.objects() as { variable: string; value: number }[]).filter((r) => r.variable === "own_need").map((r) => r.value), [12, 15]);
  // an indicator of another role is still refused as context
  assert.throws(() => withIndicatorContext(readPackage(dir), ["own_visits"]), /framework role is "practice", not context/);
});

test("a sidecar's framework_role and framework_area are taken, and checked against their vocabularies", () => {
  const dir = writeFixturePackage();
  const meta = tempFile("m.json", JSON.stringify({ own_need: { domain: "child-wellbeing", framework_role: "context", framework_area: "need" } }));
  addOwnData(dir, tempFile("own.csv", TABLE), { metadataFile: meta, metadata: { unit: "ratio", polarity: "none", domain: "workforce" } });
  assert.deepEqual([tagsOf(dir).own_need, tagsOf(dir).own_visits], [["context", "need"], ["enabler", "workforce"]]);
  const bad = tempFile("bad.csv", "indicator,framework_role\nown_need,lever\n");
  assert.throws(
    () => addOwnData(writeFixturePackage(), tempFile("own.csv", TABLE), { metadataFile: bad, metadata: { unit: "ratio", polarity: "none", domain: "context" } }),
    /column "own_need": got "lever", expected a framework_role that is one of child-outcome, practice, enabler, context/,
  );
});

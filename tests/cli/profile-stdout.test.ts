import { test } from "node:test";
import assert from "node:assert/strict";
import { main } from "../../lib/cli/main";
import { brokenSeriesWords, notComparedLines } from "../../lib/cli/commands/profile";
import { brokenWithheldWords } from "../../lib/report/profile-report";
import type { ProfileIndicator } from "../../lib/profile";
import { capture } from "../helpers/cli";

// profile's words on the terminal a user trial found wrong (r26, S3): Dorset's "176/188 indicators with a value …
// 182 broken series" counted the 6 withheld values among the broken series without a word; --help's synopsis left out
// --figures and --results

const indicator = (value: number | null, period: number | null, seriesBroken: boolean) => ({ value, period, seriesBroken }) as unknown as ProfileIndicator;

test("the broken series are counted with those withheld for disclosure, and say how many those are", () => {
  const indicators = [indicator(1, 2024, true), indicator(2, 2024, true), indicator(null, 2024, true), indicator(3, 2024, false), indicator(null, null, true)];
  assert.equal(brokenSeriesWords({ indicators }), "; 3 series broken by a reorganisation (1 of them withheld for disclosure)");
  assert.equal(brokenSeriesWords({ indicators: indicators.slice(0, 2) }), "; 2 series broken by a reorganisation");
  assert.equal(brokenSeriesWords({ indicators: [indicator(3, 2024, false)] }), "");
  // and the report's overview says the same of its count
  assert.equal(brokenWithheldWords({ indicators }), " (1 of them withheld for disclosure)");
  assert.equal(brokenWithheldWords({ indicators: indicators.slice(0, 2) }), "");
});

test("profile --help's synopsis lists every option described below it", async () => {
  const c = capture();
  assert.equal(await main(["profile", "--help"], c.io), 0);
  const help = c.out.join("");
  const synopsis = help.slice(0, help.indexOf("\n\n"));
  const described = [...help.slice(help.indexOf("\n\n")).matchAll(/^(--[a-z-]+)/gm)].map((m) => m[1]);
  assert.ok(described.length >= 8, described.join(" "));
  for (const option of described) assert.ok(synopsis.includes(option), `${option} is not in the synopsis:\n${synopsis}`);
});

test("the reasons for not comparing add up to the count not compared: the three commonest, then the rest in one line (user trial, round 27)", () => {
  assert.deepEqual(notComparedLines({ a: 90, b: 34, c: 12, d: 6, e: 1 }), [
    "  not compared (90): a", "  not compared (34): b", "  not compared (12): c", "  not compared (7): 2 other reasons, listed in profile.html",
  ]);
  assert.deepEqual(notComparedLines({ a: 2, b: 5, c: 1, d: 1 }).slice(-1), ["  not compared (1): 1 other reason, listed in profile.html"]);
  assert.deepEqual(notComparedLines({ a: 2 }), ["  not compared (2): a"]);
});

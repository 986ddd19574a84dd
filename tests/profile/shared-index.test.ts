/**
 * A profile index shared by many LAs' profiles gives each the profile a fresh index gives it, byte for byte: what
 * the index caches for the next LA (indicator tables, intervals, England and region figures, distributions, funnel
 * estimates, the context matrix) must not depend on which LAs, options or disclosure thresholds came before. (Every
 * LA of the synthetic pilot from one index, against fresh indexes for a sample: tests/cli/profile.test.ts.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { buildLaProfile, profileIndex, profileableAreas, type ProfileOptions } from "../../lib/profile";

const SYNTHETIC = path.join(__dirname, "../../datasets/pilot-synthetic");

test("options and disclosure thresholds interleaved on one index give the profiles of fresh indexes", () => {
  const pkg = readPackage(SYNTHETIC);
  const shared = profileIndex(pkg);
  const codes = profileableAreas(shared).slice(0, 2);
  const variants: ProfileOptions[] = [{}, { disclosureThreshold: 25 }, { benchmark: "region", levels: "95" }, { period: 2020, disclosureThreshold: 5 }];
  for (const c of codes) {
    for (const options of variants) {
      const label = `${c} ${JSON.stringify(options)}`;
      assert.equal(JSON.stringify(buildLaProfile(shared, c, options)), JSON.stringify(buildLaProfile(profileIndex(pkg), c, options)), label);
    }
  }
});

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { DataErrors } from "../../lib/errors";
import { readPackage, writePackage } from "../../lib/data/package";
import type { PackageContent } from "../../lib/data/types";
import { estimatePilotIndicators, pilotCatalogue, pilotIndicatorRows } from "../../lib/pilot/indicators";
import { mergePilotRows, mergePilotRowsCounted, pilotPackageContent } from "../../lib/pilot/merge";
import { mergeCountsWords } from "../../lib/cli/commands/pilot";
import { tallyPilotRecords } from "../../lib/pilot/tally-records";
import { AREA_CODES, instruments, records, rep } from "./helpers";
import { tempDir } from "../helpers/temp-dirs";

const areas = AREA_CODES.map((la_code, i) => ({ la_code, la_name: `LA ${i}`, region_code: "E12000001", region_name: "North East", old_la_code: "", first_period: null, last_period: null }));
const base: PackageContent = Object.freeze({
  name: "base",
  title: "Base",
  created: "2026-01-01",
  areas,
  catalogue: [{ indicator: "official_x", label: "X", domain: "child-safe", polarity: "down", unit: "percent", numerator: "", denominator: "", source: "DfE", definition: "x" }],
  indicators: [{ la_code: "E06900001", period: 2023, indicator: "official_x", value: 10, numerator: 20, denominator: 200, status: "" }],
  context: [],
  outcomes: [],
}) as PackageContent;

const tally = tallyPilotRecords(
  [{ file: "r.csv", bytes: Buffer.from(records([{ prefix: "a", la: "E06900001", instrument: "child_survey", item: "listened_to", responses: [...rep("yes", 15), ...rep("no", 10)] }])) }],
  instruments(),
  AREA_CODES,
);
const pilot = Object.freeze({ catalogue: pilotCatalogue(instruments()), indicators: pilotIndicatorRows(estimatePilotIndicators(tally)) });

describe("mergePilotRows", () => {
  test("adds pilot catalogue and indicator rows beside the official ones, and the result is a valid package", () => {
    const merged = mergePilotRows(base, pilot, { provenance: { records: 25 } });
    assert.equal(merged.catalogue.length, 1 + pilot.catalogue.length);
    assert.equal(merged.indicators.length, 2);
    const dir = tempDir("vsw-merge-");
    writePackage(dir, merged);
    const pkg = readPackage(dir);
    const row = pkg.indicators.objects().find((r) => (r as { indicator: string }).indicator === "pilot_child_survey_listened_to_pct_positive") as Record<string, unknown>;
    assert.deepEqual([row.value, row.numerator, row.denominator], [60, 15, 25]);
    assert.deepEqual((pkg.descriptor.provenance as Record<string, unknown>).pilot, { records: 25 });
  });

  test("merging twice gives the same content (earlier pilot rows are replaced)", () => {
    const once = mergePilotRows(base, pilot);
    const twice = mergePilotRows(once, pilot);
    assert.deepEqual(twice.catalogue, once.catalogue);
    assert.deepEqual(twice.indicators, once.indicators);
  });

  test("a second wave replaces only its own periods: the first wave's rows are kept, and what was kept, replaced and added is counted (user trial, round 27)", () => {
    const wave = (period: number) => {
      const t = tallyPilotRecords(
        [{ file: "r.csv", bytes: Buffer.from(records([{ prefix: "a", la: "E06900001", instrument: "child_survey", item: "listened_to", responses: [...rep("yes", 15), ...rep("no", 10)], period }])) }],
        instruments(),
        AREA_CODES,
      );
      return { catalogue: pilotCatalogue(instruments()), indicators: pilotIndicatorRows(estimatePilotIndicators(t)) };
    };
    const first = mergePilotRowsCounted(base, wave(2023));
    assert.deepEqual(first.counts, { kept: 0, keptPeriods: [], replaced: 0, added: wave(2023).indicators.length, addedPeriods: [2023], sameLabel: [] });
    const second = mergePilotRowsCounted(first.content, wave(2024));
    const pilotRows = (c: PackageContent) => c.indicators.filter((r) => r.indicator.startsWith("pilot_"));
    assert.deepEqual([...new Set(pilotRows(second.content).map((r) => r.period))], [2023, 2024]);
    assert.equal(pilotRows(second.content).length, 2 * wave(2023).indicators.length);
    assert.deepEqual(second.counts, { kept: wave(2023).indicators.length, keptPeriods: [2023], replaced: 0, added: wave(2024).indicators.length, addedPeriods: [2024], sameLabel: [] });
    // the same wave again replaces its own rows: the package is the same
    const again = mergePilotRowsCounted(second.content, wave(2024));
    assert.deepEqual(again.content.indicators, second.content.indicators);
    assert.equal(again.counts.replaced, wave(2024).indicators.length);
    assert.equal(mergeCountsWords(second.counts), `kept ${wave(2023).indicators.length} rows of 2023 (other periods); added ${wave(2024).indicators.length} rows of 2024`);
  });

  test("an earlier wave's indicator with this run's label under another id (an item renamed) is named (user trial, round 27)", () => {
    const first = mergePilotRows(base, pilot);
    const renamed = {
      catalogue: pilot.catalogue.map((c) => ({ ...c, indicator: c.indicator.replace("listened_to", "listened") })),
      indicators: pilot.indicators.map((r) => ({ ...r, indicator: r.indicator.replace("listened_to", "listened"), period: 2024 })),
    };
    const { counts } = mergePilotRowsCounted(first, renamed);
    const was = pilot.catalogue.find((c) => c.indicator.includes("listened_to"))!;
    assert.ok(counts.sameLabel.some((x) => x.kept === was.indicator && x.added === was.indicator.replace("listened_to", "listened") && x.label === was.label), JSON.stringify(counts.sameLabel));
    assert.deepEqual(mergePilotRowsCounted(first, { ...pilot, indicators: pilot.indicators.map((r) => ({ ...r, period: 2024 })) }).counts.sameLabel, []);
  });

  test("refuses a wave that defines an indicator otherwise than the rows of an earlier wave it keeps", () => {
    const t = tallyPilotRecords(
      [{ file: "r.csv", bytes: Buffer.from(records([{ prefix: "a", la: "E06900001", instrument: "child_survey", item: "listened_to", responses: [...rep("yes", 15), ...rep("no", 10)], period: 2024 }])) }],
      instruments(),
      AREA_CODES,
    );
    const first = mergePilotRows(base, pilot);
    const redefined = { catalogue: pilotCatalogue(instruments(), { threshold: 20 }), indicators: pilotIndicatorRows(estimatePilotIndicators(t)) };
    assert.throws(() => mergePilotRows(first, redefined), (e: unknown) => e instanceof DataErrors && /column "definition".*expected the definition the package's rows of 2023 were made with/.test(e.message) && /one definition per indicator across waves/.test(e.message));
    // the same definition for another period merges
    const same = { catalogue: pilotCatalogue(instruments()), indicators: redefined.indicators };
    assert.equal(mergePilotRows(first, same).indicators.filter((r) => r.period === 2024).length, same.indicators.length);
    // a redefinition of the period being replaced (no earlier wave kept) is this run's to make
    assert.doesNotThrow(() => mergePilotRows(first, { ...pilot, catalogue: pilotCatalogue(instruments(), { threshold: 20 }) }));
  });

  test("refuses a pilot id that an official indicator already uses, and LAs not in the package", () => {
    const clash = { ...base, catalogue: [{ ...base.catalogue[0], indicator: "pilot_child_survey_listened_to_pct_positive" }] };
    assert.throws(() => mergePilotRows(clash, pilot), DataErrors);
    assert.throws(() => mergePilotRows({ ...base, areas: areas.slice(1) }, pilot), /an LA listed in the package/);
  });

  test("refuses rows for an LA outside its lifespan, in add's words (the package would say the LA had values after it ended)", () => {
    // a review merged 2023 records of Bournemouth (ended 2019) into the official package: accepted, exit 0
    const ended = areas.map((a, i) => (i === 0 ? { ...a, la_name: "Bournemouth", last_period: 2019 } : i === 1 ? { ...a, first_period: 2024 } : a));
    const twoLas = tallyPilotRecords(
      [{ file: "r.csv", bytes: Buffer.from(records([
        { prefix: "a", la: "E06900001", instrument: "child_survey", item: "listened_to", responses: rep("yes", 12) },
        { prefix: "b", la: "E06900002", instrument: "child_survey", item: "listened_to", responses: rep("no", 12) },
        { prefix: "c", la: "E06900003", instrument: "child_survey", item: "listened_to", responses: rep("no", 12) },
      ])) }],
      instruments(),
      AREA_CODES,
    );
    const rows = { catalogue: pilot.catalogue, indicators: pilotIndicatorRows(estimatePilotIndicators(twoLas)) };
    assert.throws(
      () => mergePilotRows({ ...base, areas: ended }, rows),
      (e: unknown) => {
        assert.ok(e instanceof DataErrors);
        // one error per LA and period, however many indicator rows it has
        assert.deepEqual(e.errors.map((x) => x.message), [
          'pilot indicators, row 1, column "la_code": got "E06900001", expected an LA of the package: Bournemouth (E06900001) existed until 2019, not in 2023',
          `pilot indicators, row ${rows.indicators.findIndex((r) => r.la_code === "E06900002") + 1}, column "la_code": got "E06900002", expected an LA of the package: LA 1 (E06900002) existed from 2024, not in 2023`,
        ]);
        return true;
      },
    );
    // the same rule for a package of pilot indicators alone, made with the areas' lifespans
    assert.throws(() => pilotPackageContent(rows, ended, { name: "p", title: "P", created: "2026-01-01" }), /Bournemouth \(E06900001\) existed until 2019, not in 2023/);
  });

  test("does not change its inputs", () => {
    const before = JSON.stringify(base);
    mergePilotRows(base, pilot);
    assert.equal(JSON.stringify(base), before);
  });
});

describe("pilotPackageContent", () => {
  test("makes a stand-alone package of pilot indicators that validates", () => {
    const dir = tempDir("vsw-pilotpkg-");
    writePackage(dir, pilotPackageContent(pilot, areas, { name: "p", title: "P", created: "2026-01-01" }));
    assert.equal(readPackage(dir).catalogue.numRows(), pilot.catalogue.length);
  });
});

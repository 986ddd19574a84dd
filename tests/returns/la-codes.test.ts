/**
 * LA folders named by an earlier or an abolished code, against a package's LAs (round-27 trial S2-6): matched as `add`
 * matches them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { AreaRow } from "../../lib/data/types";
import { InputError } from "../../lib/errors";
import { importReturns, type ImportReturnsOptions } from "../../lib/returns/import-returns";
import { TEST_KEY, cinXml, tempDir } from "./helpers";

const area = (la_code: string, la_name: string, old_la_code: string, first_period: number | null, last_period: number | null): AreaRow => ({
  la_code, la_name, region_code: "E12000004", region_name: "East Midlands", old_la_code, first_period, last_period,
});

/** As the official package gives them: Gateshead's current code, Northamptonshire until 2021 and its two successors. */
const AREAS: readonly AreaRow[] = [
  area("E08000037", "Gateshead", "390", null, null),
  area("E10000021", "Northamptonshire", "928", null, 2021),
  area("E06000061", "North Northamptonshire", "940", 2022, null),
  area("E06000062", "West Northamptonshire", "941", 2022, null),
  area("E06000065", "North Yorkshire", "815", null, null),
];

const ref = (date: string) => `<CINreferralDate>${date}</CINreferralDate><ReferralNFA>0</ReferralNFA>`;

/** A folder with a CIN census (LEA unknown) of 12 children referred in the year for each (LA folder, year). */
function folder(...laYears: [string, number][]): string {
  const dir = tempDir();
  for (const [la, year] of laYears) {
    fs.mkdirSync(path.join(dir, la, String(year)), { recursive: true });
    const kids = Array.from({ length: 12 }, (_, i) => ({ id: `K${i}`, details: [ref(`${year - 1}-06-01`)] }));
    // LEA 000 (unknown): the helper's 999 in two LA folders is refused by the LEA check (cin-lea) before the codes are matched
    fs.writeFileSync(path.join(dir, la, String(year), "cin_census.xml"), cinXml(year, kids).replace("<LEA>999</LEA>", "<LEA>000</LEA>"));
  }
  return dir;
}

function run(dir: string, options: Partial<ImportReturnsOptions> = {}) {
  const population = new Map([["E08000037|2024", 40_000], ["E06000065|2024", 120_000], ["E10000021|2021", 150_000]]);
  try {
    return importReturns(dir, { key: TEST_KEY, threshold: 1, population, areas: AREAS, ...options });
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

/** The rate rows: LA, period, indicator, numerator, denominator. */
const rows = (r: ReturnType<typeof run>) => {
  assert.ok(!(r instanceof InputError), String(r));
  return r.indicators.filter((x) => x.indicator.endsWith("_rate_per_10k")).map((x) => [x.la_code, x.period, x.indicator, x.numerator, x.denominator]);
};

test("a folder named by an earlier ONS code is counted under the LA's current code, with its population, and said on the screen", () => {
  // Gateshead's code before 2014 (HISTORIC_ONS_CODES), and North Yorkshire's county code (the package's code_aliases)
  const gateshead = run(folder(["E08000020", 2024]));
  assert.deepEqual(rows(gateshead), [
    ["E08000037", 2024, "cin_rate_per_10k", 12, 40_000],
    ["E08000037", 2024, "cin_referrals_rate_per_10k", 12, 40_000],
  ]);
  assert.ok(!(gateshead instanceof InputError));
  assert.deepEqual(gateshead.las, ["E08000037"]);
  assert.deepEqual(
    gateshead.log.notices.filter((n) => n.file === "E08000020").map((n) => n.rule),
    ["LA folder E08000020 is an earlier ONS code of Gateshead (E08000037): its returns are counted under E08000037"],
  );
  const northYorkshire = run(folder(["E10000023", 2024]), { codeAliases: { E10000023: "E06000065" } });
  assert.deepEqual(rows(northYorkshire).map((r) => r[0]), ["E06000065", "E06000065"]);
  // without the package's LAs, codes are kept as given (as before)
  const asGiven = run(folder(["E08000020", 2024]), { areas: undefined });
  assert.ok(!(asGiven instanceof InputError));
  assert.deepEqual(asGiven.las, ["E08000020"]);
});

test("the returns of an LA-year outside the LA's lifespan are refused, naming its successors; a year inside it is read", () => {
  const refused = run(folder(["E10000021", 2021], ["E10000021", 2022]));
  assert.ok(refused instanceof InputError, "Northamptonshire's 2021-22 returns had been written, exit 0");
  assert.equal(
    refused.message,
    `DIR: the returns of E10000021 for 2021-22 (period 2022; ${path.join("E10000021", "2022", "cin_census.xml")}): Northamptonshire (E10000021) existed until 2021, not in 2022; the LAs that replaced it from 2022: North Northamptonshire (E06000061), West Northamptonshire (E06000062): name the LA's folder by the code of the LA whose returns they are in 2021-22 (got "${path.join("E10000021", "2022", "cin_census.xml")}")`,
  );
  assert.deepEqual(rows(run(folder(["E10000021", 2021]))).map((r) => r.slice(0, 3)), [
    ["E10000021", 2021, "cin_rate_per_10k"],
    ["E10000021", 2021, "cin_referrals_rate_per_10k"],
  ]);
});

test("one LA's returns under its earlier and its current code are refused, naming both", () => {
  const refused = run(folder(["E08000020", 2023], ["E08000037", 2024]));
  assert.ok(refused instanceof InputError);
  assert.match(refused.message, /^DIR: returns of Gateshead under its earlier ONS code E08000020 and its current code E08000037: its years would be counted apart; put all its returns in the folder E08000037/);
});

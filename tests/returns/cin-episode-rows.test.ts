import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { tallyCinEpisodeRows } from "../../lib/returns/cin-episode-rows";
import { cinCounts } from "../../lib/returns/cin-indicators";
import { parseIsoDate } from "../../lib/returns/dates";
import type { CinLaData } from "../../lib/returns/read-cin";
import { writeSyntheticCinEpisodes } from "../../lib/synthetic/returns-episodes";
import { tempDir } from "./helpers";

function csv(lines: string[]): string {
  const file = path.join(tempDir(), "episodes.csv");
  fs.writeFileSync(file, ["la_code,child_id,referral_date,closure_date", ...lines].join("\n") + "\n");
  return file;
}

test("hand-worked: day 365 is a re-referral and day 366 is not; a repeated date counts once; closed on 31 March is not open", () => {
  const file = csv([
    "E1,a,2022-05-01,2022-06-01",
    "E1,a,2023-05-01,", // 365 days later: re-referral (2023 has no 29 February before it)
    "E1,b,2022-05-01,2022-06-01",
    "E1,b,2023-05-02,2024-03-31", // 366 days: not a re-referral; closed on 31 March 2024: not open then
    "E1,b,2023-05-02,2024-03-31", // the same referral listed twice
    "E2,a,2023-01-10,2023-04-01", // another LA's "a" is another child; open at 31 March 2023
  ]);
  const got = tallyCinEpisodeRows(file);
  const at = (la: string, y: number) => got.find((c) => c.laCode === la && c.period === y)!;
  assert.deepEqual(at("E1", 2024), { laCode: "E1", period: 2024, referrals: 2, rereferrals: 1, childrenInNeed31March: 1, history: true });
  assert.deepEqual(at("E1", 2023), { laCode: "E1", period: 2023, referrals: 2, rereferrals: 0, childrenInNeed31March: 0, history: false });
  assert.deepEqual(at("E2", 2023), { laCode: "E2", period: 2023, referrals: 1, rereferrals: 0, childrenInNeed31March: 1, history: false });
  assert.equal(at("E2", 2024).childrenInNeed31March, 0);
});

test("collection years run 1 April to 31 March, from the year of the earliest referral (dates.ts collectionYearOf)", () => {
  // the earliest referral on 31 March 2022 makes 2021-22 the first year; 1 April 2022 starts 2022-23
  const file = csv(["E1,a,2022-03-31,2022-03-31", "E1,b,2022-04-01,", "E1,c,2023-03-31,2023-04-01"]);
  const got = tallyCinEpisodeRows(file).map((c) => [c.period, c.referrals, c.childrenInNeed31March]);
  assert.deepEqual(got, [[2022, 1, 0], [2023, 2, 2]]);
});

test("a synthetic national file gives the counts cinCounts gives on the same records, LA by LA and year by year", () => {
  const file = path.join(tempDir(), "national.csv");
  const rows = writeSyntheticCinEpisodes(file, { seed: 5, las: 4, referralsPerYear: 3000, firstYear: 2020, lastYear: 2023 });
  assert.ok(rows > 10_000, `${rows} rows`);
  const got = tallyCinEpisodeRows(file);
  const byLa = new Map<string, CinLaData>();
  for (const line of fs.readFileSync(file, "utf8").trim().split("\n").slice(1)) {
    const [la, child, referral, closure] = line.split(",");
    const data = byLa.get(la) ?? { la, years: [2020, 2021, 2022, 2023], referrals: [], assessments: [], plans: [] };
    byLa.set(la, data);
    data.referrals.push({ child, referral: parseIsoDate(referral)!, closure: closure === "" ? null : parseIsoDate(closure)!, nfa: false });
  }
  assert.equal(got.length, 4 * 4);
  for (const chunk of [7, 64, 1000]) assert.deepEqual(tallyCinEpisodeRows(file, chunk), got, `read ${chunk} bytes at a time`);
  for (const c of got) {
    const expected = cinCounts(byLa.get(c.laCode)!, c.period);
    const n = (id: string) => expected.find((e) => e.indicator === id)!;
    assert.equal(c.referrals, n("cin_rereferral_pct").denominator, `${c.laCode} ${c.period} referrals`);
    assert.equal(c.rereferrals, n("cin_rereferral_pct").numerator, `${c.laCode} ${c.period} re-referrals`);
    assert.equal(c.childrenInNeed31March, n("cin_31mar_count").numerator, `${c.laCode} ${c.period} open at 31 March`);
    assert.ok(c.rereferrals > 0 && c.childrenInNeed31March > 0);
  }
});

test("malformed rows are named by file, row, column and value (dates and identifiers withheld); a wrong header is refused", () => {
  const file = csv(["E1,a,2022-05-01,2022-06-01", "E1,a,2022-02-30,", "E1,,2022-05-01,", "E1,b,2022-05-01", "E1,c,2022-05-01,2022-04-01"]);
  assert.throws(() => tallyCinEpisodeRows(file), (e: Error) => {
    assert.match(e.message, /4 error/);
    assert.match(e.message, /episodes\.csv.*row 2.*referral_date/);
    assert.match(e.message, /row 3.*child_id/);
    assert.match(e.message, /row 4.*3 fields/);
    assert.match(e.message, /row 5.*closure_date/);
    assert.doesNotMatch(e.message, /2022-02-30/);
    return true;
  });
  const bad = path.join(tempDir(), "bad.csv");
  fs.writeFileSync(bad, "la,child,date\n");
  assert.throws(() => tallyCinEpisodeRows(bad), /header la_code,child_id,referral_date,closure_date/);
  fs.writeFileSync(bad, "");
  assert.throws(() => tallyCinEpisodeRows(bad), /header/);
  // a file without its header starts with a record: refused without quoting its child's id or dates
  fs.writeFileSync(bad, "E1,N0012345,2022-05-01,\nE1,N0012346,2022-06-01,\n");
  assert.throws(() => tallyCinEpisodeRows(bad), (e: Error) => /got "a first line of 4 fields \(not quoted: it may be a record\)", expected the header la_code,child_id/.test(e.message) && !/N001|2022/.test(e.message));
});

test("child ids in Latin-1 (two differing in one byte) are an error naming row, column and byte, read in chunks of any size; in UTF-8 each is a child of its own", () => {
  const lines = ["E1,N0000001,2022-05-01,", "E1,N000000\u00e9,2022-05-01,", "E1,N000000\u00e8,2022-05-01,"];
  const file = csv(lines);
  assert.equal(tallyCinEpisodeRows(file)[0].referrals, 3, "UTF-8: three children, one referral each");
  fs.writeFileSync(file, Buffer.from(fs.readFileSync(file, "utf8"), "latin1"));
  const offset = Buffer.byteLength(`la_code,child_id,referral_date,closure_date\n${lines[0]}\nE1,N000000`);
  for (const chunk of [7, 64, 1000, 4 << 20]) {
    assert.throws(() => tallyCinEpisodeRows(file, chunk), (e: Error) => {
      assert.match(e.message, new RegExp(`episodes\\.csv, row 2, column "child_id": got "byte 0xe9 at offset ${offset}", expected UTF-8`), `chunks of ${chunk}`);
      assert.doesNotMatch(e.message, /N000000/);
      return true;
    });
  }
});

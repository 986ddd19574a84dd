/**
 * A CIN census keeps only the text of the elements it reads, and caps it (round 24 H9): every text run of every
 * element had been appended, so a 400 MB <Note> took 878 MB and a 700 MB one stopped `returns` with "Invalid string
 * length", no file named.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../../lib/errors";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { MAX_CIN_TEXT_CHARS, readCinFile, type CinLaData } from "../../lib/returns/read-cin";
import { TEST_KEY, cinXml, tempDir } from "./helpers";

const LA = "E09000001";
const REFERRAL = "<CINreferralDate>2023-06-01</CINreferralDate><ReferralNFA>0</ReferralNFA>";

function read(xml: string): { data: CinLaData; entries: unknown[] } {
  const file = path.join(tempDir(), "cin.xml");
  fs.writeFileSync(file, xml);
  const data: CinLaData = { la: LA, years: [2024], referrals: [], assessments: [], plans: [] };
  const log = new ReturnsImportLog();
  readCinFile({ path: file, name: "LA/cin.xml", la: LA, year: 2024 }, TEST_KEY, data, log);
  return { data, entries: [...log.entries()] };
}

test("an element not read, with 3 MB of text, is passed over: the same referrals and log as without it", () => {
  const plain = cinXml(2024, [{ id: "C1", details: [REFERRAL] }, { id: "C2", details: [REFERRAL] }]);
  const noted = plain.replace("<Children>", `<Children><Note>${"free text ".repeat(300_000)}</Note>`).replace(REFERRAL, `${REFERRAL}<Note>${"x".repeat(3_000_000)}</Note>`);
  const { data, entries } = read(noted);
  assert.deepEqual({ data, entries }, read(plain));
  assert.equal(data.referrals.length, 2);
});

test("an id longer than the cap is refused naming the file, the element, its line and the cap, never quoting it", () => {
  const id = "Z".repeat(MAX_CIN_TEXT_CHARS + 1);
  const xml = cinXml(2024, [{ id: "C1", details: [REFERRAL] }, { id, details: [REFERRAL] }]);
  assert.throws(() => read(xml), (e: unknown) =>
    e instanceof DataError &&
    e.file === "LA/cin.xml" &&
    e.column === "LAchildID" &&
    /^more than 4096 characters of text \(at line 5, byte \d+\)$/.test(e.value ?? "") &&
    e.expected === "an id, date, code or number of at most 4096 characters (is the file a CIN census export?)" &&
    !e.message.includes("ZZZZ"));
});

test("text as long as the cap is read", () => {
  const { data } = read(cinXml(2024, [{ id: "C".repeat(MAX_CIN_TEXT_CHARS), details: [REFERRAL] }]));
  assert.equal(data.referrals.length, 1);
});

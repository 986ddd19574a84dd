import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

/** One survey item, with the responses that count as positive. */
function instruments(positive: string[]): string {
  const item = { id: "trust_staff", label: "I trust the adults who work with me", scale: "likert5", positive, domain: "valued-and-involved", outcome: "Children trust staff" };
  return JSON.stringify({ instruments: [{ id: "child_survey", label: "Survey of children", respondent: "child", items: [item] }] });
}

test("two pilot runs with one item defined differently each pass check-disclosure alone and fail it together", async () => {
  // the evaluator's records: 20 Strongly agree, 5 Agree, 15 Neither; positive = 4 or 5 gives 25 of 40, 5 only 20 of 40
  const dir = tempDir("vsw-pilot-differencing-");
  const records = path.join(dir, "records");
  fs.mkdirSync(records);
  fs.writeFileSync(path.join(records, "areas.csv"), "la_code,la_name,region_code,region_name\nE06900009,Brookhaven,E12000002,North West\n");
  const responses = [...Array(20).fill("5"), ...Array(5).fill("4"), ...Array(15).fill("3")];
  const rows = responses.map((r, i) => `CH-${String(i).padStart(4, "0")},E06900009,2023,child_survey,trust_staff,${r}`);
  fs.writeFileSync(path.join(records, "records-child_survey.csv"), `respondent_id,la_code,period,instrument,item,response\n${rows.join("\n")}\n`);
  const key = path.join(dir, "pilot.key");
  fs.writeFileSync(key, "a-test-key-that-lives-outside-the-repo\n");
  for (const [name, positive] of [["c1", ["4", "5"]], ["c2", ["5"]]] as const) {
    fs.writeFileSync(path.join(dir, `${name}.json`), instruments([...positive]));
    const c = capture();
    const code = await main(["pilot", records, "--instruments", path.join(dir, `${name}.json`), "--out", path.join(dir, name), "--key-file", key, "--created", "2026-01-01T00:00:00Z"], c.io);
    assert.equal(code, 0, c.err.join(""));
  }
  for (const name of ["c1", "c2"]) {
    const alone = capture();
    assert.equal(await main(["check-disclosure", path.join(dir, name)], alone.io), 0, alone.out.join(""));
  }
  const both = capture();
  assert.equal(await main(["check-disclosure", path.join(dir, "c1"), path.join(dir, "c2"), "--json"], both.io), 1);
  const report = JSON.parse(both.out.join("")) as { total: number; findings: { file: string; rule: string; value: string; message: string }[] };
  assert.deepEqual(report.findings.map((f) => [f.rule, path.relative(dir, f.file), f.value]), [["differencing", path.join("c1", "indicators.csv"), "25 − 20"]]);
  assert.ok(report.findings[0].message.includes(path.join(dir, "c2", "indicators.csv")), report.findings[0].message);
});

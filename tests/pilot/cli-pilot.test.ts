import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { main } from "../../lib/cli/main";
import { readPackage } from "../../lib/data/package";
import { buildAnalysisFrame } from "../../lib/vitals/frame";
import { screenIndicators } from "../../lib/vitals/screen";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { capture } from "../helpers/cli";
import { tempDir } from "../helpers/temp-dirs";

const ROOT = path.resolve(__dirname, "..", "..");
const RECORDS = path.join(ROOT, "datasets", "pilot-records-synthetic");
const LA_DATASET = path.join(ROOT, "datasets", "pilot-synthetic");
const INSTRUMENTS = path.join(RECORDS, "instruments.json");

function keyFile(): string {
  const file = path.join(tempDir("vsw-key-"), "pilot.key");
  fs.writeFileSync(file, "a-test-key-that-lives-outside-the-repo\n");
  return file;
}

describe("vital-signs pilot --merge-into", () => {
  const tmp = tempDir("vsw-pilot-merge-");
  const out = path.join(tmp, "merged");
  const recordsOut = path.join(tmp, "pseudonymised");
  const key = keyFile();

  test("merges pilot indicators into the synthetic LA package, which still validates", async () => {
    const c = capture();
    const code = await main(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--merge-into", LA_DATASET, "--out", out, "--key-file", key, "--records-out", recordsOut], c.io);
    assert.equal(code, 0, c.err.join(""));
    const pkg = readPackage(out);
    const base = readPackage(LA_DATASET);
    assert.equal(pkg.catalogue.numRows(), base.catalogue.numRows() + 21);
    assert.equal(pkg.areas.numRows(), base.areas.numRows());
    assert.equal(pkg.outcomes.numRows(), base.outcomes.numRows());
    const prov = (pkg.descriptor.provenance as { pilot: Record<string, unknown> }).pilot;
    assert.equal(prov.records, undefined, "no record total: it could give back suppressed group sizes");
    assert.deepEqual(prov.disclosure, { threshold: 10, suppressedEstimates: 145 }, "12 small groups; 79 shares with 1–9 positive or non-positive and the 54 means beside them or near an end of a group of their scale");
  });

  test("writes pseudonymised records only: no raw id survives the import step", () => {
    const text = fs.readdirSync(recordsOut).map((f) => fs.readFileSync(path.join(recordsOut, f), "utf8")).join("");
    assert.doesNotMatch(text, /\b(CH|PA|ST|CF)-E0/);
    assert.match(text, /\nps_[0-9a-f]{16},E0/);
    const out2 = fs.readdirSync(out).map((f) => fs.readFileSync(path.join(out, f), "utf8")).join("");
    assert.doesNotMatch(out2, /ps_[0-9a-f]{16}|\b(CH|PA|ST|CF)-E0/, "the package holds no identifier at all");
  });

  test("the merged package passes the disclosure scan", () => {
    assert.equal(scanPaths([out]).total, 0);
  });

  test("pilot indicators take their place in the vital-signs screen and go with the synthetic outcome", () => {
    const pkg = readPackage(out);
    const ids = ["pilot_child_survey_trust_staff_pct_positive", "pilot_case_audit_plan_quality_pct_positive"];
    const frame = buildAnalysisFrame(pkg, {
      period: 2023,
      context: [],
      link: { kind: "latest-on-or-before", outcome: "ofsted_overall", date: "2024-03-31" },
      alignment: "analysis-period",
      indicators: ids,
    });
    const at = frame.periods.indexOf(2023);
    const rows = screenIndicators({
      indicators: frame.indicators.map((i) => ({ indicator: i.indicator, domain: i.domain, polarity: i.polarity, values: i.byPeriod[at] })),
      outcome: frame.outcome.values,
      outcomeLowerIsBetter: true,
      context: [],
    });
    for (const r of rows) {
      assert.ok(r.n >= 12, `${r.indicator}: n = ${r.n} (shares with 1–9 positive or non-positive responses are suppressed)`);
      assert.ok(r.spearmanRho > 0.3, `${r.indicator}: rho = ${r.spearmanRho} (higher share, better grade)`);
    }
  });

  test("the same key gives byte-identical packages", async () => {
    const again = path.join(tmp, "again");
    const recordsAgain = path.join(tmp, "pseudonymised-again");
    assert.equal(await main(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--merge-into", LA_DATASET, "--out", again, "--key-file", key, "--records-out", recordsAgain], capture().io), 0);
    for (const f of fs.readdirSync(recordsOut)) assert.equal(fs.readFileSync(path.join(recordsAgain, f), "utf8"), fs.readFileSync(path.join(recordsOut, f), "utf8"), f);
    for (const f of ["indicators.csv", "catalogue.csv", "datapackage.json"]) {
      assert.equal(fs.readFileSync(path.join(again, f), "utf8"), fs.readFileSync(path.join(out, f), "utf8"), f);
    }
  });

  test("reports invalid records with file, row and column and exits 1", async () => {
    const bad = tempDir("vsw-pilot-bad-");
    fs.copyFileSync(path.join(RECORDS, "areas.csv"), path.join(bad, "areas.csv"));
    fs.writeFileSync(path.join(bad, "records.csv"), "respondent_id,la_code,period,instrument,item,response\nx1,E06900009,2023,child_survey,trust_staff,7\n");
    const c = capture();
    assert.equal(await main(["pilot", bad, "--instruments", INSTRUMENTS, "--out", path.join(tempDir("vsw-pilot-out-"), "out"), "--ephemeral-key"], c.io), 1);
    assert.match(c.err.join(""), /records\.csv, row 1, column "response": got "7", expected a response on scale likert5/);
  });

  test("a response that differs from a code only in case or spaces is told that codes are compared exactly (user trial, round 27)", async () => {
    const bad = tempDir("vsw-pilot-case-");
    fs.copyFileSync(path.join(RECORDS, "areas.csv"), path.join(bad, "areas.csv"));
    fs.writeFileSync(path.join(bad, "records.csv"), "respondent_id,la_code,period,instrument,item,response\nx1,E06900009,2023,child_survey,trust_staff,5\nx2,E06900009,2023,child_survey,trust_staff,Five\n");
    const c = capture();
    assert.equal(await main(["pilot", bad, "--instruments", INSTRUMENTS, "--out", path.join(tempDir("vsw-pilot-out-"), "out"), "--ephemeral-key"], c.io), 1);
    assert.doesNotMatch(c.err.join(""), /compared exactly/, "no hint where no code is near");
    const instruments = JSON.parse(fs.readFileSync(INSTRUMENTS, "utf8")) as { instruments: { id: string; items: { id: string; scale: string }[] }[] };
    const yesno = instruments.instruments.flatMap((i) => i.items.map((it) => ({ ins: i.id, item: it.id, scale: it.scale }))).find((x) => x.scale === "yesno")!;
    fs.writeFileSync(path.join(bad, "records.csv"), `respondent_id,la_code,period,instrument,item,response\nx1,E06900009,2023,${yesno.ins},${yesno.item},Yes\n`);
    const d = capture();
    assert.equal(await main(["pilot", bad, "--instruments", INSTRUMENTS, "--out", path.join(tempDir("vsw-pilot-out-"), "out"), "--ephemeral-key"], d.io), 1);
    assert.match(d.err.join(""), /row 1, column "response": got "Yes", expected a response on scale yesno \(yes, no\) or blank; codes are compared exactly: "yes", not "Yes"/);
  });

  test("a period written as a financial year is told which year to write (user trial, round 27: add reads 2023-24 as 2024)", async () => {
    const bad = tempDir("vsw-pilot-period-");
    fs.copyFileSync(path.join(RECORDS, "areas.csv"), path.join(bad, "areas.csv"));
    fs.writeFileSync(path.join(bad, "records.csv"), "respondent_id,la_code,period,instrument,item,response\nx1,E06900009,2023-24,child_survey,trust_staff,5\nx2,E06900009,23,child_survey,trust_staff,5\n");
    const c = capture();
    assert.equal(await main(["pilot", bad, "--instruments", INSTRUMENTS, "--out", path.join(tempDir("vsw-pilot-out-"), "out"), "--ephemeral-key"], c.io), 1);
    assert.match(c.err.join(""), /row 1, column "period": got "2023-24", expected a year ending March as an integer from \d{4} to \d{4} \(for 2023-24, write 2024\)/);
    assert.match(c.err.join(""), /row 2, column "period": got "23", expected a year ending March as an integer from \d{4} to \d{4}\n/);
  });
});

describe("vital-signs pilot --records-out: validate first, write last, schema columns only", () => {
  const HEADER = "respondent_id,la_code,period,instrument,item,response";

  function badFolder(text: string): string {
    const dir = tempDir("vsw-pilot-records-");
    fs.copyFileSync(path.join(RECORDS, "areas.csv"), path.join(dir, "areas.csv"));
    fs.writeFileSync(path.join(dir, "records.csv"), text);
    return dir;
  }

  test("an invalid record file with an extra child_name column writes nothing and exits 1", async () => {
    const dir = badFolder(`${HEADER},child_name\nCH-E0001,E06900009,2023,child_survey,trust_staff,4,Jane Doe CH-E0001\n`);
    const recordsOut = path.join(dir, "pseudonymised");
    const out = path.join(tempDir("vsw-pilot-out-"), "out"); // beside DIR: --out inside it is refused
    const c = capture();
    const code = await main(["pilot", dir, "--instruments", INSTRUMENTS, "--out", out, "--ephemeral-key", "--records-out", recordsOut], c.io);
    assert.equal(code, 1);
    assert.match(c.err.join(""), /column "child_name".*expected only the columns respondent_id/);
    assert.doesNotMatch(c.err.join(""), /Jane Doe|CH-E0001/, "no name and no raw id in the message");
    assert.equal(fs.existsSync(recordsOut), false, "no records folder");
    assert.equal(fs.existsSync(out), false, "no package");
  });

  test("a record file saved semicolon-separated is refused with a hint naming the separator, and writes nothing", async () => {
    const dir = badFolder(`${HEADER.split(",").join(";")}\nx1;E06900009;2023;child_survey;trust_staff;4\n`);
    const out = path.join(tempDir("vsw-pilot-out-"), "out");
    const c = capture();
    const code = await main(["pilot", dir, "--instruments", INSTRUMENTS, "--out", out, "--ephemeral-key", "--records-out", path.join(dir, "pseudonymised")], c.io);
    assert.equal(code, 1);
    assert.match(c.err.join(""), /records\.csv, row 0, column "respondent_id;la_code;.*expected only the columns respondent_id, .*; the file looks semicolon-separated: save it as comma-separated CSV/);
    assert.equal(fs.existsSync(out), false, "no package");
  });

  test("an invalid response anywhere writes no record file, even for the valid files before it", async () => {
    const dir = badFolder(`${HEADER}\nx1,E06900009,2023,child_survey,trust_staff,4\n`);
    fs.writeFileSync(path.join(dir, "records2.csv"), `${HEADER}\nx2,E06900009,2023,child_survey,trust_staff,9\n`);
    const recordsOut = path.join(dir, "pseudonymised");
    const code = await main(["pilot", dir, "--instruments", INSTRUMENTS, "--out", path.join(tempDir("vsw-pilot-out-"), "out"), "--ephemeral-key", "--records-out", recordsOut], capture().io);
    assert.equal(code, 1);
    assert.equal(fs.existsSync(recordsOut), false);
  });

  for (const [label, rel] of [
    ["equal to --out", "out"],
    ["inside --out", "out/records"],
    ["inside --out by a dotted path", "elsewhere/../out/./records"],
  ] as const) {
    test(`--records-out ${label} is refused with a usage error (exit 2), nothing written`, async () => {
      const tmp = tempDir("vsw-pilot-recout-");
      const out = path.join(tmp, "out");
      const c = capture();
      const code = await main(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--out", out, "--ephemeral-key", "--records-out", path.join(tmp, rel)], c.io);
      assert.equal(code, 2);
      assert.match(c.err.join(""), /--records-out must not be --out or a folder inside it/);
      assert.deepEqual(fs.readdirSync(tmp), []);
    });
  }

  test("--records-out inside --out through a symbolic link is refused too", async () => {
    const tmp = tempDir("vsw-pilot-recout-");
    const out = path.join(tmp, "out");
    fs.mkdirSync(out);
    fs.symlinkSync(out, path.join(tmp, "link"));
    const code = await main(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--out", out, "--ephemeral-key", "--records-out", path.join(tmp, "link", "r")], capture().io);
    assert.equal(code, 2);
    assert.deepEqual(fs.readdirSync(out), []);
  });

  test("--records-out equal to DIR (over the raw records) is refused", async () => {
    const tmp = tempDir("vsw-pilot-recout-");
    const code = await main(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--out", path.join(tmp, "out"), "--ephemeral-key", "--records-out", RECORDS], capture().io);
    assert.equal(code, 2);
  });

  test("when the package cannot be written, the record files already written are removed", async () => {
    const tmp = tempDir("vsw-pilot-recout-");
    const out = path.join(tmp, "out");
    // passes the up-front --out checks (an earlier pilot's package), but the package cannot be renamed into place:
    // a folder where areas.csv goes
    assert.equal(await main(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--out", out, "--ephemeral-key"], capture().io), 0);
    fs.rmSync(path.join(out, "areas.csv"));
    fs.mkdirSync(path.join(out, "areas.csv", "in-the-way"), { recursive: true });
    const recordsOut = path.join(tmp, "records");
    await assert.rejects(main(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--out", out, "--ephemeral-key", "--records-out", recordsOut], capture().io));
    assert.equal(fs.existsSync(recordsOut), false);
  });

  test("a valid run writes record files with exactly the six schema columns", async () => {
    const tmp = tempDir("vsw-pilot-recout-");
    const recordsOut = path.join(tmp, "records");
    const code = await main(["pilot", RECORDS, "--instruments", INSTRUMENTS, "--out", path.join(tmp, "out"), "--ephemeral-key", "--records-out", recordsOut], capture().io);
    assert.equal(code, 0);
    const files = fs.readdirSync(recordsOut);
    assert.ok(files.length > 0);
    for (const f of files) assert.equal(fs.readFileSync(path.join(recordsOut, f), "utf8").split("\n")[0], HEADER, f);
  });
});

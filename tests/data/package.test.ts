import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  DataErrors,
  completeness,
  formatCsv,
  packageContent,
  parseCsv,
  readPackage,
  validatePackage,
  writePackage,
  type PackageContent,
} from "../../lib";
import { tempDir } from "../helpers/temp-dirs";

function tmp(): string {
  return tempDir("vsw-pkg-");
}

/** A tiny but complete package: 3 LAs (one abolished after 2019), 2 indicators, 2 periods. */
function fixture(): PackageContent {
  return {
    name: "tiny",
    title: "Tiny test package",
    created: "2026-01-01T00:00:00Z",
    provenance: { purpose: "unit tests" },
    areas: [
      { la_code: "E06900001", la_name: "Northbridge", region_code: "E12000001", region_name: "North East", old_la_code: "901", first_period: null, last_period: null },
      { la_code: "E06900002", la_name: "South, \"Quoted\" Vale", region_code: "E12000001", region_name: "North East", old_la_code: "902", first_period: null, last_period: 2019 },
      { la_code: "E06900003", la_name: "Eastmoor", region_code: "E12000002", region_name: "North West", old_la_code: "", first_period: 2019, last_period: null },
    ],
    catalogue: [
      { indicator: "rereferral_pct", label: "Re-referrals within 12 months", domain: "child-safe", polarity: "down", unit: "percent", numerator: "re-referrals", denominator: "referrals", source: "synthetic", definition: "share of referrals within 12 months of a previous one" },
      { indicator: "caseload", label: "Caseload", domain: "workforce", polarity: "down", unit: "ratio", numerator: "cases", denominator: "social workers", source: "synthetic", definition: "cases per FTE" },
    ],
    indicators: [
      { la_code: "E06900001", period: 2018, indicator: "rereferral_pct", value: 21.5, numerator: 43, denominator: 200, status: "" },
      { la_code: "E06900001", period: 2019, indicator: "rereferral_pct", value: null, numerator: null, denominator: 180, status: "suppressed:c" },
      { la_code: "E06900002", period: 2018, indicator: "rereferral_pct", value: 0.1, numerator: 1, denominator: 1000, status: "" },
      { la_code: "E06900002", period: 2019, indicator: "rereferral_pct", value: null, numerator: null, denominator: null, status: "not-available:x" },
      { la_code: "E06900003", period: 2019, indicator: "rereferral_pct", value: 30, numerator: 60, denominator: 200, status: "low-reliability:u" },
      { la_code: "E06900001", period: 2018, indicator: "caseload", value: 17.25, numerator: 345, denominator: 20, status: "" },
    ],
    context: [
      { la_code: "E06900001", period: 2018, variable: "idaci_score", value: 0.21 },
      { la_code: "E06900002", period: 2018, variable: "idaci_score", value: null },
    ],
    outcomes: [
      { la_code: "E06900001", outcome: "ofsted_overall", value: 2, label: "Good", date: "2018-06-01", period: 2019 },
      { la_code: "E06900002", outcome: "ofsted_overall", value: 4, label: "Inadequate", date: "2017-03-30", period: 2017 },
    ],
  };
}

/** Write the fixture, then replace one resource's text (to plant an error the writer would refuse). */
function writeWithEdit(edit: (dir: string) => void, { rehash = true } = {}): string {
  const dir = tmp();
  writePackage(dir, fixture());
  edit(dir);
  if (rehash) {
    // keep the sha256 right so only the planted error is reported
    const dp = JSON.parse(fs.readFileSync(path.join(dir, "datapackage.json"), "utf8"));
    const { createHash } = require("node:crypto") as typeof import("node:crypto");
    for (const r of dp.resources) r.hash = createHash("sha256").update(fs.readFileSync(path.join(dir, r.path))).digest("hex");
    fs.writeFileSync(path.join(dir, "datapackage.json"), JSON.stringify(dp, null, 2));
  }
  return dir;
}

function replaceInFile(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, "utf8");
  assert.ok(text.includes(from), `fixture text ${JSON.stringify(from)} should be in ${file}`);
  fs.writeFileSync(file, text.replace(from, to));
}

describe("the data package", () => {
  test("round-trips: write → read → write gives identical bytes and identical values", () => {
    const a = tmp();
    const b = tmp();
    const content = fixture();
    Object.freeze(content);
    content.indicators.forEach((r) => Object.freeze(r));
    writePackage(a, content);
    const pkg = readPackage(a);
    writePackage(b, packageContent(pkg));
    for (const f of fs.readdirSync(a)) {
      assert.equal(fs.readFileSync(path.join(b, f), "utf8"), fs.readFileSync(path.join(a, f), "utf8"), f);
    }
    assert.deepEqual(pkg.indicators.objects(), content.indicators);
    assert.deepEqual(pkg.areas.objects(), content.areas);
  });

  test("keeps missing values missing with their reason, never zero", () => {
    const dir = tmp();
    writePackage(dir, fixture());
    const rows = readPackage(dir).indicators.objects() as { value: number | null; status: string }[];
    const suppressed = rows.find((r) => r.status === "suppressed:c")!;
    assert.equal(suppressed.value, null);
    assert.match(fs.readFileSync(path.join(dir, "indicators.csv"), "utf8"), /E06900001,2019,rereferral_pct,,,180,suppressed:c/);
  });

  test("records a sha256 per resource and detects a changed file", () => {
    const dir = writeWithEdit((d) => replaceInFile(path.join(d, "indicators.csv"), "21.5", "21.6"), { rehash: false });
    const { errors } = validatePackage(dir);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /indicators\.csv, column "sha256": got "[0-9a-f]{64}", expected the sha256 recorded in datapackage\.json/);
  });

  test("warns of indicator rows outside their LA's lifespan in areas.csv, one warning per LA naming its periods and rows", () => {
    const dir = writeWithEdit((d) => fs.appendFileSync(path.join(d, "indicators.csv"), "E06900002,2020,caseload,18,360,20,\nE06900003,2018,caseload,18,360,20,\nE06900002,2021,caseload,18,360,20,\n"));
    const { errors, warnings } = validatePackage(dir);
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings.filter((w) => /lifespan/.test(w)).map((w) => w.replace(/^.*indicators\.csv/, "indicators.csv")), [
      "indicators.csv: 2 row(s) of E06900002 for periods outside its lifespan in areas.csv (…–2019): 2020, 2021 (rows 7, 9)",
      "indicators.csv: 1 row(s) of E06900003 for periods outside its lifespan in areas.csv (2019–…): 2018 (rows 8)",
    ]);
    const clean = writeWithEdit(() => undefined);
    assert.deepEqual(validatePackage(clean).warnings.filter((w) => /lifespan/.test(w)), []);
  });

  const cases: [string, (dir: string) => void, RegExp][] = [
    [
      "an unknown la_code",
      (d) => replaceInFile(path.join(d, "context.csv"), "E06900002,2018", "E06999999,2018"),
      /context\.csv, row 2, column "la_code": got "E06999999", expected an la_code listed in areas\.csv/,
    ],
    [
      "a duplicate (la_code, period, indicator)",
      (d) => fs.appendFileSync(path.join(d, "indicators.csv"), "E06900001,2018,caseload,18,360,20,\n"),
      /indicators\.csv, row 7, column "la_code\+period\+indicator": got "E06900001, 2018, caseload", expected a unique \(la_code, period, indicator\); already on row 6/,
    ],
    [
      "a value that is not a number",
      (d) => replaceInFile(path.join(d, "indicators.csv"), "17.25", "17,25".replace(",", "x")),
      /indicators\.csv, row 6, column "value": got "17x25", expected a number \(or an empty cell for missing\)/,
    ],
    [
      "a numerator larger than its denominator",
      (d) => replaceInFile(path.join(d, "indicators.csv"), "21.5,43,200", "21.5,430,200"),
      /indicators\.csv, row 1, column "numerator": got "430", expected a numerator ≤ the denominator \(200\)/,
    ],
    [
      "a percentage outside 0–100",
      (d) => replaceInFile(path.join(d, "indicators.csv"), "21.5,43,200", "121.5,43,200"),
      /indicators\.csv, row 1, column "value": got "121\.5", expected a percentage from 0 to 100/,
    ],
    [
      "an indicator missing from the catalogue",
      (d) => replaceInFile(path.join(d, "indicators.csv"), "2018,caseload", "2018,caseloads"),
      /indicators\.csv, row 6, column "indicator": got "caseloads", expected an indicator listed in catalogue\.csv/,
    ],
    [
      "a missing value without a reason",
      (d) => replaceInFile(path.join(d, "indicators.csv"), "suppressed:c", ""),
      /indicators\.csv, row 2, column "status": got "", expected the reason a missing value is missing/,
    ],
    [
      "an unknown status",
      (d) => replaceInFile(path.join(d, "indicators.csv"), "suppressed:c", "hidden"),
      /indicators\.csv, row 2, column "status": got "hidden", expected blank or one of suppressed, not-available, not-applicable, low-reliability/,
    ],
    [
      "a missing value whose status has a colon and no symbol after it",
      (d) => replaceInFile(path.join(d, "indicators.csv"), "not-available:x", "not-available:"),
      /indicators\.csv, row 4, column "status": got "not-available:", expected blank or one of suppressed, not-available, not-applicable, low-reliability \(optionally ":symbol", the symbol not empty\)/,
    ],
    [
      "a missing column",
      (d) => fs.writeFileSync(path.join(d, "context.csv"), "la_code,period,value\nE06900001,2018,0.2\n"),
      /context\.csv, row 0, column "variable": expected a column "variable"/,
    ],
    [
      "an unknown polarity",
      (d) => replaceInFile(path.join(d, "catalogue.csv"), "workforce,down", "workforce,lower"),
      /catalogue\.csv, row 2, column "polarity": got "lower", expected one of up, down, none/,
    ],
    [
      "a malformed date",
      (d) => replaceInFile(path.join(d, "outcomes.csv"), "2018-06-01", "01/06/2018"),
      /outcomes\.csv, row 1, column "date": got "01\/06\/2018", expected a date as yyyy-mm-dd/,
    ],
    [
      "a row with too few fields",
      (d) => fs.appendFileSync(path.join(d, "context.csv"), "E06900001,2019\n"),
      /context\.csv, row 3: got "2 fields", expected 4 fields as in the header$/,
    ],
    [
      "a file saved semicolon-separated with decimal commas (the hint names the separator)",
      (d) => {
        const file = path.join(d, "context.csv");
        const lines = fs.readFileSync(file, "utf8").split("\n").map((l) => l.split(",").join(";"));
        lines[1] = `${lines[1]};extra,1`;
        fs.writeFileSync(file, lines.join("\n"));
      },
      /context\.csv, row 1: got "2 fields", expected 1 field as in the header: read with commas as the separator, the header is one field, holding \d+ semicolons \(;\); the file looks semicolon-separated: save it as comma-separated CSV$/,
    ],
    [
      "a file saved semicolon-separated without a comma in it (the header's one column gets the hint)",
      (d) => {
        const file = path.join(d, "context.csv");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").split(",").join(";"));
      },
      /context\.csv, row 0, column "la_code;.*": got ".*", expected only the columns la_code, .*; the file looks semicolon-separated: save it as comma-separated CSV$/,
    ],
  ];
  for (const [what, edit, message] of cases) {
    test(`reports ${what} with file, row, column and expectation`, () => {
      const dir = writeWithEdit(edit);
      const { errors } = validatePackage(dir);
      assert.ok(errors.length >= 1, `expected an error for ${what}`);
      assert.ok(
        errors.some((e) => message.test(e.message)),
        `no error matched ${message}; got:\n${errors.map((e) => e.message).join("\n")}`,
      );
      assert.throws(() => readPackage(dir), DataErrors);
    });
  }

  test("writePackage refuses invalid rows and writes nothing", () => {
    const dir = path.join(tmp(), "out");
    const bad = fixture();
    (bad.indicators as unknown[]).push({ la_code: "E06900001", period: 2018, indicator: "nope", value: 1, numerator: null, denominator: null, status: "" });
    assert.throws(() => writePackage(dir, bad), (e: unknown) => e instanceof DataErrors && /indicators\.csv, row 7, column "indicator": got "nope"/.test(e.message));
    assert.equal(fs.existsSync(dir), false);
  });

  test("completeness counts values, suppressed, other missing and absent LAs by period", () => {
    const dir = tmp();
    writePackage(dir, fixture());
    const rows = completeness(readPackage(dir));
    const r2019 = rows.find((r) => r.indicator === "rereferral_pct" && r.period === 2019)!;
    // 2019: all three LAs exist; 1 suppressed, 1 not-available, 1 low-reliability value
    assert.deepEqual(
      { ...r2019 },
      { indicator: "rereferral_pct", period: 2019, expected: 3, withValue: 1, suppressed: 1, otherMissing: 1, lowReliability: 1, absent: 0, completeness: 1 / 3 },
    );
    const c2018 = rows.find((r) => r.indicator === "caseload" && r.period === 2018)!;
    // 2018: Eastmoor does not exist yet, so 2 expected; only Northbridge has a value
    assert.equal(c2018.expected, 2);
    assert.equal(c2018.absent, 1);
    assert.equal(c2018.completeness, 0.5);
  });
});

describe("CSV", () => {
  test("parses quotes, embedded commas and line breaks, CRLF and a BOM", () => {
    const csv = parseCsv('\ufeffa,b\r\n"x, ""y""","line\nbreak"\r\n3,\n', "t.csv");
    assert.deepEqual(csv.header, ["a", "b"]);
    assert.deepEqual(csv.rows, [["x, \"y\"", "line\nbreak"], ["3", ""]]);
  });
  test("rejects an unterminated quote with the row named", () => {
    assert.throws(() => parseCsv('a,b\n1,"oops\n', "t.csv"), /t\.csv, row 1: expected a closing quote/);
  });
  test("formats null as empty and quotes only when needed", () => {
    assert.equal(formatCsv([{ a: 1.5, b: null, c: "x,y" }], ["a", "b", "c"]), "a,b,c\n1.5,,\"x,y\"\n");
  });
});

test("writePackage refuses badly typed cells, each named row by row and field by field, and writes nothing", () => {
  const bad = fixture();
  const rows = bad.indicators as unknown as Record<string, unknown>[];
  rows[1] = { ...rows[1], period: 2019.5, value: Number.POSITIVE_INFINITY };
  rows[3] = { ...rows[3], status: null };
  (bad.outcomes as unknown as Record<string, unknown>[])[0].date = "2018-13-01";
  const dir = path.join(tmp(), "out");
  assert.throws(
    () => writePackage(dir, bad),
    (e: unknown) => {
      const messages = (e as DataErrors).errors.map((x) => `${x.file} ${x.row} ${x.column}`);
      assert.deepEqual(messages.slice(0, 4), ["indicators.csv 2 period", "indicators.csv 2 value", "indicators.csv 4 status", "outcomes.csv 1 date"]);
      return e instanceof DataErrors;
    },
  );
  assert.equal(fs.existsSync(dir), false);
});

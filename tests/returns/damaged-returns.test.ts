/**
 * Damaged returns found by a hostile-input review: each had given a zero rate or a vanished indicator with exit 0.
 * Every case is read on one thread and on one worker thread (the damaged LA is the smaller one, which shareLas
 * gives to the worker), and must give the same result or the same error both ways.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError, InputError } from "../../lib/errors";
import { collectionYear, isoDate, parseUkDate } from "../../lib/returns/dates";
import { importReturnsInParallel } from "../../lib/returns/import-parallel";
import { importReturns, type ReturnsImport } from "../../lib/returns/import-returns";
import { writeSyntheticReturns } from "../../lib/synthetic/returns-files";
import { plainImport, TEST_KEY, tempDir } from "./helpers";

/** The LA each test damages: the smaller of the two, so that on one worker the worker reads it. */
const DAMAGED = "E06000001";

/** Two LAs' returns of 2023 (SSDA903 tables and a CIN census each); the path of the damaged LA's year folder too. */
function twoLas(): { dir: string; year: string } {
  const dir = path.join(tempDir(), "in");
  writeSyntheticReturns(dir, {
    seed: 11,
    las: [
      { la: "E09000002", lookedAfterChildren: 60, cinChildren: 120, careLeaversPerYear: 8 },
      { la: DAMAGED, lookedAfterChildren: 30, cinChildren: 50, careLeaversPerYear: 5 },
    ],
    firstYear: 2023,
    lastYear: 2023,
  });
  return { dir, year: path.join(dir, DAMAGED, "2023") };
}

/** The import on one thread and on one worker, which must be the same; the one-thread result. */
async function importBothWays(dir: string): Promise<ReturnsImport> {
  const one = importReturns(dir, { key: TEST_KEY });
  const failures: string[] = [];
  const parallel = await importReturnsInParallel(dir, { key: TEST_KEY, workers: 1, onWorkerFailure: (reason) => failures.push(reason) });
  assert.deepEqual(failures, [], "the worker ran its share");
  assert.deepEqual(plainImport(parallel), plainImport(one), "one thread and one worker");
  return one;
}

/** The error the import throws on one thread, which must be the same (class and message) on one worker. */
async function errorBothWays(dir: string): Promise<Error> {
  let error: Error | undefined;
  try {
    importReturns(dir, { key: TEST_KEY });
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    error = e;
  }
  assert.ok(error !== undefined, "the import refused the folder");
  await assert.rejects(importReturnsInParallel(dir, { key: TEST_KEY, workers: 1 }), (e: unknown) => e instanceof Error && e.constructor === error!.constructor && e.message === error!.message);
  return error;
}

/** The indicators of the damaged LA. */
const indicatorsOf = (r: ReturnsImport): string[] => r.indicators.filter((row) => row.la_code === DAMAGED).map((row) => row.indicator);

test("an episodes.csv with lone CR line ends gives the package the same table with LF ends gives", async () => {
  const { dir, year } = twoLas();
  const lf = plainImport(await importBothWays(dir));
  const episodes = path.join(year, "episodes.csv");
  fs.writeFileSync(episodes, fs.readFileSync(episodes, "utf8").replace(/\n/g, "\r"));
  const header = path.join(year, "header.csv");
  fs.writeFileSync(header, fs.readFileSync(header, "utf8").replace(/\n/g, "\r"));
  assert.deepEqual(plainImport(await importBothWays(dir)), lf);
});

test("an episodes.csv holding its header alone gives no children-looked-after figure for the LA-year, not a rate of 0, and says so", async () => {
  const { dir, year } = twoLas();
  const episodes = path.join(year, "episodes.csv");
  fs.writeFileSync(episodes, fs.readFileSync(episodes, "utf8").split("\n")[0] + "\n");
  const result = await importBothWays(dir);
  assert.deepEqual(indicatorsOf(result).filter((i) => i.startsWith("cla_") || i.startsWith("care_leavers_")), []);
  assert.ok(indicatorsOf(result).some((i) => i.startsWith("cin_")), "the census still counts");
  const notice = result.log.entries().find((e) => e.file === `${DAMAGED} 2023` && e.rule.startsWith("no episode read"));
  assert.ok(notice, "a notice for the LA-year");
  assert.match(notice.rule, /E06000001[\\/]2023[\\/]episodes\.csv/);
});

test("an episodes.csv cut inside its last row (too few fields, no line end) is an error naming the file and row, not a dropped row", async () => {
  const { dir, year } = twoLas();
  const episodes = path.join(year, "episodes.csv");
  const text = fs.readFileSync(episodes, "utf8");
  const lines = text.split("\n").length - 1;
  fs.writeFileSync(episodes, text.slice(0, text.lastIndexOf(",", text.length - 20)));
  const error = await errorBothWays(dir);
  assert.ok(error instanceof DataError);
  assert.equal(error.file, path.join(DAMAGED, "2023", "episodes.csv"));
  assert.equal(error.row, lines - 1);
  assert.match(error.message, /ends inside it/);
});

test("an episodes.csv cut inside a quoted cell is the same error; a last row complete without a line end is read", async () => {
  const { dir, year } = twoLas();
  const episodes = path.join(year, "episodes.csv");
  const text = fs.readFileSync(episodes, "utf8");
  const whole = plainImport(await importBothWays(dir));
  fs.writeFileSync(episodes, text.slice(0, -1));
  assert.deepEqual(plainImport(await importBothWays(dir)), whole, "the same without the last line end");
  fs.writeFileSync(episodes, text + 'C999,"01/05/2022');
  const error = await errorBothWays(dir);
  assert.ok(error instanceof DataError);
  assert.equal(error.value, "a quote not closed");
});

test("a CIN census whose Child elements (or all elements) carry a namespace prefix is an error naming the file and element, not CIN rates of 0", async () => {
  const { dir, year } = twoLas();
  const census = path.join(year, "cin_census.xml");
  const xml = fs.readFileSync(census, "utf8");
  fs.writeFileSync(census, xml.replace(/<Child>/g, '<x:Child xmlns:x="urn:x">').replace(/<\/Child>/g, "</x:Child>"));
  const error = await errorBothWays(dir);
  assert.ok(error instanceof DataError);
  assert.equal(error.file, path.join(DAMAGED, "2023", "cin_census.xml"));
  assert.match(error.message, /expected <Child> without a namespace prefix/);
  // every element prefixed: still taken for a census (not listed as another XML file), and refused at its first element the reader reads
  fs.writeFileSync(census, xml.replace(/<(\/?)([A-Za-z])/g, "<$1c:$2").replace("<c:Message", '<c:Message xmlns:c="urn:c"'));
  assert.match((await errorBothWays(dir)).message, /got "<…:Header>", expected <Header> without a namespace prefix/);
});

test("a CIN census with no Child element gives no children-in-need figure for the LA-year, not rates of 0, and a notice naming the file", async () => {
  const { dir, year } = twoLas();
  const census = path.join(year, "cin_census.xml");
  const xml = fs.readFileSync(census, "utf8");
  fs.writeFileSync(census, xml.slice(0, xml.indexOf("<Children>")) + "<Children/></Message>\n");
  const result = await importBothWays(dir);
  assert.deepEqual(indicatorsOf(result).filter((i) => i.startsWith("cin_") || i.startsWith("cpp_")), []);
  assert.ok(indicatorsOf(result).some((i) => i.startsWith("cla_")), "the SSDA903 tables still count");
  const notice = result.log.entries().find((e) => e.file === path.join(DAMAGED, "2023", "cin_census.xml") && e.rule.startsWith("a CIN census with no Child element"));
  assert.ok(notice, "a notice naming the file");
});

test("a CIN census whose ReferenceDate or Year disagrees with its folder's year is an error naming the file, element, value and the folder's year; the 2023 figures are not moved to 2019", async () => {
  const { dir, year } = twoLas();
  const census = path.join(year, "cin_census.xml");
  const xml = fs.readFileSync(census, "utf8");
  fs.writeFileSync(census, xml.replace("<ReferenceDate>2023-03-31<", "<ReferenceDate>2019-03-31<"));
  let error = await errorBothWays(dir);
  assert.ok(error instanceof DataError);
  assert.deepEqual([error.file, error.column, error.value], [path.join(DAMAGED, "2023", "cin_census.xml"), "ReferenceDate", "2019-03-31"]);
  assert.match(error.message, /in 2022-23 \(the year ending 31 March 2023\), the collection year of the folder the census is in/);
  fs.writeFileSync(census, xml.replace("<Year>2023<", "<Year>2019<"));
  error = await errorBothWays(dir);
  assert.ok(error instanceof DataError);
  assert.deepEqual([error.column, error.value], ["Year", "2019"]);
});

test("a CIN census in a folder that names no year takes its ReferenceDate's year, and a Year disagreeing with it is an error", async () => {
  const { dir, year } = twoLas();
  const census = path.join(year, "cin_census.xml");
  const moved = path.join(dir, DAMAGED, "cin_census.xml");
  fs.renameSync(census, moved);
  const result = await importBothWays(dir);
  assert.ok(result.indicators.some((r) => r.la_code === DAMAGED && r.period === 2023 && r.indicator.startsWith("cin_")));
  fs.writeFileSync(moved, fs.readFileSync(moved, "utf8").replace("<Year>2023<", "<Year>2022<"));
  const error = await errorBothWays(dir);
  assert.ok(error instanceof DataError);
  assert.deepEqual([error.column, error.value], ["Year", "2022"]);
  assert.match(error.message, /the year its ReferenceDate 2023-03-31 gives/);
});

test("a file named as a return that cannot be read is an error naming it and what is wrong, not a file 'not read'; unrelated files stay not read", async () => {
  const { dir, year } = twoLas();
  const episodes = path.join(year, "episodes.csv");
  const census = path.join(year, "cin_census.xml");
  const text = fs.readFileSync(episodes, "utf8");
  const xml = fs.readFileSync(census, "utf8");
  fs.writeFileSync(path.join(year, "README.txt"), "sent on 3 May\n");
  fs.writeFileSync(path.join(year, "notes.pdf"), "%PDF-1.4\n");
  const cases: [string, string, string | Buffer, RegExp][] = [
    ["empty episodes.csv", episodes, "", /episodes\.csv, row 0: expected the header row of an SSDA903 Episodes table .*: the file is empty/],
    ["UTF-16 episodes.csv", episodes, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), /episodes\.csv, row 0: got "a UTF-16 \(little-endian\) byte order mark \(FF FE\)", expected the header row of an SSDA903 Episodes table .*: save it as CSV UTF-8/],
    ["semicolons", episodes, text.replace(/,/g, ";"), /: its columns are separated by semicolons/],
    ["tabs", episodes, text.replace(/,/g, "\t"), /: its columns are separated by tabs/],
    ["a column twice", episodes, text.replace(/^CHILD,DECOM,/, "CHILD,CHILD,"), /episodes\.csv, row 0, column "CHILD": expected each column once: CHILD is column 1 and column 2/],
    ["a column missing", episodes, text.replace(/^CHILD,DECOM,/, "CHILD,START,"), /episodes\.csv, row 0, column "DECOM": expected the columns of an SSDA903 Episodes table \(CHILD, DECOM, RNE, LS, PLACE, DEC\): no DECOM column; it has START, which is not an SSDA903 Episodes column: rename the column that holds each missing one to its SSDA903 name/],
    ["empty census", census, "", /cin_census\.xml: expected a CIN census .*: the file is empty/],
    ["a census that is not XML", census, "CHILD,DOB\nN1,2010-01-01\n", /cin_census\.xml: expected a CIN census .*: it is not XML/],
  ];
  for (const [what, file, bytes, message] of cases) {
    fs.writeFileSync(file, bytes);
    const error = await errorBothWays(dir);
    assert.ok(error instanceof DataError, what);
    assert.match(error.message, message, what);
    fs.writeFileSync(episodes, text);
    fs.writeFileSync(census, xml);
  }
  const result = await importBothWays(dir);
  const notRead = result.log.entries().filter((e) => e.action === "unknown-file").map((e) => path.basename(e.file));
  assert.deepEqual(notRead.sort(), ["README.md", "README.txt", "expected-figures.csv", "notes.pdf"]);
});

test("a date of birth after the collection year (Header DOB, census PersonBirthDate) is a warning naming file, row and column, its value withheld", async () => {
  const { dir, year } = twoLas();
  const header = path.join(year, "header.csv");
  const lines = fs.readFileSync(header, "utf8").split("\n");
  const dob = lines[0].split(",").indexOf("DOB");
  const cells = lines[2].split(",");
  cells[dob] = "03/10/2030";
  lines[2] = cells.join(",");
  fs.writeFileSync(header, lines.join("\n"));
  const census = path.join(year, "cin_census.xml");
  const xml = fs.readFileSync(census, "utf8");
  const second = xml.indexOf("<PersonBirthDate>", xml.indexOf("<PersonBirthDate>") + 1);
  fs.writeFileSync(census, xml.slice(0, second) + xml.slice(second).replace(/<PersonBirthDate>\d{4}/, "<PersonBirthDate>2030"));
  const entries = (await importBothWays(dir)).log.entries().filter((e) => e.action === "warning" && /^date of birth after/.test(e.rule));
  assert.deepEqual(
    entries.map((e) => [e.file, e.row, e.column, e.value]),
    [
      [path.join(DAMAGED, "2023", "header.csv"), 2, "DOB", "(withheld)"],
      [path.join(DAMAGED, "2023", "cin_census.xml"), 2, "PersonBirthDate", "(withheld)"],
    ],
  );
});

test("an episodes.csv that is a named pipe, a folder or a link to a device is an error naming the file and what it is, without waiting on the pipe", async () => {
  const { dir, year } = twoLas();
  const episodes = path.join(year, "episodes.csv");
  fs.rmSync(episodes);
  const makers: [string, () => void, RegExp][] = [
    ["a named pipe", () => execFileSync("mkfifo", [episodes]), /got "a named pipe \(FIFO\)"/],
    ["a folder", () => fs.mkdirSync(episodes), /got "a folder"/],
    ["a link to /dev/zero", () => fs.symlinkSync("/dev/zero", episodes), /got "a symbolic link to a device"/],
    ["a broken link", () => fs.symlinkSync(path.join(year, "gone.csv"), episodes), /got "a broken symbolic link"/],
  ];
  for (const [what, make, kind] of makers) {
    make();
    const error = await errorBothWays(dir);
    assert.ok(error instanceof DataError, what);
    assert.equal(error.file, path.join(DAMAGED, "2023", "episodes.csv"), what);
    assert.match(error.message, kind, what);
    assert.match(error.message, /expected an SSDA903 Episodes table, as its name says: a regular file/, what);
    fs.rmSync(episodes, { recursive: true });
  }
});

test("a link to a table is read as the table; a named pipe named as no return is logged as not read", async () => {
  const { dir, year } = twoLas();
  const whole = (await importBothWays(dir)).indicators;
  const episodes = path.join(year, "episodes.csv");
  fs.renameSync(episodes, path.join(dir, "kept-aside.txt"));
  fs.symlinkSync(path.join(dir, "kept-aside.txt"), episodes);
  execFileSync("mkfifo", [path.join(year, "notes.txt")]);
  const result = await importBothWays(dir);
  assert.deepEqual(result.indicators, whole);
  const pipe = result.log.entries().find((e) => e.file === path.join(DAMAGED, "2023", "notes.txt"));
  assert.equal(pipe?.action, "unknown-file");
  assert.match(pipe.rule, /a named pipe \(FIFO\): not read/);
});

test("next year's tables filed under this year are refused, naming the table and the year of its latest start", async () => {
  const dir = path.join(tempDir(), "in");
  writeSyntheticReturns(dir, { seed: 7, las: [{ la: DAMAGED, lookedAfterChildren: 30, cinChildren: 50, careLeaversPerYear: 5 }], firstYear: 2022, lastYear: 2023 });
  for (const name of ["header.csv", "episodes.csv", "missing.csv", "oc2.csv", "oc3.csv"]) {
    fs.copyFileSync(path.join(dir, DAMAGED, "2023", name), path.join(dir, DAMAGED, "2022", name));
  }
  const error = await errorBothWays(dir);
  assert.ok(error instanceof DataError);
  assert.equal(error.file, path.join(DAMAGED, "2022", "episodes.csv"), "the Episodes table's evidence first, of the whole folder's");
  assert.equal(error.value, "the latest start in 2022-23");
  assert.match(error.message, /the episodes open in 2021-22, the collection year of its folder: none ends in 2021-22 or before, and \d+ started after it ended .* a later year's table; move it to the folder of its year/);
});

test("another year's Missing, Header, OC2 or OC3 table beside the year's own Episodes table is refused, naming it and the year its dates fit", async () => {
  const dir = path.join(tempDir(), "in");
  writeSyntheticReturns(dir, { seed: 7, las: [{ la: DAMAGED, lookedAfterChildren: 120, cinChildren: 50, careLeaversPerYear: 40 }], firstYear: 2022, lastYear: 2023 });
  const cases = [
    { name: "missing.csv", from: "2022", to: "2023", value: "the latest start or end in 2021-22", said: /the missing and away incidents of 2022-23, .* an earlier year's table/ },
    { name: "header.csv", from: "2023", to: "2022", value: "dates of birth that fit 2022-23, not 2021-22", said: /children looked after at some time in 2021-22 .* every one fits 2022-23's, so this is a later year's table/ },
    { name: "oc2.csv", from: "2022", to: "2023", value: "dates of birth that fit 2021-22, not 2022-23", said: /children looked after continuously for 12 months at 31 March 2023, .* so this is an earlier year's table/ },
    { name: "oc3.csv", from: "2022", to: "2023", value: "dates of birth that fit 2021-22, not 2022-23", said: /care leavers whose 17th, 18th, 19th, 20th or 21st birthday is in 2022-23, .* so this is an earlier year's table/ },
  ];
  for (const c of cases) {
    const own = path.join(dir, DAMAGED, c.to, c.name);
    const kept = fs.readFileSync(own);
    fs.copyFileSync(path.join(dir, DAMAGED, c.from, c.name), own);
    const error = await errorBothWays(dir);
    assert.ok(error instanceof DataError, c.name);
    assert.equal(error.file, path.join(DAMAGED, c.to, c.name));
    assert.equal(error.value, c.value, c.name);
    assert.match(error.message, c.said);
    fs.writeFileSync(own, kept);
  }
  await importBothWays(dir); // each table back in its own year: read
});

test("an exact copy of episodes.csv under another name is read once, said on the screen; a different second Episodes table is refused naming both", async () => {
  const { dir, year } = twoLas();
  const first = await importBothWays(dir);
  const whole = plainImport(first);
  const episodes = path.join(year, "episodes.csv");
  const copy = path.join(year, "Episodes (1).csv");
  fs.copyFileSync(episodes, copy);
  const result = await importBothWays(dir);
  assert.deepEqual(result.indicators, whole.indicators);
  assert.deepEqual(result.log.fileSummary(), whole.log.files, "no row dropped as overlapping");
  assert.deepEqual(
    result.log.notices.map((n) => [n.file, n.rule]),
    [
      [path.join(DAMAGED, "2023", "Episodes (1).csv"), `SSDA903 Episodes table not read: an exact copy of ${path.join(DAMAGED, "2023", "episodes.csv")} (the same content), which is read`],
      ...first.log.notices.map((n) => [n.file, n.rule]),
    ],
  );
  const lines = fs.readFileSync(episodes, "utf8").split("\n");
  fs.writeFileSync(copy, [...lines.slice(0, 2), ...lines.slice(3)].join("\n"));
  const error = await errorBothWays(dir);
  assert.match(error.message, /two different SSDA903 Episodes tables of E06000001 for 2022-23, E06000001[\\/]2023[\\/]episodes\.csv and E06000001[\\/]2023[\\/]Episodes \(1\)\.csv/);
});

test("an Episodes table split over two files (the same header, no row in both) is refused, telling the user to combine them; two files sharing rows are refused as two versions, telling them to keep one", async () => {
  const { dir, year } = twoLas();
  const episodes = path.join(year, "episodes.csv");
  const [header, ...rows] = fs.readFileSync(episodes, "utf8").split("\n").filter((line) => line !== "");
  const half = Math.floor(rows.length / 2);
  const part = path.join(year, "episodes_part2.csv");
  fs.writeFileSync(episodes, [header, ...rows.slice(0, half)].join("\n") + "\n");
  // the second part saved by Excel: a byte-order mark and CRLF line ends, the same header and rows all the same
  fs.writeFileSync(part, "\ufeff" + [header, ...rows.slice(half)].join("\r\n") + "\r\n");
  const split = await errorBothWays(dir);
  assert.ok(split instanceof InputError);
  assert.equal(
    split.message,
    `DIR: two different SSDA903 Episodes tables of ${DAMAGED} for 2022-23, ${path.join(DAMAGED, "2023", "episodes.csv")} and ${path.join(DAMAGED, "2023", "episodes_part2.csv")}: ` +
      "they have the same columns and no row in both, as parts of one table exported in two files have: if they are, combine them into one file (one header row, then the rows of each); if they are two versions, keep the one to count " +
      `(got "${path.join(DAMAGED, "2023", "episodes.csv")}, ${path.join(DAMAGED, "2023", "episodes_part2.csv")}")`,
  );
  // three rows of the first part repeated in the second: two versions (or overlapping parts), never both read
  fs.writeFileSync(episodes, [header, ...rows.slice(0, half)].join("\n") + "\n");
  fs.writeFileSync(part, [header, ...rows.slice(half - 3)].join("\n") + "\n");
  const overlapping = await errorBothWays(dir);
  assert.match(overlapping.message, /episodes_part2\.csv: 3 row\(s\) of \S+episodes_part2\.csv are in \S+episodes\.csv too, so which one is the return cannot be told and reading both would count those rows twice; keep the one to count/);
});

test("a year whose SSDA903 tables hold no Episodes table says so on the screen, naming the LA-year and its files", async () => {
  const { dir, year } = twoLas();
  fs.rmSync(path.join(year, "episodes.csv"));
  const result = await importBothWays(dir);
  assert.deepEqual(indicatorsOf(result).filter((i) => i.startsWith("cla_") || i.startsWith("care_leavers_")), []);
  const notice = result.log.notices.find((n) => n.file === `${DAMAGED} 2023`);
  assert.ok(notice, "a notice for the LA-year");
  assert.match(notice.rule, /^no Episodes table read \(the year's SSDA903 files: .*header\.csv/);
});

test("last year's tables filed under this year are refused, naming the table and the year its latest date is in", async () => {
  const dir = path.join(tempDir(), "in");
  writeSyntheticReturns(dir, { seed: 7, las: [{ la: DAMAGED, lookedAfterChildren: 30, cinChildren: 50, careLeaversPerYear: 5 }], firstYear: 2022, lastYear: 2023 });
  for (const name of ["header.csv", "episodes.csv", "missing.csv", "oc2.csv", "oc3.csv"]) {
    fs.copyFileSync(path.join(dir, DAMAGED, "2022", name), path.join(dir, DAMAGED, "2023", name));
  }
  const error = await errorBothWays(dir);
  assert.ok(error instanceof DataError);
  assert.equal(error.file, path.join(DAMAGED, "2023", "episodes.csv"));
  assert.equal(error.value, "the latest start or end in 2021-22");
  assert.match(error.message, /none starts or ends in 2022-23 or later, and \d+ ended before it began .* an earlier year's table/);
});

test("a date of birth after the start of the child's first episode is a warning on the Header row, and the child leaves the age-based indicator only", async () => {
  const { dir, year } = twoLas();
  const before = await importBothWays(dir);
  const header = path.join(year, "header.csv");
  const episodes = fs.readFileSync(path.join(year, "episodes.csv"), "utf8").split("\n");
  const cell = (line: string, column: string) => line.split(",")[episodes[0].split(",").indexOf(column)];
  const child = cell(episodes[1], "CHILD");
  // the child's first episode, and a date of birth the day after it starts (inside the collection year)
  const first = episodes
    .map((line, row) => ({ line, row }))
    .filter((e) => e.row > 0 && e.line !== "" && cell(e.line, "CHILD") === child)
    .map((e) => ({ row: e.row, start: parseUkDate(cell(e.line, "DECOM")) }))
    .sort((a, b) => a.start! - b.start!)[0];
  assert.ok(first.start! + 1 <= collectionYear(2023).end);
  const [y, m, d] = isoDate(first.start! + 1).split("-");
  const lines = fs.readFileSync(header, "utf8").split("\n");
  const columns = lines[0].split(",");
  const row = lines.findIndex((l) => l.split(",")[columns.indexOf("CHILD")] === child);
  const cells = lines[row].split(",");
  cells[columns.indexOf("DOB")] = `${d}/${m}/${y}`;
  lines[row] = cells.join(",");
  fs.writeFileSync(header, lines.join("\n"));
  const result = await importBothWays(dir);
  const warnings = result.log.entries().filter((e) => /^date of birth after the start of the child's first episode/.test(e.rule));
  assert.deepEqual(
    warnings.map((e) => [e.file, e.row, e.column, e.value, e.detail]),
    [[path.join(DAMAGED, "2023", "header.csv"), row, "DOB", "(withheld)", `the episode in ${path.join(DAMAGED, "2023", "episodes.csv")} row ${first.row}`]],
  );
  const figures = (r: ReturnsImport) => r.indicators.filter((i) => i.la_code === DAMAGED && i.indicator !== "cla_long_term_stability_pct").map((i) => [i.indicator, i.value]);
  assert.deepEqual(figures(result), figures(before), "every other figure as before");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import { DataError, InputError } from "../../lib/errors";
import { decodeUtf8 } from "../../lib/data/csv";
import { buildAreas } from "../../lib/data/import/areas";
import { OFFICIAL_AREA_NAMES_WITH_COMMAS } from "../../lib/data/own-data/match-areas";
import { readPackage } from "../../lib/data/package";
import { laListFromOption, laNamesOf, latestIndicatorPeriod, looksLikePath, parseLaList, regionLas, resolveLa, resolveLaList, restrictPackage } from "../../lib/data/restrict";
import { tempFile, writeFixturePackage } from "./own-data/fixture";
import { writeReorganisedPackage } from "./reorganised-las-fixture";
import { officialFile, officialTest } from "../helpers/official";

const pkg = readPackage(writeFixturePackage());

test("parseLaList splits commas and lines, drops comments and keeps a name with a comma whole when it is one of the names", () => {
  const names = ["Bristol, City of", "Bournemouth, Christchurch and Poole", "Camden", "City of London"];
  assert.deepEqual(parseLaList("E06000023, St Helens\nBristol, City of # pilot\n\n# comment\n801", names), ["E06000023", "St Helens", "Bristol, City of", "801"]);
  assert.deepEqual(parseLaList("Camden,City of London", names), ["Camden", "City of London"]);
  // walkthrough finding 7: the file's line was cut into "Bournemouth" and "Christchurch and Poole"
  assert.deepEqual(parseLaList("Bournemouth, Christchurch and Poole\nPoole", names), ["Bournemouth, Christchurch and Poole", "Poole"]);
  assert.deepEqual(parseLaList("Poole,Bournemouth,Christchurch and Poole,Camden", names), ["Poole", "Bournemouth, Christchurch and Poole", "Camden"]);
  // "Hull" is a short form (AREA_NAME_VARIANTS) and ", City of" is dropped when names are compared
  assert.deepEqual(parseLaList("Hull, City of,Camden", [...names, "Hull"]), ["Hull, City of", "Camden"]);
  // a name not among them: every comma separates
  assert.deepEqual(parseLaList("Westshire, Eastshire", names), ["Westshire", "Eastshire"]);
});

test("parseLaList without the package's names (from the library) still keeps an official name with a comma whole", () => {
  assert.deepEqual(parseLaList("Bristol, City of,Camden\nBournemouth, Christchurch and Poole"), ["Bristol, City of", "Camden", "Bournemouth, Christchurch and Poole"]);
  assert.deepEqual(parseLaList("Kingston upon Hull, City of, Herefordshire, County of"), ["Kingston upon Hull, City of", "Herefordshire, County of"]);
  // written another way that compares equal (areaNameKey), as with the package's names
  assert.deepEqual(parseLaList("bristol,city of"), ["bristol, city of"]);
  assert.deepEqual(parseLaList("Bristol, Camden"), ["Bristol", "Camden"]);
});

officialTest("every official LA name with a comma (the official lookup) is one parseLaList keeps whole", () => {
  const lookup = decodeUtf8(fs.readFileSync(officialFile("derived", "la_lookup_dfe_ons_codes.csv")), "la_lookup_dfe_ons_codes.csv");
  const withCommas = buildAreas(lookup, "la_lookup_dfe_ons_codes.csv").areas.map((a) => a.la_name).filter((n) => n.includes(","));
  assert.ok(withCommas.length > 0);
  assert.deepEqual([...new Set(withCommas)].sort(), [...OFFICIAL_AREA_NAMES_WITH_COMMAS].sort());
  for (const name of withCommas) assert.deepEqual(parseLaList(`${name},Camden`), [name, "Camden"]);
});

test("parseLaList keeps a double-quoted item whole, as a spreadsheet saves a name with a comma, and names a quote left open", () => {
  assert.deepEqual(parseLaList('"Bournemouth, Christchurch and Poole"\r\n'), ["Bournemouth, Christchurch and Poole"]);
  assert.deepEqual(parseLaList(' "Bournemouth, Christchurch and Poole" , Poole,"St ""Helens"" # not a comment"'), ["Bournemouth, Christchurch and Poole", "Poole", 'St "Helens" # not a comment']);
  assert.deepEqual(parseLaList('"Ynys Môn" # Welsh'), ["Ynys Môn"]);
  assert.throws(() => parseLaList('Poole\n"Bournemouth, Christchurch and Poole', [], "--las pilot.txt"), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.message, '--las pilot.txt, row 2: got "\\"Bournemouth, Christchurch and Poole", expected a closing double quote on the same line');
    return true;
  });
  assert.throws(() => parseLaList('"Poole" Bournemouth'), /--las, row 1: got .*expected a comma or the end of the line after a closing double quote/);
});

test("resolveLaList matches codes, earlier codes, numbers and names, and names what it cannot match", () => {
  assert.deepEqual(resolveLaList(pkg, ["Bristol", "E10000023", "342", "Hull"], "--las"), ["E06000010", "E06000023", "E06000065", "E08000013"]);
  assert.throws(() => resolveLaList(pkg, ["Bristol", "Barnsly", "England"], "pilot.txt"), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.match(e.message, /^pilot\.txt: expected LAs of the package \(ONS code, DfE number or name\); not found: "Barnsly": no LA named "Barnsly" in areas.csv \(did you mean "Barnsley"\?\); "England" is England, not an LA/);
    return true;
  });
  assert.throws(() => resolveLaList(pkg, [], "--las"), /at least one LA/);
});

test("resolveLaList with a period resolves a name two LAs shared to that period's LA; without one it stays ambiguous (walkthrough F13c)", () => {
  // Dorset: E10000009 (county) until 2019, E06000059 (unitary) from 2020
  assert.deepEqual(resolveLaList(pkg, ["Dorset", "Bristol"], "--las", 2024), ["E06000023", "E06000059"]);
  assert.deepEqual(resolveLaList(pkg, ["Dorset"], "--las", 2018), ["E10000009"]);
  assert.throws(() => resolveLaList(pkg, ["Dorset"], "--las"), /"Dorset" fits 2 LAs in every period \(E06000059, E10000009\): use the ONS code/);
  // an LA listed by code is kept even when it ended before the period, as without one
  assert.deepEqual(resolveLaList(pkg, ["E10000009", "Bristol"], "--las", 2024), ["E06000023", "E10000009"]);
});

test("resolveLaList refuses a name of an LA that did not exist in the period, naming the LAs that replaced it or that it replaced (walkthrough findings 8, 9)", () => {
  const reorganised = readPackage(writeReorganisedPackage());
  assert.throws(() => resolveLaList(reorganised, ["Poole", "Bournemouth", "St Helens"], "--las pilot.txt", 2024), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.equal(
      e.message,
      "--las pilot.txt: expected LAs of the package (ONS code, DfE number or name); not found: " +
        '"Poole": Poole (E06000029) existed until 2019, not in 2024, the analysis period; the LA that replaced it from 2020: Bournemouth, Christchurch and Poole (E06000058); ' +
        '"Bournemouth": Bournemouth (E06000028) existed until 2019, not in 2024, the analysis period; the LA that replaced it from 2020: Bournemouth, Christchurch and Poole (E06000058)',
    );
    return true;
  });
  assert.throws(() => resolveLaList(reorganised, ["Cumbria"], "--las", 2024), /"Cumbria": Cumbria \(E10000006\) existed until 2023, not in 2024, the analysis period; the LAs that replaced it from 2024: Cumberland \(E06000063\), Westmorland and Furness \(E06000064\)/);
  assert.throws(() => resolveLaList(reorganised, ["Bournemouth, Christchurch and Poole"], "--las", 2018), /existed from 2020, not in 2018, the analysis period; the LAs it replaced \(until 2019\): Bournemouth \(E06000028\), Poole \(E06000029\), Dorset \(E10000009\)/);
  // Dorset County Council's successors are both (Christchurch went to BCP); the unitary Dorset replaced the county only
  assert.throws(() => resolveLaList(reorganised, ["835"], "--las", 2024), /"835": Dorset \(E10000009\) existed until 2019, not in 2024, the analysis period; the LAs that replaced it from 2020: Bournemouth, Christchurch and Poole \(E06000058\), Dorset \(E06000059\)$/);
  assert.throws(() => resolveLaList(reorganised, ["838"], "--las", 2018), /"838": Dorset \(E06000059\) existed from 2020, not in 2018, the analysis period; the LA it replaced \(until 2019\): Dorset \(E10000009\)$/);
  // the same names in a period they existed in
  assert.deepEqual(resolveLaList(reorganised, ["Poole", "Bournemouth", "Cumbria"], "--las", 2019), ["E06000028", "E06000029", "E10000006"]);
  // codes are kept outside the period, but a list none of whose LAs existed in it is refused
  assert.deepEqual(resolveLaList(reorganised, ["E06000028", "E06000058"], "--las", 2024), ["E06000028", "E06000058"]);
  assert.throws(() => resolveLaList(reorganised, ["E06000028", "E06000029"], "--las", 2024), /--las: expected at least one LA that existed in 2024, the analysis period \(listed: E06000028, E06000029\)/);
});

test("resolveLa matches one LA as add does, keeping an LA of another period when the name fits no LA of this one (walkthrough finding 13a)", () => {
  const reorganised = readPackage(writeReorganisedPackage());
  assert.deepEqual(resolveLa(reorganised, "St Helens", 2024), { laCode: "E08000013" });
  assert.deepEqual(resolveLa(reorganised, "Saint Helens", undefined), { laCode: "E08000013" });
  assert.deepEqual(resolveLa(reorganised, "City of Bristol", 2024), { laCode: "E06000023" });
  assert.deepEqual(resolveLa(reorganised, "BCP", 2024), { laCode: "E06000058" });
  assert.deepEqual(resolveLa(reorganised, "Dorset", 2024), { laCode: "E06000059" });
  assert.deepEqual(resolveLa(reorganised, "Dorset", 2019), { laCode: "E10000009" });
  assert.deepEqual(resolveLa(reorganised, "Cumbria", 2024), { laCode: "E10000006" });
  assert.deepEqual(resolveLa(reorganised, "St Helen", 2024), { problem: '"St Helen": no LA named "St Helen" in areas.csv (did you mean "St. Helens"?)' });
});

test("latestIndicatorPeriod is the latest period with a value", () => {
  assert.equal(latestIndicatorPeriod(readPackage(writeReorganisedPackage())), 2024);
  assert.equal(latestIndicatorPeriod(pkg), 2019);
});

test("laListFromOption reads a file one LA a line with the package's names, through a byte-order mark and CRLF, and names --las and the file in errors", () => {
  const reorganised = readPackage(writeReorganisedPackage());
  const file = tempFile("pilot-las.txt", "\ufeff# my pilot LAs\r\nBristol, City of\r\nBournemouth, Christchurch and Poole\r\nSt Helens\r\n");
  assert.deepEqual(laListFromOption(file, laNamesOf(reorganised)), { items: ["Bristol, City of", "Bournemouth, Christchurch and Poole", "St Helens"], origin: `--las ${file}` });
  assert.deepEqual(laListFromOption("Bournemouth, Christchurch and Poole,Poole", laNamesOf(reorganised)), { items: ["Bournemouth, Christchurch and Poole", "Poole"], origin: "--las" });
});

test("regionLas finds a region by name or code, and lists the regions otherwise", () => {
  assert.deepEqual(regionLas(pkg, "south west"), ["E06000023", "E06000059", "E10000009"]);
  assert.deepEqual(regionLas(pkg, "E12000002"), ["E08000013"]);
  assert.throws(() => regionLas(pkg, "South Wast"), /expected a region of the package: North West, South West, Yorkshire and The Humber \(did you mean "South West"/);
});

test("restrictPackage keeps only the given LAs' rows and leaves the input unchanged", () => {
  const r = restrictPackage(pkg, ["E06000023", "E08000013"]);
  assert.deepEqual(r.areas.array("la_code"), ["E06000023", "E08000013"]);
  assert.deepEqual([...new Set(r.indicators.array("la_code") as string[])].sort(), ["E06000023", "E08000013"]);
  assert.equal(pkg.areas.numRows(), 7);
  assert.throws(() => restrictPackage(pkg, ["E99999999"]), InputError);
});

test("a --las file is read up to the sidecar cap: a huge file named by mistake is refused naming it and the cap, not held whole", () => {
  const file = tempFile("las.txt", "Leeds\n");
  assert.deepEqual(laListFromOption(file).items, ["Leeds"]);
  fs.writeFileSync(file, Buffer.alloc(16 * 1024 * 1024 + 1, 0x41));
  assert.throws(() => laListFromOption(file), (e: unknown) => e instanceof DataError && e.message.includes(file) && /a list of LAs \(one per line\) of at most 16777216 bytes/.test(e.message));
});

test("--las text that reads as a path but names no file is said to be a missing file, not an unknown LA (r26)", () => {
  for (const text of ["/tmp/no-such-dir/nofile.txt", "nofile.csv", "lists\\pilot.tsv"]) {
    assert.throws(() => laListFromOption(text), (e: unknown) => {
      assert.ok(e instanceof DataError);
      assert.equal(e.file, text);
      assert.match(e.message, /expected a file of LAs for --las \(one per line, or comma-separated\): no such file; check the path, or give the LAs inline/);
      return true;
    }, text);
  }
  assert.throws(() => laListFromOption(os.tmpdir()), /: it is a folder; check the path/);
  // names and codes are read inline as before
  assert.deepEqual(laListFromOption("Leeds,E06000014").items, ["Leeds", "E06000014"]);
  assert.equal(looksLikePath("Bournemouth, Christchurch and Poole"), false);
});

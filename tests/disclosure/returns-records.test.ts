/**
 * check-disclosure and the record files `vital-signs returns` reads (a hostile review, round 24): raw SSDA903 tables
 * (CHILD, DOB) and a CIN census XML inside a folder had passed with 0 findings; and a finding quoted the identifier it
 * found (a UPN, a respondent id) on the terminal and in `--json`, so into CI logs.
 */
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { scanFileText } from "../../lib/disclosure/scan";
import { scanPaths } from "../../lib/disclosure/scan-files";
import { tempDir } from "../helpers/temp-dirs";

// made-up children: ids, dates and codes of no one
const HEADER_CSV = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nZZ000101,1,01/05/2012,WBRI,,,\nZZ000102,2,17/11/2009,MWBC,,,\n";
const EPISODES_CSV = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nZZ000101,01/04/2022,S,C2,N1,U1,PR1,,,,,,\n";
const CIN_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2023</Year></CollectionDetails></Header>
<Children><Child><ChildIdentifiers><LAchildID>ZZ-0042</LAchildID><UPN>Z999999999999</UPN><PersonBirthDate>2011-02-03</PersonBirthDate></ChildIdentifiers></Child></Children></Message>
`;

describe("check-disclosure: the workbench's own record formats", () => {
  test("an SSDA903 Header and Episodes table: every CHILD and DOB cell is a record identifier, and none is quoted", () => {
    for (const [file, text, ids] of [
      ["header.csv", HEADER_CSV, ["ZZ000101", "ZZ000102", "01/05/2012", "17/11/2009"]],
      ["episodes.csv", EPISODES_CSV, ["ZZ000101"]],
    ] as const) {
      const findings = scanFileText(file, text).findings;
      const ids0 = findings.filter((f) => f.rule === "record-identifier");
      assert.equal(ids0.length, ids.length, `${file}: ${JSON.stringify(findings)}`);
      assert.ok(ids0.some((f) => /column "CHILD"/.test(f.message)));
      const shown = JSON.stringify(findings);
      for (const id of ids) assert.ok(!shown.includes(id), `${file}: ${id} quoted in ${shown}`);
    }
  });

  test("a CIN census XML inside a folder is record-level data (it had been skipped as another type); other XML stays skipped", () => {
    const dir = tempDir("vsw-cd-returns-");
    const unit = path.join(dir, "E06000001", "2023");
    fs.mkdirSync(unit, { recursive: true });
    fs.writeFileSync(path.join(unit, "cin_census.xml"), CIN_XML);
    fs.writeFileSync(path.join(dir, "sitemap.xml"), '<?xml version="1.0"?><urlset><url><loc>https://example.org/</loc></url></urlset>\n');
    const report = scanPaths([dir]);
    const cin = report.findings.filter((f) => f.file.endsWith("cin_census.xml"));
    assert.deepEqual(cin.map((f) => f.rule), ["record-rows"]);
    assert.ok(!JSON.stringify(report).includes("ZZ-0042"));
    assert.deepEqual(report.skipped.map((f) => path.basename(f)), ["sitemap.xml"]);
    assert.equal(report.total, 1);
  });

  test("a labelled identifier in text is located, not quoted", () => {
    const findings = scanFileText("notes.txt", "Follow up: UPN: Z999999999999 moved placement.\nLAchildID=ZZ-0042; DOB: 03/02/2011\n").findings.filter((f) => f.rule === "record-identifier");
    assert.equal(findings.length, 3, JSON.stringify(findings));
    for (const id of ["Z999999999999", "ZZ-0042", "03/02/2011"]) assert.ok(!JSON.stringify(findings).includes(id), id);
    assert.match(findings[0].value, /^\(hidden: \d+ characters\)$/);
    assert.match(findings[0].location, /line 1/);
  });
});

describe("check-disclosure: a CIN census return outside its .xml file", () => {
  test("the return copied into a .txt, or printed in a notebook, is record-rows as the .xml is, and nothing of it is quoted", () => {
    for (const [file, text] of [
      ["cin.txt", CIN_XML],
      ["cin.md", `Our return:\n\n${CIN_XML}`],
      ["n.ipynb", JSON.stringify({ cells: [{ cell_type: "code", source: [], outputs: [{ output_type: "stream", name: "stdout", text: [CIN_XML] }] }] })],
    ] as const) {
      const findings = scanFileText(file, text).findings;
      assert.deepEqual(findings.map((f) => [f.rule, f.value]), [["record-rows", "<LAchildID>"]], `${file}: ${JSON.stringify(findings)}`);
      for (const id of ["ZZ-0042", "Z999999999999", "2011-02-03"]) assert.ok(!JSON.stringify(findings).includes(id), `${file}: ${id}`);
    }
  });

  test("prose naming the return's elements, without a child's value, is no record", () => {
    assert.deepEqual(scanFileText("notes.txt", "The CIN census gives each child's <LAchildID> and <UPN>; <PersonBirthDate></PersonBirthDate> may be empty.\n").findings, []);
  });
});

import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pseudonymise } from "../../lib/pilot/pseudonymise";
import { ReturnsImportLog } from "../../lib/returns/import-issues";
import { readCinFile, type CinLaData } from "../../lib/returns/read-cin";
import { TEST_KEY, cinXml, tempDir } from "./helpers";
import { withoutSimd } from "./without-simd";

const LA = "E09000001";

/** What reading a file gives: the data, the log entries and the error (its message), if any. */
function read(xml: string | Buffer, key = TEST_KEY): { data: CinLaData; entries: unknown[]; error: string | null } {
  const dir = tempDir();
  const file = path.join(dir, "cin.xml");
  fs.writeFileSync(file, xml);
  const data: CinLaData = { la: LA, years: [2024], referrals: [], assessments: [], plans: [] };
  const log = new ReturnsImportLog();
  let error: string | null = null;
  try {
    readCinFile({ path: file, name: "cin.xml", la: LA, year: 2024 }, key, data, log);
  } catch (e) {
    error = String(e);
  }
  return { data, entries: [...log.entries()], error };
}

/** Reading on the four-lane path and on the one-at-a-time path gives the same; returns it. */
function readBothWays(xml: string): ReturnType<typeof read> {
  const simd = read(xml);
  assert.deepEqual(withoutSimd((key) => read(xml, key)), simd);
  return simd;
}

const ref = (date: string, extra = "") => `<CINreferralDate>${date}</CINreferralDate><ReferralNFA>0</ReferralNFA>${extra}`;
const assessment = (start: string, authorised = "") =>
  `<Assessments><AssessmentActualStartDate>${start}</AssessmentActualStartDate><AssessmentAuthorisationDate>${authorised}</AssessmentAuthorisationDate></Assessments>`;
const plan = (start: string, previous = "0") => `<ChildProtectionPlans><CPPstartDate>${start}</CPPstartDate><NumberOfPreviousCPP>${previous}</NumberOfPreviousCPP></ChildProtectionPlans>`;

/**
 * Children numbered 1…count whose kinds cycle with a period prime to four: valid ones, ones without an id, with
 * a dropped referral and a warning, with non-ASCII and long identifiers (over one SHA-256 block).
 */
function mixedChildren(count: number): { id: string; details: string[] }[] {
  const kinds = [
    (k: number) => ({ id: `N${k}`, details: [ref("2023-05-01", assessment("2023-05-02", "2023-06-01") + plan("2023-06-05"))] }),
    () => ({ id: "", details: [ref("2023-05-01")] }),
    (k: number) => ({ id: `N${k}`, details: [ref("2023-02-30"), ref("2023-07-01", "<ReferralNFA>maybe</ReferralNFA>")] }),
    (k: number) => ({ id: `Zoë-€𝄞-${k}`, details: [ref("2023-08-01", plan("2023-08-02", "x"))] }),
    (k: number) => ({ id: `N${k}-${"long".repeat(15)}`, details: [ref("2023-09-01", assessment("2023-09-03", "2023-09-02"))] }),
    (k: number) => ({ id: `N${k}`, details: [ref("2023-10-01"), ref("2023-11-01", "<CINclosureDate>2023-10-01</CINclosureDate>")] }),
    (k: number) => ({ id: `N${k}`, details: [] }),
  ];
  return Array.from({ length: count }, (_, k) => kinds[k % kinds.length](k + 1));
}

test("referrals, assessments, plans and log entries come out in the file's order, with each child's own pseudonym", () => {
  for (const count of [1, 3, 4, 5, 7, 22, 29]) {
    const children = mixedChildren(count);
    const { data, entries, error } = readBothWays(cinXml(2024, children));
    assert.equal(error, null);
    const idOf = (c: { id: string }) => pseudonymise(`${LA}/${c.id}`, TEST_KEY);
    const expected = children.filter((c) => c.id !== "" && c.details.length > 0).map(idOf);
    const children_ = [...new Set(data.referrals.map((r) => r.child))];
    assert.deepEqual(children_, expected, `${count} children: referrals in document order`);
    const rows = (entries as { row: number }[]).map((e) => e.row);
    assert.deepEqual(rows, [...rows].sort((a, b) => a - b), `${count} children: log rows in document order`);
    const noId = (entries as { row?: number; column?: string }[]).filter((e) => e.column === "LAchildID").map((e) => e.row);
    assert.deepEqual(noId, children.flatMap((c, k) => (c.id === "" ? [k + 1] : [])));
  }
});

test("an error in a child's assessment dates is thrown, with what was read before it, even when malformed XML follows", () => {
  const children = [...mixedChildren(5), { id: "OLD", details: [ref("2023-05-01", assessment("2009-05-01", "2009-06-01"))] }, ...mixedChildren(2)];
  const whole = cinXml(2024, children);
  const truncated = whole.slice(0, whole.indexOf("</Child>", whole.indexOf("OLD")) + 8) + "<Child><Broken";
  for (const xml of [whole, truncated]) {
    const { data, entries, error } = readBothWays(xml);
    assert.match(error ?? "", /bank-holiday table/);
    assert.equal(data.referrals.at(-1)?.child, pseudonymise(`${LA}/OLD`, TEST_KEY));
    assert.ok(entries.length > 0);
  }
});

test("malformed XML after queued children: their referrals and log entries are kept, as when each was added at once", () => {
  const children = [
    { id: "A", details: [ref("2023-05-01")] },
    { id: "B", details: [ref("2023-02-30"), ref("2023-06-01")] },
    { id: "C", details: [ref("2023-07-01")] },
  ];
  const { data, entries, error } = readBothWays(cinXml(2024, children).replace("\n</Children>", "<Child><Broken"));
  assert.ok(error !== null && !/bank-holiday/.test(error));
  assert.deepEqual(
    data.referrals.map((r) => r.child),
    ["A", "B", "C"].map((id) => pseudonymise(`${LA}/${id}`, TEST_KEY)),
  );
  assert.deepEqual(
    (entries as { action: string; row: number; column: string }[]).map((e) => [e.action, e.row, e.column]),
    [
      ["warning", 2, "CINreferralDate"],
      ["dropped", 2, "CINreferralDate"],
    ],
  );
});

test("a CINdetails element between Child elements joins no child (the one before may still wait for its pseudonym)", () => {
  const xml = cinXml(2024, [{ id: "A", details: [ref("2023-05-01")] }]).replace("</Child>", `</Child><CINdetails>${ref("2023-06-01")}</CINdetails>`);
  const { data } = readBothWays(xml);
  assert.equal(data.referrals.length, 1);
});

test("a census whose start tags carry attributes holding '>' or '/>' reads as the same census without them", () => {
  const plain = cinXml(2024, mixedChildren(7)).replaceAll("</ChildIdentifiers>", "<UPN/></ChildIdentifiers>");
  const expected = readBothWays(plain);
  assert.equal(expected.error, null);
  assert.ok(expected.data.referrals.length === 5 && expected.entries.length === 7);
  // XML 1.0 §2.3 forbids only '<' and '&' in an attribute value: a '>' there does not end the tag
  const attributes: [string, string][] = [
    ["<Message>", `<Message xmlns="http://www.dfe.gov.uk/CIN" note='a>b'>`],
    ["<Child>", `<Child note="x/>y">`],
    ["<CINreferralDate>", `<CINreferralDate source='1>2' >`],
    ["<LAchildID>", `<LAchildID kind="'/>'">`],
    ["<UPN/>", `<UPN note="a>b"/>`],
  ];
  for (const [tag, withAttribute] of attributes) {
    assert.deepEqual(read(plain.replaceAll(tag, withAttribute)), expected, withAttribute);
  }
  assert.deepEqual(read(attributes.reduce((xml, [tag, withAttribute]) => xml.replaceAll(tag, withAttribute), plain)), expected, "all of them");
});

/** A census of 40 children, two of whose ids differ only in their last character (é and è), in `encoding`'s bytes. */
function fortyChildren(declaration: string, encoding: "latin1" | "utf8"): Buffer {
  const ids = [...Array.from({ length: 38 }, (_, k) => `N${String(k + 1).padStart(7, "0")}`), "N000000\u00e9", "N000000\u00e8"];
  const xml = cinXml(2024, ids.map((id) => ({ id, details: [ref("2023-05-01")] })));
  return Buffer.from(xml.replace('<?xml version="1.0" encoding="UTF-8"?>', declaration), encoding);
}

test("a stray '<' inside a child's id makes an element whose name is never quoted: the mismatch, and the element left open at the end", () => {
  const xml = cinXml(2024, [{ id: "N0012345", details: [ref("2023-05-01")] }]);
  const cases: [string, RegExp][] = [
    [xml.replace("N0012345<", "N0<012345>67<"), /got "<\/LAchildID>", expected <\/…>/],
    [xml.slice(0, xml.indexOf("N0012345")) + "N0<012345>67", /got "<…>", expected its closing tag before the end of the file/],
  ];
  for (const [doc, message] of cases) {
    const { error } = read(doc);
    assert.match(error ?? "", message);
    assert.doesNotMatch(error ?? "", /012345|N0\b/, "no part of the id in the message");
  }
  // a name of the census is still quoted
  assert.match(read(xml.replace("</LAchildID>", "</Other>")).error ?? "", /got "<\/…>", expected <\/LAchildID>/);
});

test("two census files joined into one (cat a.xml b.xml) are refused at the second document, naming the file, line and byte and quoting no id, with or without its declaration and byte-order mark", () => {
  const first = cinXml(2024, [{ id: "N0012345", details: [ref("2023-05-01")] }]);
  const second = cinXml(2024, [{ id: "N0067890", details: [ref("2023-06-01")] }]);
  const line = first.split("\n").length;
  const at = Buffer.byteLength(first);
  const cases: [string, RegExp][] = [
    [first + second, new RegExp(`^DataError: cin\\.xml: got "<\\?xml", expected an XML declaration only at the start of the document.*\\(at line ${line}, byte ${at}\\)$`, "s")],
    [`${first}\ufeff${second}`, new RegExp(`^DataError: cin\\.xml: got "<\\?xml", expected an XML declaration only at the start.*\\(at line ${line}, byte ${at + 3}\\)$`, "s")],
    [first + second.replace(/^<\?xml[^>]*>\n/, ""), new RegExp(`^DataError: cin\\.xml: got "<", expected one root element: a second element starts after the root closed \\(at line ${line}, byte ${at}\\)$`, "s")],
  ];
  for (const [xml, message] of cases) {
    const { data, error } = read(xml);
    assert.match(error ?? "", message);
    assert.doesNotMatch(error ?? "", /N00/, "no child id in the message");
    assert.equal(new Set(data.referrals.map((r) => r.child)).size, 1, "only the first census's child was read");
  }
});

test("a census declared ISO-8859-1 is refused at its first byte that is not ASCII, naming the file, line, byte and encoding: two ids differing in one Latin-1 byte are never read as one child", () => {
  for (const encoding of ["ISO-8859-1", "windows-1252", "latin1"]) {
    const doc = fortyChildren(`<?xml version="1.0" encoding="${encoding}"?>`, "latin1");
    const at = doc.indexOf(0xe9);
    const line = doc.subarray(0, at).toString("latin1").split("\n").length;
    const { error } = read(doc);
    assert.match(error ?? "", new RegExp(`cin\\.xml: got "byte 0xe9", expected ASCII only in a census declared ${encoding} .*line ${line}, byte ${at}\\)`, "s"), encoding);
    assert.doesNotMatch(error ?? "", /N000000/, "no child id in the message");
  }
  const { data, error } = read(fortyChildren('<?xml version="1.0" encoding="UTF-16"?>', "latin1"));
  assert.match(error ?? "", /cin\.xml: got "encoding=\\"UTF-16\\"", expected UTF-8.*line 1, byte 0/s);
  assert.equal(data.referrals.length, 0, "UTF-16 declared: nothing read");
});

test("a census of ASCII declared ISO-8859-1, Windows-1252 or US-ASCII reads as the same census declared UTF-8: the same children, pseudonyms and records", () => {
  const ids = Array.from({ length: 12 }, (_, k) => `N${String(k + 1).padStart(7, "0")}`);
  const xml = cinXml(2024, ids.map((id, k) => ({ id, details: [ref(`2023-0${1 + (k % 9)}-01`)] })));
  const utf8 = read(xml);
  assert.equal(utf8.error, null);
  assert.equal(new Set(utf8.data.referrals.map((r) => r.child)).size, 12);
  for (const encoding of ["ISO-8859-1", "windows-1252", "US-ASCII"]) {
    const declared = read(xml.replace('encoding="UTF-8"', `encoding="${encoding}"`));
    assert.equal(declared.error, null, encoding);
    assert.deepEqual(declared.data, utf8.data, encoding);
  }
});

test("Latin-1 bytes in a census declared UTF-8 (or declaring nothing) are an error naming the line, byte offset and byte, never U+FFFD", () => {
  for (const declaration of ['<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?>', ""]) {
    const doc = fortyChildren(declaration, "latin1");
    const at = doc.indexOf(0xe9);
    const line = doc.subarray(0, at).toString("latin1").split("\n").length;
    const { error } = read(doc);
    assert.match(error ?? "", new RegExp(`cin\\.xml.*byte 0xe9.*UTF-8.*line ${line}, byte ${at}\\)`, "s"), declaration);
    assert.doesNotMatch(error ?? "", /N000000/, "no child id in the message");
  }
});

test("the same census in UTF-8 (any case of the declared name) reads 40 children, é and è apart, each with its own pseudonym", () => {
  for (const declaration of ['<?xml version="1.0" encoding="UTF-8"?>', "<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0"?>', ""]) {
    const { data, error } = readBothWays(fortyChildren(declaration, "utf8").toString("utf8"));
    assert.equal(error, null, declaration);
    const children = new Set(data.referrals.map((r) => r.child));
    assert.equal(children.size, 40, declaration);
    for (const id of ["N000000\u00e9", "N000000\u00e8"]) assert.ok(children.has(pseudonymise(`${LA}/${id}`, TEST_KEY)), id);
  }
});

test("a UTF-16 census (either byte order, with or without a byte-order mark) is refused as UTF-16, not read as garbage", () => {
  const xml = fortyChildren('<?xml version="1.0" encoding="UTF-16"?>', "utf8").toString("utf8");
  const little = Buffer.from(`\ufeff${xml}`, "utf16le");
  const big = Buffer.from(little).swap16();
  for (const [name, doc] of [["FF FE", little], ["FE FF", big], ["no mark, little-endian", little.subarray(2)], ["no mark, big-endian", big.subarray(2)]] as const) {
    const { data, error } = read(doc);
    assert.match(error ?? "", /cin\.xml.*UTF-16.*UTF-8/s, name);
    assert.equal(data.referrals.length, 0, name);
  }
});

test("a census whose ReferenceDate or Year (in a Header anywhere in the file) is of another year than the one it is filed under is an error naming the element and value", () => {
  const child = { id: "C1", details: [ref("2023-06-01")] };
  assert.match(read(cinXml(2019, [child])).error ?? "", /cin\.xml, column "Year": got "2019", expected a Year in 2023-24 \(the year ending 31 March 2024\)/);
  assert.match(read(cinXml(2024, [child]).replace("2024-03-31", "2019-03-31")).error ?? "", /column "ReferenceDate": got "2019-03-31", expected a ReferenceDate in 2023-24/);
  const headerLast = cinXml(2019, [child]).replace(/(<Header>.*<\/Header>)\n(<Children>[^]*<\/Children>)/, "$2$1");
  assert.ok(headerLast.indexOf("<Header>") > headerLast.indexOf("</Children>"), "the Header follows the children");
  assert.match(read(headerLast).error ?? "", /column "Year": got "2019"/);
  assert.equal(read(cinXml(2024, [child])).error, null);
});

test("a PersonBirthDate after the reference date is a warning in the child's place among the log's entries, on the four-lane path and one at a time; a later text that is not a date is not", () => {
  const xml = cinXml(2024, [
    { id: "C1", details: [ref("not-a-date")] },
    { id: "C2", details: [ref("also-bad")] },
    { id: "C3", details: [ref("2023-06-01")] },
  ]);
  // the second child born in 2030, the third's date of birth a text that sorts after the reference date
  const [first, second, third, rest] = xml.split("<PersonBirthDate>2012-05-01</PersonBirthDate>");
  const birth = (text: string) => `<PersonBirthDate>${text}</PersonBirthDate>`;
  const { entries } = readBothWays(first + birth("2012-05-01") + second + birth("2030-01-01") + third + birth("n/a") + rest);
  assert.deepEqual(
    (entries as { row: number; column: string; action: string }[]).map((e) => [e.row, e.column, e.action]),
    [
      [1, "CINreferralDate", "warning"],
      [1, "CINreferralDate", "dropped"],
      [2, "PersonBirthDate", "warning"],
      [2, "CINreferralDate", "warning"],
      [2, "CINreferralDate", "dropped"],
    ],
  );
});

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataErrors, InputError } from "../../lib/errors";
import { PSEUDONYM_RE, pseudonymise, pseudonymiseRecordsCsv, resolvePseudonymKey } from "../../lib/pilot/pseudonymise";
import { HEADER } from "./helpers";
import { tempDir } from "../helpers/temp-dirs";

const KEY = Buffer.from("0123456789abcdef0123456789abcdef");

describe("pseudonymise", () => {
  test("is HMAC-SHA256 truncated to 16 hex digits (value from Python's hmac module)", () => {
    // python3 -c "import hmac,hashlib; print(hmac.new(b'0123456789abcdef0123456789abcdef', b'CH-E06900001-0001', hashlib.sha256).hexdigest()[:16])"
    assert.equal(pseudonymise("CH-E06900001-0001", KEY), "ps_87ca89e8e7f2ecf6");
  });

  test("depends on the key, and is stable for one key", () => {
    const other = Buffer.from("fedcba9876543210fedcba9876543210");
    assert.notEqual(pseudonymise("x", KEY), pseudonymise("x", other));
    assert.equal(pseudonymise("x", KEY), pseudonymise("x", KEY));
    assert.match(pseudonymise("x", KEY), PSEUDONYM_RE);
  });

  test("refuses short keys and empty ids", () => {
    assert.throws(() => pseudonymise("x", Buffer.from("short")), InputError);
    assert.throws(() => pseudonymise("", KEY), InputError);
  });
});

describe("pseudonymiseRecordsCsv (the import step)", () => {
  const raw = `${HEADER}\nCH-E06900001-0001,E06900001,2023,child_survey,trust_staff,4\nCH-E06900001-0001,E06900001,2023,child_survey,listened_to,yes\nCH-E06900001-0002,E06900001,2023,child_survey,trust_staff,2\n`;

  test("replaces every raw id and keeps every other cell", () => {
    const out = pseudonymiseRecordsCsv(raw, "raw.csv", KEY);
    assert.doesNotMatch(out.csv, /CH-E06900001/);
    assert.equal(out.records, 3);
    assert.equal(out.respondents, 2);
    const lines = out.csv.trim().split("\n");
    assert.equal(lines[0], HEADER);
    assert.equal(lines[1], "ps_87ca89e8e7f2ecf6,E06900001,2023,child_survey,trust_staff,4");
    assert.equal(lines[1].split(",")[0], lines[2].split(",")[0], "same person, same pseudonym");
  });

  test("rejects a file without respondent_id and blank ids", () => {
    assert.throws(() => pseudonymiseRecordsCsv("la_code\nE1\n", "x.csv", KEY), DataErrors);
    assert.throws(() => pseudonymiseRecordsCsv(`${HEADER}\n,E06900001,2023,child_survey,trust_staff,4\n`, "x.csv", KEY), DataErrors);
  });
});

describe("resolvePseudonymKey", () => {
  test("refuses to run with no key unless an ephemeral key is asked for", () => {
    assert.throws(() => resolvePseudonymKey({ env: {} }), /no pseudonymisation key/);
    const eph = resolvePseudonymKey({ env: {}, ephemeral: true });
    assert.equal(eph.source, "ephemeral");
    assert.equal(eph.key.length, 32);
    assert.notDeepEqual(eph.key, resolvePseudonymKey({ env: {}, ephemeral: true }).key);
  });

  test("reads the key from VSW_PSEUDONYM_KEY, refusing a short one", () => {
    assert.equal(resolvePseudonymKey({ env: { VSW_PSEUDONYM_KEY: "a-long-enough-secret-key" } }).source, "env");
    assert.throws(() => resolvePseudonymKey({ env: { VSW_PSEUDONYM_KEY: "short" } }), InputError);
  });

  test("reads a key file outside the repository and refuses one inside it", () => {
    const outside = path.join(tempDir("vsw-key-"), "pilot.key");
    fs.writeFileSync(outside, "a-long-enough-secret-key\n");
    const k = resolvePseudonymKey({ keyFile: outside, env: {} });
    assert.equal(k.source, "file");
    assert.equal(k.key.toString(), "a-long-enough-secret-key");
    const repoDir = tempDir("vsw-repo-");
    fs.mkdirSync(path.join(repoDir, ".git"));
    const inside = path.join(repoDir, "pilot.key");
    fs.writeFileSync(inside, "a-long-enough-secret-key\n");
    assert.throws(() => resolvePseudonymKey({ keyFile: inside, env: {} }), /outside any repository/);
  });
});

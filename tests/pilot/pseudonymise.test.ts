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

  test("reads a text key file as it always has: trimmed, UTF-8, the same pseudonyms as before", () => {
    // values computed by the code before key files were checked (linkage across pilot waves depends on them)
    const dir = tempDir("vsw-key-");
    const hex = path.join(dir, "hex.key");
    fs.writeFileSync(hex, "3f9a1c0e5b7d2468ace013579bdf2468\n");
    assert.equal(pseudonymise("R-000123", resolvePseudonymKey({ keyFile: hex, env: {} }).key), "ps_3819337b9f3cc50c");
    const accented = path.join(dir, "accented.key");
    fs.writeFileSync(accented, "  clé secrète à la pilot 2026  \r\n");
    assert.equal(pseudonymise("R-000123", resolvePseudonymKey({ keyFile: accented, env: {} }).key), "ps_b65a9034e9dd3879");
  });

  test("refuses a key file of raw bytes that are not UTF-8, naming the fix and never the key", () => {
    // `head -c 32 /dev/urandom > key`: read as text, each invalid sequence became U+FFFD (the same three bytes)
    // and whitespace bytes at either end were dropped, so two different key files could give one key
    const dir = tempDir("vsw-key-");
    // these two read as one key before the check: "\ufffd" + 16 × "k" + "\ufffd"
    const raw = Buffer.from([0x20, 0x81, ...Buffer.from("k".repeat(16)), 0xfe, 0x0a]);
    const file = path.join(dir, "raw.key");
    fs.writeFileSync(file, raw);
    const other = path.join(dir, "other.key");
    fs.writeFileSync(other, Buffer.from([0x9c, ...Buffer.from("k".repeat(16)), 0xe9]));
    for (const keyFile of [file, other]) {
      assert.throws(
        () => resolvePseudonymKey({ keyFile, env: {} }),
        (e: unknown) =>
          e instanceof InputError &&
          /must be text/.test(e.message) &&
          /openssl rand -hex 32/.test(e.message) &&
          e.message.includes(keyFile) &&
          !e.message.includes("k".repeat(16)) &&
          !/\ufffd/.test(e.message),
      );
    }
  });
});

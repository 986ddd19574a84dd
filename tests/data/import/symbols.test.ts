import assert from "node:assert/strict";
import { test } from "node:test";
import { DFE_SYMBOLS, LAIT_SYMBOLS, parseDfeCell } from "../../../lib/data/import/symbols";

test("numbers are read as numbers with an empty status", () => {
  assert.deepEqual(parseDfeCell("22.6"), { value: 22.6, status: "" });
  assert.deepEqual(parseDfeCell(" 0 "), { value: 0, status: "" });
  assert.deepEqual(parseDfeCell("-1.5"), { value: -1.5, status: "" });
  assert.deepEqual(parseDfeCell("4.798E-2"), { value: 0.04798, status: "" });
});

test("every DfE symbol is a missing value with its reason, never zero", () => {
  const expected: Record<string, string> = {
    c: "suppressed:c",
    x: "not-available:x",
    z: "not-applicable:z",
    low: "suppressed:low",
    k: "suppressed:k",
    ":": "not-available::",
    u: "low-reliability:u",
    "": "not-available:blank",
  };
  for (const [sym, status] of Object.entries(expected)) {
    assert.deepEqual(parseDfeCell(sym), { value: null, status }, `symbol ${JSON.stringify(sym)}`);
  }
  assert.equal(Object.keys(DFE_SYMBOLS).length, Object.keys(expected).length);
});

test("symbols are matched case-insensitively and with spaces trimmed", () => {
  assert.deepEqual(parseDfeCell(" C "), { value: null, status: "suppressed:c" });
  assert.deepEqual(parseDfeCell("LOW"), { value: null, status: "suppressed:low" });
});

test("a letter symbol in square brackets, as GSS tables write it, is the same symbol; other bracketed shorthands and bracketed numbers are not symbols", () => {
  assert.deepEqual(parseDfeCell("[c]"), { value: null, status: "suppressed:[c]" });
  assert.deepEqual(parseDfeCell(" [X] "), { value: null, status: "not-available:[x]" });
  assert.deepEqual(parseDfeCell("[z]"), { value: null, status: "not-applicable:[z]" });
  assert.deepEqual(parseDfeCell("[low]"), { value: null, status: "suppressed:[low]" });
  assert.deepEqual(parseDfeCell("[u]"), { value: null, status: "low-reliability:[u]" });
  assert.deepEqual(parseDfeCell("[na]", LAIT_SYMBOLS), { value: null, status: "not-available:[na]" });
  // a table of bracketed symbols is matched whole first (the finance tables' "[x]" keeps its own status)
  assert.deepEqual(parseDfeCell("[x]", { "[x]": "not-available:[x]" }), { value: null, status: "not-available:[x]" });
  for (const bad of ["[w]", "[e]", "[p]", "[r]", "[b]", "[]", "[:]", "[-]", "[12]", "123 [p]", "[c", "c]", "[[c]]", "[ c ]", "[constructor]", "[__proto__]"]) assert.equal(parseDfeCell(bad), undefined, bad);
});

test("unknown text is not a number and not a symbol: undefined, for the caller to report", () => {
  for (const bad of ["n/a", "1,234", "12%", "abc", "-", "NaN", "Infinity", "1e999"]) assert.equal(parseDfeCell(bad), undefined, bad);
});

test("LAIT's dash is missing only with the LAIT symbol table", () => {
  assert.equal(parseDfeCell("-"), undefined);
  assert.deepEqual(parseDfeCell("-", LAIT_SYMBOLS), { value: null, status: "not-available:-" });
});

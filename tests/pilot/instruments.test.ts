import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { DataErrors } from "../../lib/errors";
import { listItems, parseInstruments } from "../../lib/pilot/instruments";
import { INSTRUMENTS_JSON } from "./helpers";

function errorsOf(json: unknown): { column?: string; value?: string; expected: string }[] {
  try {
    parseInstruments(JSON.stringify(json), "bad.json");
  } catch (e) {
    assert.ok(e instanceof DataErrors, String(e));
    return e.errors.map((x) => ({ column: x.column, value: x.value, expected: x.expected }));
  }
  assert.fail("expected DataErrors");
}

const withItem = (patch: Record<string, unknown>) => ({
  instruments: [{ ...INSTRUMENTS_JSON.instruments[0], items: [{ ...INSTRUMENTS_JSON.instruments[0].items[0], ...patch }] }],
});

describe("parseInstruments", () => {
  test("reads a valid definition, resolving scales and default indicator stems", () => {
    const set = parseInstruments(JSON.stringify(INSTRUMENTS_JSON), "i.json");
    const items = listItems(set);
    assert.equal(items.length, 3);
    assert.equal(items[0].item.indicator, "pilot_child_survey_trust_staff");
    assert.equal(items[2].scale.id, "audit4");
    assert.ok(Object.isFrozen(set.instruments[0].items[0]));
  });

  test("names the JSON path, value and expectation of an unknown scale", () => {
    const errs = errorsOf(withItem({ scale: "likert7" }));
    assert.ok(errs.some((e) => e.column === "instruments[0].items[0].scale" && e.value === "likert7" && /likert5, yesno, audit4/.test(e.expected)));
  });

  for (const scale of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    test(`a scale named "${scale}" (a property every object inherits) is an unknown scale, a DataError, not a TypeError`, () => {
      const errs = errorsOf(withItem({ scale }));
      assert.ok(errs.some((e) => e.column === "instruments[0].items[0].scale" && e.value === scale), JSON.stringify(errs));
    });
  }

  test("rejects positive responses that are not on the scale, or are all of it", () => {
    assert.ok(errorsOf(withItem({ positive: ["6"] })).some((e) => e.column?.endsWith(".positive") && e.value === "6"));
    assert.ok(errorsOf(withItem({ positive: ["1", "2", "3", "4", "5"] })).some((e) => /not every response/.test(e.expected)));
  });

  test("rejects an unknown framework domain and the context domain", () => {
    assert.ok(errorsOf(withItem({ domain: "happiness" })).some((e) => e.column?.endsWith(".domain")));
    assert.ok(errorsOf(withItem({ domain: "context" })).some((e) => e.column?.endsWith(".domain")));
  });

  test("rejects duplicate item ids and duplicate instrument ids", () => {
    const ins = INSTRUMENTS_JSON.instruments[0];
    assert.ok(errorsOf({ instruments: [{ ...ins, items: [ins.items[0], ins.items[0]] }] }).some((e) => /item id not used before/.test(e.expected)));
    assert.ok(errorsOf({ instruments: [ins, ins] }).some((e) => /instrument id not used before/.test(e.expected)));
  });

  test("reports every problem at once, and invalid JSON as a DataError", () => {
    assert.ok(errorsOf(withItem({ scale: "x", domain: "y", label: "" })).length >= 3);
    assert.throws(() => parseInstruments("{", "x.json"), (e: unknown) => e instanceof DataErrors && /valid JSON/.test(e.message));
  });

  test("a missing key is said to be missing, not shown as the value \"undefined\", and the header names the file, not a function (user trial, round 27)", () => {
    const { positive: _, ...noPositive } = INSTRUMENTS_JSON.instruments[0].items[0];
    const bad = { instruments: [{ ...INSTRUMENTS_JSON.instruments[0], items: [noPositive] }] };
    assert.deepEqual(errorsOf(bad).find((e) => e.column === "instruments[0].items[0].positive"), {
      column: "instruments[0].items[0].positive", value: undefined, expected: "a non-empty list of response codes that count as positive; the key is missing",
    });
    assert.deepEqual(errorsOf({}), [{ column: "instruments", value: undefined, expected: "a non-empty list of instruments; the key is missing" }]);
    assert.throws(() => parseInstruments(JSON.stringify(bad), "i.json"), (e: unknown) => e instanceof DataErrors && e.message.startsWith("instruments file i.json: 1 error(s)\n") && !/undefined/.test(e.message));
  });
});

describe("parseInstruments: keys it does not know (a misspelt key had been ignored without a word)", () => {
  test("a misspelt key is named at its path, with the keys of its level and the nearest", () => {
    const positive = INSTRUMENTS_JSON.instruments[0].items[0].positive;
    const item = { ...INSTRUMENTS_JSON.instruments[0].items[0], positve: positive };
    const errors = errorsOf({ instruments: [{ ...INSTRUMENTS_JSON.instruments[0], items: [item] }] });
    const misspelt = errors.find((e) => e.column === "instruments[0].items[0].positve");
    assert.ok(misspelt, JSON.stringify(errors));
    assert.equal(misspelt.expected, 'a key of instruments[0].items (id, label, outcome, domain, scale, positive, indicator; or description, or a key starting "_" for a comment) (did you mean "positive"?)');
    assert.deepEqual(errorsOf({ ...INSTRUMENTS_JSON, instrumentz: [] }).map((e) => e.column), ["instrumentz"]);
    const itemz = { ...INSTRUMENTS_JSON.instruments[0], itemz: [] };
    assert.ok(errorsOf({ instruments: [itemz] }).some((e) => e.column === "instruments[0].itemz" && /did you mean "items"\?/.test(e.expected)));
  });

  test("description, comments (_…) and $schema are documentation, not errors", () => {
    const ins = { ...INSTRUMENTS_JSON.instruments[0], description: "the child survey", _comment: "v2", items: [{ ...INSTRUMENTS_JSON.instruments[0].items[0], description: "Q1", _note: "" }, ...INSTRUMENTS_JSON.instruments[0].items.slice(1)] };
    const set = parseInstruments(JSON.stringify({ $schema: "x", _about: "pilot", instruments: [ins, ...INSTRUMENTS_JSON.instruments.slice(1)] }), "i.json");
    assert.equal(listItems(set).length, 3);
  });
});

test("a value nested too deep to print is described, not stringified (it had stopped pilot with a stack overflow)", () => {
  // the file's text is written directly: stringifying the nested value here would overflow too
  const text = JSON.stringify(withItem({ label: "DEEP" })).replace('"DEEP"', `${"[".repeat(200_000)}${"]".repeat(200_000)}`);
  assert.throws(() => parseInstruments(text, "deep.json"), (e: unknown) =>
    e instanceof DataErrors && e.errors.some((x) => x.column === "instruments[0].items[0].label" && x.value === "an array of 1 item" && x.expected === "a label"));
  // a value that prints is printed as before
  assert.ok(errorsOf(withItem({ positive: ["9"] })).some((e) => e.value === "9"));
});

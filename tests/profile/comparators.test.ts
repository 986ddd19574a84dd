/**
 * The profile's neighbours when DfE's group of the LA is not (or not all) in the package: a package of a few LAs,
 * or one restricted with --las, said "no DfE 2025 neighbours found for this LA" where DfE lists ten, and an LA
 * without a DfE number got 'no 2025 DfE neighbour group for DfE number ""'. The note says what happened and what
 * was used instead.
 */
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { readPackage } from "../../lib/data/package";
import { profileIndex, type ProfileIndex } from "../../lib/profile";
import { profileNeighbours } from "../../lib/profile/comparators";
import type { DfeNeighbourGroup } from "../../lib/context/neighbours";

const SYNTHETIC = path.join(__dirname, "..", "..", "datasets", "pilot-synthetic");

/** The synthetic package's index with DfE numbers 901, 902, … given to its LAs (it has none). */
function numberedIndex(): ProfileIndex {
  const index = profileIndex(readPackage(SYNTHETIC));
  return { ...index, areas: index.areas.map((a, i) => ({ ...a, old_la_code: String(901 + i) })) };
}

/** A DfE 2025 group for the LA numbered 901, of these neighbours' DfE numbers. */
function group(numbers: readonly string[]): DfeNeighbourGroup[] {
  return [{ oldLaCode: "901", laName: "", model: "2025", section: "current", neighbours: numbers.map((n, k) => ({ oldLaCode: n, rank: k + 1, closeness: "Close" })) }];
}

const ABSENT = ["311", "312", "313", "314", "315", "316", "317", "318", "319", "320"];

test("none of the LA's DfE neighbours in the package: the note says so, with their numbers, and that nearest neighbours on context are used instead", () => {
  const index = numberedIndex();
  const area = index.areas[0];
  const n = profileNeighbours(index, area, { neighbours: "auto", dfeGroups: { "2025": group(ABSENT), "2021": [] } });
  assert.equal(n.source, "nearest-context");
  assert.ok(n.list.length > 0);
  assert.match(n.note ?? "", new RegExp(`^none of ${area.la_name}'s 10 DfE 2025 statistical neighbours is in this package of ${index.areas.length} LAs \\(DfE numbers 311, 312, .*, 320\\); `));
  assert.match(n.note ?? "", /; used instead: nearest neighbours on standardised .* \(Euclidean distance; \d+ LAs\)/);
  assert.doesNotMatch(n.note ?? "", /no DfE 2025 neighbours found/);
});

test("asked for DfE's groups only, none of them in the package: no neighbour comparisons, and the note says so", () => {
  const index = numberedIndex();
  const n = profileNeighbours(index, index.areas[0], { neighbours: "dfe-2025", dfeGroups: { "2025": group(ABSENT) } });
  assert.equal(n.source, "dfe-2025");
  assert.deepEqual(n.list, []);
  assert.deepEqual(n.unmapped, ABSENT);
  assert.match(n.note ?? "", /^none of .*'s 10 DfE 2025 statistical neighbours is in this package .*; no neighbour comparisons \(the "context" or "auto" neighbours find the nearest LAs on context instead\)$/);
});

test("some of the LA's DfE neighbours in the package: the figures are over those, and the note says which are not", () => {
  const index = numberedIndex();
  const n = profileNeighbours(index, index.areas[0], { neighbours: "auto", dfeGroups: { "2025": group(["902", "903", "311"]) } });
  assert.equal(n.source, "dfe-2025");
  assert.deepEqual(n.list.map((x) => x.la_code), [index.areas[1].la_code, index.areas[2].la_code]);
  assert.match(n.note ?? "", /^2 of .*'s 3 DfE 2025 statistical neighbours are in this package, and the neighbour figures are over those \(not in it: DfE number 311\)$/);
  // all of them in it: nothing to say
  assert.equal(profileNeighbours(index, index.areas[0], { neighbours: "auto", dfeGroups: { "2025": group(["902", "903"]) } }).note, undefined);
});

test("an LA without a DfE number: the note says it has none, once, and what was used instead", () => {
  const index = profileIndex(readPackage(SYNTHETIC));
  const area = index.areas[0];
  const n = profileNeighbours(index, area, { neighbours: "auto", dfeGroups: { "2025": group(ABSENT), "2021": [] } });
  assert.equal(n.source, "nearest-context");
  assert.match(n.note ?? "", new RegExp(`^${area.la_name} has no DfE number \\(old_la_code\\) in areas.csv, by which DfE lists its neighbour groups; used instead: nearest neighbours`));
  assert.doesNotMatch(n.note ?? "", /DfE number ""/);
  const explicit = profileNeighbours(index, area, { neighbours: "dfe-2021", dfeGroups: { "2021": [] } });
  assert.deepEqual([explicit.source, explicit.list.length], ["dfe-2021", 0]);
  assert.match(explicit.note ?? "", /has no DfE number .*: no neighbour comparisons$/);
});

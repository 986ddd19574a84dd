import { test, describe } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "../../lib/errors";
import {
  nearestNeighbours,
  neighbourSummary,
  neighboursForArea,
  parseDfeNeighbourGroups,
  readDfeNeighbourGroups,
} from "../../lib/context/neighbours";

const OFFICIAL = path.resolve(__dirname, "../../../shared/data/official");
const officialSkip = fs.existsSync(OFFICIAL) || process.env.CI || process.env.VSW_REQUIRE_OFFICIAL ? false : `official data not found at ${OFFICIAL}`;

const labels = (l: string) => Array.from({ length: 10 }, (_, k) => `${900 + k},${l}`).join(",");
const FILE_2021 = `\uFEFFLA num,LA Name,LA number,GOInd,GOReg,${Array.from({ length: 10 }, (_, k) => `SN${k + 1},SNP`).join(",")},\n` +
  `901,Northbridge,901,1,North East,${labels("Very Close")},\n` +
  `,,,,,${Array(20).fill("").join(",")},\n,Old SNs:,,,,${Array(20).fill("").join(",")},\n` +
  `835,Dorset (Pre LG),835,7,South West,${labels("Extremely Close")},\n`;
const FILE_2025 = `old_la_code,la_name,region_ind,region_name,${Array.from({ length: 10 }, (_, k) => `SN_${k + 1},SN_${k + 1}P`).join(",")}\n` +
  `901,Northbridge,1,North East,${labels("Close ")}\n901,Northbridge,1,North East,${labels("Close ")}\n`;

describe("parseDfeNeighbourGroups", () => {
  test("reads the 2021 layout, normalises closeness labels and keeps the 'Old SNs' section apart", () => {
    const g = parseDfeNeighbourGroups(FILE_2021, "sn2021.csv", "2021");
    assert.equal(g.length, 2);
    assert.deepEqual(g[0].neighbours[0], { oldLaCode: "900", rank: 1, closeness: "very close" });
    assert.equal(g[0].section, "current");
    assert.equal(g[1].section, "old");
    assert.equal(g[1].neighbours[9].closeness, "extremely close");
  });
  test("reads the 2025 layout, trims trailing spaces in labels and merges identical duplicate rows", () => {
    const g = parseDfeNeighbourGroups(FILE_2025, "sn2025.csv", "2025");
    assert.equal(g.length, 1);
    assert.equal(g[0].neighbours[3].closeness, "close");
  });
  test("rejects conflicting duplicates and unknown labels with the file, row and column", () => {
    const conflicting = FILE_2025.replace(/\n$/, "").split("\n");
    conflicting[2] = conflicting[2].replace("909,Close", "909,Very close");
    assert.throws(() => parseDfeNeighbourGroups(conflicting.join("\n") + "\n", "sn.csv", "2025"), (e: unknown) => e instanceof DataError && e.row === 2);
    assert.throws(() => parseDfeNeighbourGroups(FILE_2025.replace(/Close /g, "Near"), "sn.csv", "2025"), (e: unknown) => e instanceof DataError && /closeness/.test(e.expected));
  });
});

describe("neighboursForArea", () => {
  const areas = Object.freeze([
    { la_code: "E1", la_name: "Northbridge", old_la_code: "901" },
    ...Array.from({ length: 9 }, (_, k) => ({ la_code: `E9${k}`, la_name: `LA ${900 + k}`, old_la_code: `${900 + k}` })),
  ]);
  const groups = parseDfeNeighbourGroups(FILE_2025, "sn2025.csv", "2025");
  test("maps DfE numbers to package codes and lists the numbers it cannot map", () => {
    const n = neighboursForArea(groups, areas, "E1", "2025");
    assert.equal(n.neighbours.length, 9);
    assert.equal(n.neighbours[0].la_code, "E90");
    assert.deepEqual(n.unmapped, ["909"]);
  });
  test("says when an LA has no group in the model", () => {
    const n = neighboursForArea(groups, areas, "E90", "2025");
    assert.equal(n.neighbours.length, 0);
    assert.match(n.note ?? "", /no 2025 DfE neighbour group/);
  });
});

describe("DfE neighbour files (official data)", { skip: officialSkip }, () => {
  test("the 2025 model has 153 LAs with 10 neighbours each; Dorset's closest is DfE 933 (Somerset), 'very close'", () => {
    const g = readDfeNeighbourGroups(OFFICIAL, "2025");
    assert.equal(g.length, 153);
    assert.ok(g.every((x) => x.neighbours.length === 10));
    const dorset = g.find((x) => x.oldLaCode === "838")!;
    assert.deepEqual(dorset.neighbours[0], { oldLaCode: "933", rank: 1, closeness: "very close" });
  });
  test("the 2021 model keeps the pre-reorganisation groups (Dorset 835, Northamptonshire 928) as 'old'", () => {
    const g = readDfeNeighbourGroups(OFFICIAL, "2021");
    assert.equal(g.find((x) => x.oldLaCode === "928")?.section, "old");
    assert.equal(g.find((x) => x.oldLaCode === "909")?.section, "current"); // Cumbria still existed in 2021
  });
});

describe("nearestNeighbours", () => {
  // three variables on very different scales: standardising makes them count equally
  const matrix = Object.freeze({
    laCodes: ["A", "B", "C", "D", "E"],
    variables: ["idaci", "population", "constant"],
    values: Object.freeze([0.10, 50000, 1, 0.12, 90000, 1, 0.30, 52000, 1, 0.11, 51000, 1, NaN, 50000, 1]),
  });
  test("ranks by Euclidean distance on standardised variables, ignoring constant ones and LAs with gaps", () => {
    const r = nearestNeighbours(matrix, "A", 2);
    // R: sd(c(.1,.12,.3,.11)) = 0.095350, sd(c(50000,90000,52000,51000)) = 19517.09;
    // D: sqrt((0.01/0.095350)^2 + (1000/19517.09)^2) = 0.1167233
    assert.equal(r.neighbours[0].la_code, "D");
    assert.ok(Math.abs((r.neighbours[0].distance ?? 0) - 0.1167233) < 1e-6);
    assert.deepEqual(r.excluded, ["E"]);
    assert.deepEqual(r.variables, ["idaci", "population"]);
    assert.equal(r.n, 4);
    assert.match(r.note ?? "", /constant/);
  });
  test("refuses an LA without complete context", () => {
    assert.throws(() => nearestNeighbours(matrix, "E"), /lacks a value/);
  });
});

describe("neighbourSummary", () => {
  test("gives the median (type 7), range and count of neighbours with values", () => {
    assert.deepEqual(neighbourSummary(Object.freeze([3, NaN, 1, 2, 10])), { median: 2.5, min: 1, max: 10, n: 4, of: 5 });
    assert.equal(neighbourSummary([NaN]).n, 0);
  });
});

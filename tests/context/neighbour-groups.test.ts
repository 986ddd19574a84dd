import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import { readDfeNeighbourGroupsByModel } from "../../lib/context/neighbour-groups";
import { OFFICIAL_DATA_DIR, officialTest } from "../helpers/official";

describe("readDfeNeighbourGroupsByModel", () => {
  it("keeps the error of a model it cannot read (naming the folder), without stopping the others", () => {
    const missing = path.join(os.tmpdir(), "vsw-no-such-official-folder");
    const groups = readDfeNeighbourGroupsByModel(missing, ["2025", "2021"]);
    assert.deepEqual(Object.keys(groups).sort(), ["2021", "2025"]);
    for (const g of Object.values(groups)) assert.ok(g instanceof Error && g.message.length > 0);
  });
  it("reads only the models asked for", () => {
    assert.deepEqual(readDfeNeighbourGroupsByModel(os.tmpdir(), []), {});
  });
  officialTest("reads both of DfE's models from the official folder", () => {
    const groups = readDfeNeighbourGroupsByModel(OFFICIAL_DATA_DIR, ["2025", "2021"]);
    for (const model of ["2025", "2021"] as const) {
      const g = groups[model];
      assert.ok(Array.isArray(g) && g.length > 100, `${model}: ${g instanceof Error ? g.message : g?.length}`);
    }
  });
});

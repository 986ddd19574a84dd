import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { API_DOC, apiMarkdown } from "../../scripts/api-docs";

test("docs/api.md lists the current public API (run `npm run docs:api` after changing lib/index.ts or a summary)", () => {
  const expected = apiMarkdown();
  assert.match(expected, /\| `analysePackage` \| function \| .+ \| `.+` \|/, "a function with its summary and example");
  assert.equal(fs.readFileSync(API_DOC, "utf8"), expected);
});

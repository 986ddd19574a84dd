import * as assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../lib/errors";
import { createProgress } from "../lib/progress";

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, s: { isTTY, write: (t: string) => writes.push(t) } };
}

describe("createProgress", () => {
  it("draws a bar on a terminal, once per whole percent, and ends the line", () => {
    const { writes, s } = stream(true);
    const bar = createProgress("bootstrap", 200, s);
    for (let i = 0; i < 200; i++) bar.tick();
    bar.done();
    assert.equal(writes.length, 101 + 1); // 0%..100% then the newline
    assert.match(writes[50], /^\rbootstrap \[#{15}-{15}\]  50% 100\/200$/);
    assert.equal(writes[writes.length - 1], "\n");
  });

  it("writes nothing when the stream is not a terminal", () => {
    const { writes, s } = stream(false);
    const bar = createProgress("import", 10, s);
    for (let i = 0; i < 10; i++) bar.tick();
    bar.done();
    assert.deepEqual(writes, []);
  });

  it("refuses a negative or fractional total", () => {
    assert.throws(() => createProgress("x", -1, stream(true).s), InputError);
    assert.throws(() => createProgress("x", 1.5, stream(true).s), InputError);
    assert.throws(() => createProgress("x", 10, stream(true).s).update(1, -2), InputError);
  });

  it("follows a (done, total) callback, total included, clamping done to [0, total]", () => {
    const { writes, s } = stream(true);
    const bar = createProgress("import", 0, s);
    const onProgress = bar.update; // usable unbound, as a callback
    onProgress(0, 4);
    onProgress(2, 4);
    onProgress(9, 4);
    bar.done();
    assert.deepEqual(writes.slice(0, 3).map((w) => w.replace(/\[[#-]+\]/, "[]")), ["\rimport []   0% 0/4", "\rimport []  50% 2/4", "\rimport [] 100% 4/4"]);
    assert.equal(writes[writes.length - 1], "\n");
  });
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { nameAt, nameHash, XmlName, XmlNameTable } from "../../lib/returns/xml-names";

const viewOf = (buf: Buffer) => new DataView(buf.buffer, buf.byteOffset, buf.length);

test("a name matches exactly its own bytes, at every length and offset, whichever byte differs", () => {
  for (let length = 1; length <= 20; length++) {
    const bytes = Buffer.from(Array.from({ length }, (_, k) => 65 + ((k * 7) % 26)));
    const name = new XmlName(bytes, bytes.toString());
    for (let offset = 0; offset < 5; offset++) {
      const buf = Buffer.concat([Buffer.alloc(offset, 0x20), bytes, Buffer.from(">")]);
      assert.ok(nameAt(viewOf(buf), buf, offset, name), `length ${length} at ${offset}`);
      for (let k = 0; k < length; k++) {
        const changed = Buffer.from(buf);
        changed[offset + k] ^= 0x20;
        assert.ok(!nameAt(viewOf(changed), changed, offset, name), `length ${length} at ${offset}, byte ${k} changed`);
      }
    }
  }
});

test("the table gives one entry per name, the handler's own string for known names, and never predicts a name ending in '/'", () => {
  const table = new XmlNameTable(["Child"]);
  const buf = Buffer.from("<Child><Child><é><a/", "utf8");
  const view = viewOf(buf);
  const child = table.intern(view, buf, 1, 6, nameHash(buf, 1, 6));
  assert.equal(child.name, "Child");
  assert.equal(table.intern(view, buf, 8, 13, nameHash(buf, 8, 13)), child);
  assert.equal(table.intern(view, buf, 15, 17, nameHash(buf, 15, 17)).name, "é");
  const slashed = table.intern(view, buf, 19, 21, nameHash(buf, 19, 21));
  assert.equal(slashed.name, "a/");
  assert.ok(child.predictable);
  assert.ok(!slashed.predictable);
});

test("the table keeps the first 4096 distinct names; a name made past them is not in it (so never a prediction)", () => {
  const table = new XmlNameTable([]);
  const names = Array.from({ length: 4100 }, (_, k) => {
    const buf = Buffer.from(`n${k}`);
    return table.intern(viewOf(buf), buf, 0, buf.length, nameHash(buf, 0, buf.length));
  });
  assert.ok(names.slice(0, 4096).every((n) => n.inTable));
  assert.ok(names.slice(4096).every((n) => !n.inTable));
  const again = Buffer.from("n4097");
  assert.notEqual(table.intern(viewOf(again), again, 0, again.length, nameHash(again, 0, again.length)), names[4097]);
});

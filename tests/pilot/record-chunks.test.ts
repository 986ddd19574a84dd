/**
 * RecordChunks (lib/pilot/record-chunks.ts) hands a reader whole records, in order, whatever the chunk boundaries:
 * records with quoted line breaks, long records, chunks of one byte; and refuses a record over the limit.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { RecordChunks, type ConsumeRecords } from "../../lib/pilot/record-chunks";

/** A reader of line-feed-ended records (a line feed inside double quotes does not end one), collecting their text. */
function recordReader(out: string[]): ConsumeRecords {
  return (bytes, final) => {
    let start = 0;
    let quoted = false;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 34) quoted = !quoted;
      else if (bytes[i] === 10 && !quoted) {
        out.push(Buffer.from(bytes.subarray(start, i + 1)).toString("latin1"));
        start = i + 1;
      }
    }
    if (final && start < bytes.length) {
      out.push(Buffer.from(bytes.subarray(start)).toString("latin1"));
      return bytes.length;
    }
    return start;
  };
}

const field = fc.oneof(fc.stringMatching(/^[a-z0-9]{0,12}$/), fc.stringMatching(/^[a-z\n,]{0,8}$/).map((s) => `"${s}"`));
const record = fc.array(field, { minLength: 1, maxLength: 6 }).map((fs) => fs.join(",") + "\n");

test("the records read are the stream's records, and offset where each call's bytes start, whatever the chunk sizes (quoted line breaks included)", () => {
  fc.assert(
    fc.property(fc.array(record, { maxLength: 40 }), fc.boolean(), fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 1, maxLength: 10 }), (records, lastEnded, sizes) => {
      let text = records.join("");
      if (!lastEnded && text.length > 0) text = text.slice(0, -1); // the last record without its line feed
      const bytes = Buffer.from(text, "latin1");
      const got: string[] = [];
      const consume = recordReader(got);
      const chunks = new RecordChunks(1 << 16);
      // each call's bytes are the stream's from chunks.offset on (error messages give a CR's byte offset by it)
      const checked: ConsumeRecords = (part, final) => {
        assert.deepEqual(Buffer.from(part), bytes.subarray(chunks.offset, chunks.offset + part.length));
        return consume(part, final);
      };
      for (let pos = 0, k = 0; pos < bytes.length; k++) {
        const n = sizes[k % sizes.length];
        assert.ok(chunks.write(bytes.subarray(pos, pos + n), checked));
        pos += n;
      }
      chunks.end(checked);
      assert.equal(chunks.offset, bytes.length);
      const whole: string[] = [];
      recordReader(whole)(bytes, true);
      assert.deepEqual(got, whole);
    }),
    { numRuns: 300, seed: 11 },
  );
});

test("a record longer than the limit is refused and nothing is carried", () => {
  const chunks = new RecordChunks(10);
  const got: string[] = [];
  assert.equal(chunks.write(Buffer.from("0123456789abcdef"), recordReader(got)), false);
  assert.equal(chunks.pending, 0);
  assert.deepEqual(got, []);
});

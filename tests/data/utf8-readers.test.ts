/**
 * Files read whole as text (a package's datapackage.json, the `--las` list, the DfE statistical-neighbour file, the
 * areas and quality the synthetic pilot records are made from) are
 * decoded strictly: a byte that is not UTF-8 is an error naming the file, line and byte offset, never U+FFFD in a
 * title, a name or a licence.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readDfeNeighbourGroups } from "../../lib/context/neighbours";
import { validatePackage } from "../../lib/data/package-load";
import { laListFromOption } from "../../lib/data/restrict";
import { readPilotAreaQuality } from "../../lib/synthetic/area-quality";
import { DataError } from "../../lib/errors";
import { tempDir } from "../helpers/temp-dirs";

const EMBEDDED = path.resolve(__dirname, "..", "..", "datasets", "pilot-synthetic");

/** `text` as Latin-1 bytes: `é` becomes the single byte E9, which is not UTF-8. */
const latin1 = (text: string) => Buffer.from(text, "latin1");

test("a datapackage.json that is not UTF-8 makes the package invalid, naming the byte, instead of a title with U+FFFD", () => {
  const dir = tempDir("vsw-utf8-pkg-");
  for (const f of fs.readdirSync(EMBEDDED)) fs.copyFileSync(path.join(EMBEDDED, f), path.join(dir, f));
  assert.equal(validatePackage(dir).errors.length, 0, "the copy is valid before the change");
  const file = path.join(dir, "datapackage.json");
  const descriptor = fs.readFileSync(file, "utf8");
  const title = (JSON.parse(descriptor) as { title: string }).title;
  fs.writeFileSync(file, latin1(descriptor.replace(JSON.stringify(title), JSON.stringify(`${title} (révisé)`))));
  const errors = validatePackage(dir).errors;
  assert.equal(errors.length, 1, errors.map((e) => e.message).join("\n"));
  assert.match(errors[0].message, /datapackage\.json/);
  assert.match(errors[0].message, /byte 0xe9 at offset \d+/);
});

test("a --las file that is not UTF-8 is an error naming the byte, not a list with U+FFFD in a name", () => {
  const file = path.join(tempDir("vsw-utf8-las-"), "las.txt");
  fs.writeFileSync(file, latin1("Barnsley\nYnys Môn\n"));
  assert.throws(
    () => laListFromOption(file),
    (e: unknown) => e instanceof DataError && /las\.txt/.test(e.message) && /byte 0xf4 at offset 15/.test(e.message),
  );
  fs.writeFileSync(file, "Barnsley\nYnys Môn\n");
  assert.deepEqual(laListFromOption(file).items, ["Barnsley", "Ynys Môn"]);
});

test("a statistical-neighbour file that is not UTF-8 is an error naming the byte", () => {
  const dir = tempDir("vsw-utf8-neighbours-");
  fs.writeFileSync(path.join(dir, "sn_model_2025_wide.csv"), latin1("la_code,la_name\nE06000001,Hartlepool é\n"));
  assert.throws(
    () => readDfeNeighbourGroups(dir, "2025"),
    (e: unknown) => e instanceof DataError && /sn_model_2025_wide\.csv/.test(e.message) && /byte 0xe9/.test(e.message),
  );
});

test("areas with a quality column for synthetic pilot records, not UTF-8, are an error naming the byte, not an LA name with U+FFFD", () => {
  const file = path.join(tempDir("vsw-utf8-quality-"), "areas-quality.csv");
  const csv = "la_code,la_name,region_code,region_name,old_la_code,first_period,last_period,quality\nE06900001,Aldhölt,E12000001,North East,,,,0.5\n";
  fs.writeFileSync(file, latin1(csv));
  assert.throws(() => readPilotAreaQuality(file), (e: unknown) => e instanceof DataError && /byte 0xf6/.test(e.message));
  fs.writeFileSync(file, csv);
  assert.equal(readPilotAreaQuality(file).areas[0].area.la_name, "Aldhölt");
});

test("a synthetic source's areas file that is a device is refused at the cap, not read without end", () => {
  const dir = tempDir("vsw-areas-dev-");
  const file = path.join(dir, "areas.csv");
  fs.symlinkSync("/dev/zero", file);
  assert.throws(() => readPilotAreaQuality(file), (e: unknown) => e instanceof DataError && /more than 16777216 bytes/.test(e.message) && e.message.includes(file));
});

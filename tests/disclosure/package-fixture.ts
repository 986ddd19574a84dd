/** A data-package folder for disclosure tests: its CSVs, and a datapackage.json listing each with its sha256, as the workbench writes it. */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Write `files` (name → text) into `dir` and a datapackage.json listing them as resources with their sha256.
 * @example
 * writePackage(dir, { "catalogue.csv": "indicator,source,unit\n", "indicators.csv": "la_code,period,indicator,value\n" });
 */
export function writePackage(dir: string, files: Record<string, string>): void {
  const resources = Object.entries(files).map(([name, text]) => {
    fs.writeFileSync(path.join(dir, name), text);
    return { name: path.basename(name, ".csv"), path: name, hash: `sha256:${createHash("sha256").update(text).digest("hex")}` };
  });
  fs.writeFileSync(path.join(dir, "datapackage.json"), JSON.stringify({ name: "test-package", resources }, null, 2));
}

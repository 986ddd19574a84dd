/** Reads the synthetic reference fixture (tests/reference/fixtures/synthetic-150.csv, made by make-reference.R). */
import * as fs from "node:fs";
import * as path from "node:path";

/** Columns of the synthetic fixture as numbers; empty cells (R's NA) are NaN. */
export function syntheticColumns(): Record<string, number[]> {
  const text = fs.readFileSync(path.join(__dirname, "fixtures", "synthetic-150.csv"), "utf8").trim();
  const [header, ...lines] = text.split("\n");
  const names = header.split(",").map((h) => h.replace(/"/g, ""));
  const cols: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  for (const line of lines) {
    line.split(",").forEach((cell, j) => cols[names[j]].push(cell === "" || cell === "NA" ? NaN : Number(cell)));
  }
  return cols;
}

/** Which benchmark place (England, a region, half of London) a LAIT area name stands for. */

/** England or a region, with the geography and code of benchmarks.csv. */
export type BenchmarkPlace = { geography: "england" | "region"; code: string };

/**
 * England's regions and London's two halves by name, in lower case without "the", as LAIT writes them ("Yorkshire
 * and the Humber", "London", "London (Inner)") and as the areas table does ("Yorkshire and The Humber", "Inner
 * London"); ONS codes, as EES's benchmarks have them. London as a whole is no region of the areas table (its LAs are
 * in Inner and Outer London), so a table of the areas' regions alone missed it, and a match by case the Humber.
 */
const REGION_CODES: ReadonlyMap<string, string> = new Map([
  ["north east", "E12000001"], ["north west", "E12000002"], ["yorkshire and humber", "E12000003"], ["east midlands", "E12000004"],
  ["west midlands", "E12000005"], ["east of england", "E12000006"], ["london", "E12000007"], ["south east", "E12000008"],
  ["south west", "E12000009"], ["inner london", "E13000001"], ["london (inner)", "E13000001"], ["outer london", "E13000002"], ["london (outer)", "E13000002"],
]);

/**
 * The benchmark place LAIT's `LA Name` text stands for: England, a region or half of London; undefined for an LA
 * or an unknown area.
 * @example
 * laitBenchmarkPlace("Yorkshire and the Humber") // { geography: "region", code: "E12000003" }
 */
export function laitBenchmarkPlace(name: string): BenchmarkPlace | undefined {
  const key = name.trim().toLowerCase().replace(/\bthe\s+/g, "").replace(/\s+/g, " ");
  if (key === "england") return { geography: "england", code: "E92000001" };
  const code = REGION_CODES.get(key);
  return code === undefined ? undefined : { geography: "region", code };
}

/**
 * DfE's published neighbour groups for several models at once, each read or the error reading it raised, so
 * that a caller (the `profile` command, a notebook) reads them once and passes them to `buildLaProfile`
 * (lib/profile reads no files), which turns an error into a note when DfE's groups are optional.
 */
import { readDfeNeighbourGroups, type DfeNeighbourGroup, type NeighbourModel } from "./neighbours";

/**
 * Read the DfE neighbour groups of each model from the official folder; a model whose file cannot be read
 * gets the Error (its message says which file and why) instead of stopping the others.
 * @example
 * const dfeGroups = readDfeNeighbourGroupsByModel("../shared/data/official", ["2025", "2021"]);
 * buildLaProfile(index, "E09000033", { dfeGroups });
 */
export function readDfeNeighbourGroupsByModel(officialDir: string, models: readonly NeighbourModel[]): Partial<Record<NeighbourModel, readonly DfeNeighbourGroup[] | Error>> {
  const groups: Partial<Record<NeighbourModel, readonly DfeNeighbourGroup[] | Error>> = {};
  for (const model of models) {
    try {
      groups[model] = readDfeNeighbourGroups(officialDir, model);
    } catch (e) {
      // kept, not swallowed: buildLaProfile throws it for an explicit dfe-2025/dfe-2021 and notes it under auto
      groups[model] = e instanceof Error ? e : new Error(String(e));
    }
  }
  return groups;
}

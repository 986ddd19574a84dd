/**
 * Leaf order of an average-linkage (UPGMA) hierarchical clustering, used to put redundant indicators next
 * to each other in the correlation heatmap. Same merge rule as R's `hclust(d, method = "average")`; the
 * leaf order is the dendrogram's left-to-right order where each merge puts the cluster containing the
 * smaller original index on the left (hclust orders by merge history instead, so orders can differ by
 * flips of subtrees; the clusters are the same).
 */
import { InputError } from "../errors";

/**
 * Order items so that similar ones are adjacent.
 * @param distance symmetric matrix of non-negative distances; NaN means unknown and is treated as the
 *   largest finite distance in the matrix (unknown pairs are not pulled together).
 * @returns a permutation of 0..n−1 (ties broken by the lowest index, so the result is deterministic).
 * @example
 * clusterOrder([[0, 0.9, 0.1], [0.9, 0, 0.8], [0.1, 0.8, 0]]) // [0, 2, 1]
 */
export function clusterOrder(distance: readonly (readonly number[])[]): number[] {
  const n = distance.length;
  for (let i = 0; i < n; i++) {
    if (distance[i].length !== n) throw new InputError("clusterOrder", "distance must be a square matrix", `row ${i} has ${distance[i].length} of ${n}`);
  }
  if (n === 0) return [];
  let maxFinite = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const d = distance[i][j];
      if (d < 0) throw new InputError("clusterOrder", `distance[${i}][${j}] must be >= 0`, d);
      if (Number.isFinite(d)) maxFinite = Math.max(maxFinite, d);
    }
  const d = (i: number, j: number) => {
    const v = (distance[i][j] + distance[j][i]) / 2;
    return Number.isNaN(v) ? maxFinite : v;
  };
  // clusters: leaves in order, their smallest index
  let clusters = Array.from({ length: n }, (_, i) => ({ leaves: [i], min: i }));
  const between = (a: number[], b: number[]) => {
    let s = 0;
    for (const i of a) for (const j of b) s += d(i, j);
    return s / (a.length * b.length);
  };
  while (clusters.length > 1) {
    let best = Infinity;
    let bi = 0;
    let bj = 1;
    for (let i = 0; i < clusters.length; i++)
      for (let j = i + 1; j < clusters.length; j++) {
        const v = between(clusters[i].leaves, clusters[j].leaves);
        if (v < best) {
          best = v;
          bi = i;
          bj = j;
        }
      }
    const [left, right] = clusters[bi].min < clusters[bj].min ? [clusters[bi], clusters[bj]] : [clusters[bj], clusters[bi]];
    const merged = { leaves: [...left.leaves, ...right.leaves], min: Math.min(left.min, right.min) };
    clusters = clusters.filter((_, k) => k !== bi && k !== bj);
    clusters.push(merged);
    clusters.sort((a, b) => a.min - b.min);
  }
  return clusters[0].leaves;
}

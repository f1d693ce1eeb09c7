/**
 * Sets of instants kept as sorted, disjoint, non-empty half-open `[start, end)` pairs in one flat
 * array `[start0, end0, start1, end1, …]`, so that a sweep over increasing instants is a pointer walk.
 */

/** The union of `[start, end)` pairs as a flat sorted disjoint list; empty pairs vanish, touching ones join. Sorts `pairs` in place. */
export function unionOf(pairs: [number, number][]): number[] {
  pairs.sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (const [start, end] of pairs) {
    if (!(start < end)) continue;
    const last = flat.length - 1;
    if (last > 0 && start <= flat[last]!) {
      if (end > flat[last]!) flat[last] = end;
    } else {
      flat.push(start, end);
    }
  }
  return flat;
}

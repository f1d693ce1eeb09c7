import type { Busy } from './types.js';

/**
 * A resource's taken time: the union of its busy spans, each half-open `[start, end)`, as a sorted,
 * disjoint flat pair list (see `intervals.ts`). Spans may come in any order and overlap; an empty span
 * (`end <= start`) takes nothing, and spans wholly outside `[from, until)` are left out as they cannot
 * matter there. The input is not modified.
 *
 * The union depends only on the multisets of starts and ends (an instant is taken when more spans
 * have started than ended by then), so the two are sorted separately as plain numbers, which is much
 * faster than sorting span objects, and then swept with a depth counter. Starts go first on ties, so
 * spans that touch join.
 */
export function busyTime(busy: readonly Busy[], from: number, until: number): number[] {
  const starts = new Float64Array(busy.length);
  const ends = new Float64Array(busy.length);
  let count = 0;
  for (const span of busy) {
    const { start, end } = span;
    if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError('A busy span needs finite start and end instants');
    if (start < end && end > from && start < until) {
      starts[count] = start;
      ends[count] = end;
      count++;
    }
  }
  const sortedStarts = starts.subarray(0, count).sort();
  const sortedEnds = ends.subarray(0, count).sort();
  const flat: number[] = [];
  let depth = 0;
  let e = 0;
  for (let s = 0; s < count; ) {
    if (sortedStarts[s]! <= sortedEnds[e]!) {
      if (depth === 0) flat.push(sortedStarts[s]!);
      depth++;
      s++;
    } else {
      depth--;
      if (depth === 0) flat.push(sortedEnds[e]!);
      e++;
    }
  }
  if (count > 0) flat.push(sortedEnds[count - 1]!);
  return flat;
}

/**
 * Which candidate starts one resource can take. A start `s` is free when the service time
 * `[s, s + duration)` lies inside the resource's working time and the buffered span
 * `[s − before, s + duration + after)` meets none of its busy time (half-open: touching is fine).
 * Buffers must be free but need not be working time.
 *
 * One forward sweep: `starts` ascend, `working` and `busy` are sorted disjoint flat pair lists
 * (see `intervals.ts`), so the whole check is linear in their lengths.
 */
export function freeStarts(
  starts: Float64Array,
  working: readonly number[],
  busy: readonly number[],
  durationMs: number,
  beforeMs: number,
  afterMs: number,
): Uint8Array {
  const free = new Uint8Array(starts.length);
  let w = 0;
  let b = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = start + durationMs;
    // Skip working stretches that end at or before this start: no later start fits in them either.
    while (w < working.length && working[w + 1]! <= start) w += 2;
    if (w >= working.length) break;
    if (working[w]! > start || working[w + 1]! < end) continue;
    const spanStart = start - beforeMs;
    const spanEnd = end + afterMs;
    // Skip busy stretches that end at or before the buffered span starts.
    while (b < busy.length && busy[b + 1]! <= spanStart) b += 2;
    if (b < busy.length && busy[b]! < spanEnd) continue;
    free[i] = 1;
  }
  return free;
}

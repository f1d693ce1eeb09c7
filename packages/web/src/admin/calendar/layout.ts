import { wallOf } from '../time';
import type { CalendarEntry, Column, Placement } from './types';

export const SLOT_MINUTES = 15;

/** The column an entry belongs in, and its minutes on that column's day (clipped to the day). */
export function placeEntry(entry: CalendarEntry, columns: readonly Column[], timeZone: string): Placement | null {
  const start = wallOf(entry.start, timeZone);
  const end = wallOf(entry.end, timeZone);
  const column = columns.find((candidate) => {
    if (candidate.day !== start.dayNumber && !(start.dayNumber < candidate.day && end.dayNumber >= candidate.day)) return false;
    if (candidate.resourceId === null) return true;
    if (entry.type === 'block') return entry.resourceId === candidate.resourceId;
    return entry.practitionerId === candidate.resourceId || entry.roomId === candidate.resourceId;
  });
  if (!column) return null;
  const startMinute = start.dayNumber < column.day ? 0 : start.minute;
  const endMinute = end.dayNumber > column.day ? 24 * 60 : end.minute;
  return { columnKey: column.key, startMinute, endMinute: Math.max(endMinute, startMinute + SLOT_MINUTES) };
}

/** Side-by-side lanes for overlapping entries in one column: each item's lane and the lane count of its cluster. */
export function assignLanes<T extends { startMinute: number; endMinute: number }>(
  items: readonly T[],
): Map<T, { lane: number; lanes: number }> {
  const sorted = [...items].sort((a, b) => a.startMinute - b.startMinute || b.endMinute - a.endMinute);
  const result = new Map<T, { lane: number; lanes: number }>();
  let cluster: T[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;
  const closeCluster = () => {
    for (const item of cluster) {
      const entry = result.get(item);
      if (entry) entry.lanes = laneEnds.length;
    }
    cluster = [];
    laneEnds = [];
  };
  for (const item of sorted) {
    if (item.startMinute >= clusterEnd) closeCluster();
    let lane = laneEnds.findIndex((end) => end <= item.startMinute);
    if (lane < 0) {
      lane = laneEnds.length;
      laneEnds.push(item.endMinute);
    } else laneEnds[lane] = item.endMinute;
    result.set(item, { lane, lanes: 1 });
    cluster.push(item);
    clusterEnd = Math.max(clusterEnd, item.endMinute);
  }
  closeCluster();
  return result;
}

/** The hours the grid shows: 07–20, widened to whatever the entries need. */
export function visibleMinutes(placements: readonly Placement[]): { first: number; last: number } {
  let first = 7 * 60;
  let last = 20 * 60;
  for (const placement of placements) {
    first = Math.min(first, Math.floor(placement.startMinute / 60) * 60);
    last = Math.max(last, Math.ceil(placement.endMinute / 60) * 60);
  }
  return { first, last: Math.min(last, 24 * 60) };
}

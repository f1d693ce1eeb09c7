import { weekWindow } from '@hetki/shared/calendarWeek';
import { query } from './api';
import { h } from './dom';
import { t } from './i18n';
import { addDays, dateIn, dayLabel, mondayOf, timeIn, zoneDiffers } from './time';
import type { Availability, Slot } from './types';

export type SlotQuery = { slug: string; serviceId: string; practitionerId?: string | undefined };

/** How far past an empty week the widget looks for the next free time (within the API's 62-day window). */
const LOOK_AHEAD_DAYS = 56;

/** Under an empty week: a button to the week of the next free time, if there is one within eight weeks. */
async function offerNextFree(
  options: { request: SlotQuery; zone: string; week: string; onWeek: (week: string) => void },
  view: HTMLElement,
) {
  const from = addDays(options.week, 7);
  try {
    const ahead = await availability(options.request, from, addDays(from, LOOK_AHEAD_DAYS - 1));
    const next = ahead.slots[0];
    if (!next) return;
    const day = dateIn(options.zone, next.start);
    view.append(
      h(
        'button',
        { type: 'button', class: 'hw-primary', 'data-next-free': true, onclick: () => options.onWeek(mondayOf(day)) },
        t('nextFree', { time: `${dayLabel(day, true)} ${timeIn(options.zone, next.start)}` }),
      ),
    );
  } catch {
    // The week's own message stands; the visitor can still page forward.
  }
}

const prefetched = new Map<string, Promise<Availability>>();
const keyOf = (request: SlotQuery, from: string, to: string) => JSON.stringify({ ...request, from, to });

/** Asks for free times before the view that shows them exists (a widget opened at a service's times). */
export function prefetchAvailability(request: SlotQuery, from: string, to: string): void {
  const early = query<Availability>('public.booking.availability', { ...request, from, to });
  early.catch(() => {});
  prefetched.set(keyOf(request, from, to), early);
}

/** Free times the page already carries (see main.ts): the first view shows them without asking. */
export function seedAvailability(request: SlotQuery, from: string, to: string, known: Availability): void {
  prefetched.set(keyOf(request, from, to), Promise.resolve(known));
}

export function availability(request: SlotQuery, from: string, to: string): Promise<Availability> {
  const key = keyOf(request, from, to);
  const early = prefetched.get(key);
  if (early) {
    prefetched.delete(key);
    return early;
  }
  return query<Availability>('public.booking.availability', { ...request, from, to });
}

/**
 * A week of free times (Monday to Sunday, clinic-local dates), with previous and next week. Each
 * time is a button named with its day, so it reads well to a screen reader out of its column.
 */
export function weekSlots(options: {
  request: SlotQuery;
  zone: string;
  today: string;
  week: string;
  onWeek: (week: string) => void;
  onPick: (slot: Slot) => void;
}): HTMLElement {
  const { zone, today, week, onWeek, onPick } = options;
  const status = h('p', { class: 'hw-muted', role: 'status' }, t('loading'));
  const grid = h('div', { class: 'hw-week', 'aria-busy': 'true' });
  const { from, to } = weekWindow(week, today);
  const nav = h(
    'div',
    { class: 'hw-weeknav' },
    h(
      'button',
      { type: 'button', class: 'hw-ghost', disabled: mondayOf(today) >= week, onclick: () => onWeek(addDays(week, -7)) },
      `← ${t('previousWeek')}`,
    ),
    h('span', { class: 'hw-weeklabel' }, t('weekOf', { from: dayLabel(week), to: dayLabel(to) })),
    h(
      'button',
      { type: 'button', class: 'hw-ghost', 'data-next-week': true, onclick: () => onWeek(addDays(week, 7)) },
      `${t('nextWeek')} →`,
    ),
  );
  const view = h('div', {}, zoneDiffers(zone) ? h('p', { class: 'hw-note' }, t('zoneNote', { zone })) : null, nav, status, grid);

  availability(options.request, from, to).then(
    (found) => {
      const byDay = new Map<string, Slot[]>();
      for (const slot of found.slots) {
        const day = dateIn(zone, slot.start);
        byDay.set(day, [...(byDay.get(day) ?? []), slot]);
      }
      grid.removeAttribute('aria-busy');
      status.textContent = found.slots.length === 0 ? t('noTimesThisWeek') : '';
      if (found.slots.length === 0) void offerNextFree(options, view);
      if (found.slots.length > 0) status.className = 'hw-sr';
      for (let i = 0; i < 7; i += 1) {
        const day = addDays(week, i);
        const slots = byDay.get(day) ?? [];
        if (day < today) continue;
        const headingId = `day-${day}`;
        grid.append(
          h(
            'section',
            { class: 'hw-day', 'aria-labelledby': headingId },
            h('h3', { id: headingId }, dayLabel(day)),
            slots.length === 0
              ? h('p', { class: 'hw-muted hw-small' }, t('noTimesDay'))
              : h(
                  'ul',
                  { class: 'hw-times' },
                  slots.map((slot) =>
                    h(
                      'li',
                      {},
                      h(
                        'button',
                        {
                          type: 'button',
                          class: 'hw-time',
                          'data-slot': slot.start,
                          'aria-label': t('timeButton', { day: dayLabel(day, true), time: timeIn(zone, slot.start) }),
                          onclick: () => onPick(slot),
                        },
                        timeIn(zone, slot.start),
                      ),
                    ),
                  ),
                ),
          ),
        );
      }
    },
    () => {
      grid.removeAttribute('aria-busy');
      status.textContent = t('failed');
    },
  );
  return view;
}

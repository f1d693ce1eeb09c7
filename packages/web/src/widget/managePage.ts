import { ApiError, mutate, query } from './api';
import { errorBox } from './chrome';
import { h, show } from './dom';
import { t } from './i18n';
import { localized } from './localized';
import { dateIn, dateTimeIn, mondayOf } from './time';
import type { ManagedBooking, Slot } from './types';
import { weekSlots } from './weekSlots';

type Mode = { kind: 'view' } | { kind: 'confirmCancel' } | { kind: 'reschedule'; week: string } | { kind: 'confirmMove'; slot: Slot };

/**
 * `/book/<slug>/manage#<token>`: the page the confirmation email links to. The token stays in the
 * fragment (never sent in a URL); the API gets it in POST bodies only.
 */
export async function startManage(
  root: HTMLElement,
  slug: string,
  token: string,
  top: () => HTMLElement,
): Promise<{ rerender: () => void }> {
  let booking: ManagedBooking | null = null;
  let mode: Mode = { kind: 'view' };
  let notice: string | null = null;
  let problem: string | null = null;

  const render = () => show(root, top(), h('div', { class: 'hw-body' }, ...content()));
  const set = (next: Mode, message: string | null = null, failure: string | null = null) => {
    mode = next;
    notice = message;
    problem = failure;
    render();
  };

  function content(): (HTMLElement | null)[] {
    if (!booking) return [h('h1', { 'data-focus': true }, t('manageTitle')), errorBox(problem ?? t('linkInvalid'))];
    const zone = booking.clinic.timeZone;
    const live = booking.status !== 'cancelled';
    const changeable = live && Date.now() < Date.parse(booking.canChangeUntil);
    const details = h(
      'dl',
      { class: 'hw-summary' },
      h('dt', {}, t('service')),
      h('dd', {}, localized(booking.service.name)),
      h('dt', {}, t('when')),
      h('dd', { 'data-booking-time': true }, `${dateTimeIn(zone, booking.start)} (${zone})`),
      h('dt', {}, t('with')),
      h('dd', {}, booking.practitioner.name),
    );
    const status = h('p', { class: live ? 'hw-badge' : 'hw-badge hw-badge-off' }, live ? t('statusConfirmed') : t('statusCancelled'));
    const head = [
      h('h1', { 'data-focus': mode.kind === 'view' ? true : undefined }, t('manageTitle')),
      notice ? h('p', { class: 'hw-success', role: 'status' }, notice) : null,
      problem ? errorBox(problem) : null,
      status,
      details,
    ];
    if (!live) return head;
    if (!changeable) return [...head, h('p', {}, t('changeClosed'))];
    const until = dateTimeIn(zone, booking.canChangeUntil);
    switch (mode.kind) {
      case 'view':
        return [
          ...head,
          h('p', { class: 'hw-hint' }, t(booking.movable ? 'changeUntil' : 'cancelOnlyUntil', { until })),
          h(
            'div',
            { class: 'hw-actions' },
            booking.movable
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'hw-primary',
                    onclick: () => set({ kind: 'reschedule', week: mondayOf(dateIn(zone, new Date())) }),
                  },
                  t('reschedule'),
                )
              : null,
            h('button', { type: 'button', class: 'hw-danger', onclick: () => set({ kind: 'confirmCancel' }) }, t('cancelBooking')),
          ),
        ];
      case 'confirmCancel':
        return [
          ...head,
          h(
            'div',
            { class: 'hw-confirm', role: 'group', 'aria-labelledby': 'hw-confirm-q' },
            h('p', { id: 'hw-confirm-q', 'data-focus': true }, t('confirmCancel')),
            h(
              'div',
              { class: 'hw-actions' },
              h('button', { type: 'button', class: 'hw-danger', onclick: () => void cancel() }, t('yesCancel')),
              h('button', { type: 'button', class: 'hw-ghost', onclick: () => set({ kind: 'view' }) }, t('keep')),
            ),
          ),
        ];
      case 'reschedule':
        return [
          ...head,
          h('h2', { 'data-focus': true }, t('reschedule')),
          weekSlots({
            request: { slug, serviceId: booking.service.id, practitionerId: booking.practitioner.id },
            zone,
            today: dateIn(zone, new Date()),
            week: mode.week,
            onWeek: (week) => set({ kind: 'reschedule', week }),
            onPick: (slot) => set({ kind: 'confirmMove', slot }),
          }),
          h('button', { type: 'button', class: 'hw-ghost', onclick: () => set({ kind: 'view' }) }, t('back')),
        ];
      case 'confirmMove': {
        const slot = mode.slot;
        return [
          ...head,
          h(
            'div',
            { class: 'hw-confirm', role: 'group', 'aria-labelledby': 'hw-confirm-q' },
            h('p', { id: 'hw-confirm-q', 'data-focus': true }, t('rescheduleTo', { time: `${dateTimeIn(zone, slot.start)} (${zone})` })),
            h(
              'div',
              { class: 'hw-actions' },
              h('button', { type: 'button', class: 'hw-primary', onclick: () => void move(slot) }, t('yesMove')),
              h(
                'button',
                { type: 'button', class: 'hw-ghost', onclick: () => set({ kind: 'reschedule', week: mondayOf(dateIn(zone, slot.start)) }) },
                t('back'),
              ),
            ),
          ),
        ];
      }
    }
  }

  const failureText = (error: unknown) =>
    error instanceof ApiError && error.reason === 'SLOT_TAKEN'
      ? t('slotTaken')
      : error instanceof ApiError && error.reason === 'CHANGE_WINDOW_CLOSED'
        ? t('changeClosed')
        : error instanceof ApiError && error.reason === 'NOT_MOVABLE_ONLINE'
          ? t('notMovable')
          : error instanceof ApiError && error.status === 404
            ? t('linkInvalid')
            : t('failed');

  async function cancel(): Promise<void> {
    try {
      booking = await mutate<ManagedBooking>('public.booking.manage.cancel', { slug, token });
      set({ kind: 'view' }, t('cancelled'));
    } catch (error) {
      set({ kind: 'view' }, null, failureText(error));
    }
  }

  async function move(slot: Slot): Promise<void> {
    try {
      booking = await mutate<ManagedBooking>('public.booking.manage.reschedule', { slug, token, start: slot.start });
      set({ kind: 'view' }, t('moved'));
    } catch (error) {
      if (booking && error instanceof ApiError && error.reason === 'NOT_MOVABLE_ONLINE') {
        // The clinic stopped offering it online since the page opened: only Cancel is left.
        booking = { ...booking, movable: false };
        set({ kind: 'view' }, null, failureText(error));
        return;
      }
      const zone = booking?.clinic.timeZone ?? 'UTC';
      set({ kind: 'reschedule', week: mondayOf(dateIn(zone, slot.start)) }, null, failureText(error));
    }
  }

  try {
    booking = token.length >= 30 ? await query<ManagedBooking>('public.booking.manage.view', { slug, token }, { private: true }) : null;
  } catch (error) {
    problem = failureText(error);
  }
  render();
  return { rerender: render };
}

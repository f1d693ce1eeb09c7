import { ApiError, mutate, query } from './api';
import { errorBox, stepHeading } from './chrome';
import { bookingPayload, type DetailsValues, detailsForm, formErrors } from './detailsForm';
import { h, show } from './dom';
import { announceStep } from './embed';
import { locale, t } from './i18n';
import { localized, price } from './localized';
import { addDays, dateIn, dateTimeIn, laterDate, mondayOf } from './time';
import type { Catalogue, CatalogueService, PublicBooking, Slot, WidgetConfig } from './types';
import { availability, weekSlots } from './weekSlots';

type Step = 'service' | 'practitioner' | 'time' | 'details' | 'taken' | 'done';

type State = {
  step: Step;
  service?: CatalogueService;
  /** Undefined: "anyone available". */
  practitionerId?: string | undefined;
  week: string;
  slot?: Slot;
  values: DetailsValues;
  errors: Record<string, string[]>;
  problem?: string;
  /** After a lost race: the nearest free times to the one taken. */
  nearest?: Slot[];
  booked?: { booking: PublicBooking; manageToken: string };
};

/** How many alternatives a visitor who lost a slot is offered. */
const NEAREST_COUNT = 4;

/** Random per booking attempt: a retry (double click, lost answer) returns the same booking. */
function newAttemptKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/** The booking steps: service → practitioner → time → details → confirmation. */
export function startBooking(
  root: HTMLElement,
  config: WidgetConfig,
  catalogue: Catalogue,
  top: () => HTMLElement,
  preselectedServiceId: string | null,
): { rerender: () => void } {
  const zone = config.timeZone;
  const today = () => dateIn(zone, new Date());
  const state: State = { step: 'service', week: mondayOf(today()), values: {}, errors: {} };
  // Linked straight to a service: its free times with anyone come first.
  const preselected = catalogue.services.find((service) => service.id === preselectedServiceId);
  if (preselected) Object.assign(state, { step: 'time', service: preselected });
  let attemptKey = newAttemptKey();

  const go = (patch: Partial<State>) => {
    Object.assign(state, patch);
    render();
    announceStep(state.step);
  };

  function render(): void {
    show(root, top(), h('div', { class: 'hw-body' }, ...view()));
  }

  function view(): (HTMLElement | null)[] {
    switch (state.step) {
      case 'service':
        return serviceStep();
      case 'practitioner':
        return practitionerStep();
      case 'time':
        return timeStep();
      case 'details':
        return detailsStep();
      case 'taken':
        return takenStep();
      case 'done':
        return doneStep();
    }
  }

  function serviceStep() {
    return [
      ...stepHeading(1, t('chooseService')),
      h(
        'ul',
        { class: 'hw-choices' },
        catalogue.services.map((service) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'hw-choice', onclick: () => go({ step: 'practitioner', service, practitionerId: undefined }) },
              h('span', { class: 'hw-choice-title' }, localized(service.name)),
              h(
                'span',
                { class: 'hw-choice-meta' },
                `${t('minutes', { n: service.durationMinutes })} · ${price(service.priceCents, service.currency)}`,
              ),
              localized(service.description) ? h('span', { class: 'hw-choice-text' }, localized(service.description)) : null,
            ),
          ),
        ),
      ),
    ];
  }

  function practitionerStep() {
    const service = state.service as CatalogueService;
    const people = catalogue.practitioners.filter((person) => service.practitionerIds.includes(person.id));
    const choose = (practitionerId: string | undefined) => go({ step: 'time', practitionerId, week: mondayOf(today()) });
    return [
      ...stepHeading(2, t('choosePractitioner'), () => go({ step: 'service' })),
      h(
        'ul',
        { class: 'hw-choices' },
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'hw-choice', onclick: () => choose(undefined) },
            h('span', { class: 'hw-choice-title' }, t('anyone')),
            h('span', { class: 'hw-choice-meta' }, t('anyoneHint')),
          ),
        ),
        people.map((person) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'hw-choice', onclick: () => choose(person.id) },
              h('span', { class: 'hw-choice-title' }, person.name),
            ),
          ),
        ),
      ),
    ];
  }

  function timeStep() {
    const service = state.service as CatalogueService;
    return [
      ...stepHeading(3, t('chooseTime'), () => go({ step: 'practitioner' })),
      h('p', { class: 'hw-muted' }, localized(service.name), state.practitionerId ? ` · ${practitionerName(state.practitionerId)}` : ''),
      weekSlots({
        request: { slug: config.slug, serviceId: service.id, practitionerId: state.practitionerId },
        zone,
        today: today(),
        week: state.week,
        onWeek: (week) => go({ week }),
        onPick: (slot) => go({ step: 'details', slot, problem: undefined, errors: {} }),
      }),
    ];
  }

  function practitionerName(id: string): string {
    return catalogue.practitioners.find((person) => person.id === id)?.name ?? '';
  }

  function summary(): HTMLElement {
    const service = state.service as CatalogueService;
    const slot = state.slot as Slot;
    return h(
      'dl',
      { class: 'hw-summary', 'aria-label': t('summary') },
      h('dt', {}, t('service')),
      h('dd', {}, `${localized(service.name)} (${price(service.priceCents, service.currency)})`),
      h('dt', {}, t('when')),
      h('dd', {}, `${dateTimeIn(zone, slot.start)} (${zone})`),
      state.practitionerId ? [h('dt', {}, t('with')), h('dd', {}, practitionerName(state.practitionerId))] : null,
    );
  }

  function detailsStep() {
    const slot = state.slot as Slot;
    return [
      ...stepHeading(4, t('yourDetails'), () => go({ step: 'time' })),
      summary(),
      state.problem ? errorBox(state.problem) : null,
      detailsForm({
        config,
        today: dateIn(zone, new Date()),
        values: state.values,
        errors: state.errors,
        submitLabel: t('confirmBooking'),
        onSubmit: (values) => void book(values),
      }),
    ];
  }

  async function book(values: DetailsValues): Promise<void> {
    const service = state.service as CatalogueService;
    const slot = state.slot as Slot;
    state.values = values;
    const button = root.querySelector<HTMLButtonElement>('button[type=submit]');
    if (button) {
      button.disabled = true;
      button.textContent = t('booking');
    }
    try {
      const booked = await mutate<{ booking: PublicBooking; manageToken: string }>('public.booking.book', {
        slug: config.slug,
        serviceId: service.id,
        practitionerId: state.practitionerId,
        start: slot.start,
        language: locale(),
        idempotencyKey: attemptKey,
        ...bookingPayload(values, config),
      });
      attemptKey = newAttemptKey();
      go({ step: 'done', booked, values: {} });
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'SLOT_TAKEN') {
        attemptKey = newAttemptKey();
        go({ step: 'taken', nearest: undefined });
        void findNearest(slot);
      } else if (error instanceof ApiError && error.status === 400) {
        go({ problem: t('invalid'), errors: formErrors(error.fieldErrors) });
      } else {
        go({ problem: t('failed'), errors: {} });
      }
    }
  }

  /** The free times closest to the one lost, from that day on (a week's worth of search). */
  async function findNearest(taken: Slot): Promise<void> {
    const service = state.service as CatalogueService;
    const from = laterDate(dateIn(zone, taken.start), today());
    try {
      const found = await availability(
        { slug: config.slug, serviceId: service.id, practitionerId: state.practitionerId },
        from,
        addDays(from, 6),
      );
      const target = Date.parse(taken.start);
      const nearest = found.slots
        .filter((slot) => slot.start !== taken.start)
        .sort((a, b) => Math.abs(Date.parse(a.start) - target) - Math.abs(Date.parse(b.start) - target))
        .slice(0, NEAREST_COUNT)
        .sort((a, b) => a.start.localeCompare(b.start));
      if (state.step === 'taken') go({ nearest });
    } catch {
      if (state.step === 'taken') go({ nearest: [] });
    }
  }

  function takenStep() {
    return [
      h('h1', { 'data-focus': true }, t('slotTaken')),
      state.nearest === undefined
        ? h('p', { class: 'hw-muted', role: 'status' }, t('loading'))
        : state.nearest.length === 0
          ? h('p', {}, t('noNearest'))
          : h(
              'div',
              {},
              h('h2', {}, t('nearestFree')),
              h(
                'ul',
                { class: 'hw-times hw-nearest' },
                state.nearest.map((slot) =>
                  h(
                    'li',
                    {},
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'hw-time',
                        'data-slot': slot.start,
                        onclick: () => go({ step: 'details', slot, problem: undefined }),
                      },
                      dateTimeIn(zone, slot.start),
                    ),
                  ),
                ),
              ),
            ),
      h('button', { type: 'button', class: 'hw-ghost', onclick: () => go({ step: 'time' }) }, t('chooseAnother')),
    ];
  }

  function doneStep() {
    const { booking, manageToken } = state.booked as { booking: PublicBooking; manageToken: string };
    const manageUrl = `${location.origin}/book/${encodeURIComponent(config.slug)}/manage#${manageToken}`;
    return [
      h('h1', { 'data-focus': true }, t('booked')),
      h('p', {}, t('bookedText')),
      h(
        'dl',
        { class: 'hw-summary' },
        h('dt', {}, t('service')),
        h('dd', {}, localized(booking.service.name)),
        h('dt', {}, t('when')),
        h('dd', {}, `${dateTimeIn(zone, booking.start)} (${zone})`),
        h('dt', {}, t('with')),
        h('dd', {}, booking.practitioner.name),
      ),
      h(
        'p',
        {},
        h('a', { href: manageUrl, target: '_blank', rel: 'noopener', class: 'hw-link-strong', 'data-manage-link': true }, t('manageLink')),
      ),
      h('p', { class: 'hw-hint' }, t('manageHint')),
      h(
        'button',
        { type: 'button', class: 'hw-ghost', onclick: () => go({ step: 'service', slot: undefined, booked: undefined }) },
        t('bookAnother'),
      ),
    ];
  }

  render();
  return { rerender: render };
}

export async function loadCatalogue(slug: string): Promise<Catalogue> {
  return query<Catalogue>('public.booking.catalogue', { slug });
}

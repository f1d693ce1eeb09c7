import './widget.css';
import { weekWindow } from '@hetki/shared/calendarWeek';
import { ApiError, query } from './api';
import { loadCatalogue, startBooking } from './bookingFlow';
import { errorBox, header } from './chrome';
import { h, show } from './dom';
import { askedLocale, askedService, startEmbedding } from './embed';
import { chooseLocale, LOCALES, type Locale, setLocale, t } from './i18n';
import { startManage } from './managePage';
import { dateIn, mondayOf } from './time';
import type { Availability, Catalogue, WidgetConfig } from './types';
import { prefetchAvailability, seedAvailability } from './weekSlots';

/** `/book/<slug>` (booking) and `/book/<slug>/manage#<token>` (change or cancel), on their own Vite entry. */
const root = document.getElementById('hetki-widget') as HTMLElement;
const match = /^\/book\/([a-z0-9-]{1,40})(\/manage)?\/?$/i.exec(location.pathname);

const browserLocales = navigator.languages ?? [navigator.language];

type WidgetStart = {
  config: WidgetConfig;
  catalogue?: Catalogue;
  firstWeek?: { serviceId: string; from: string; to: string; availability: Availability };
};

/** What the server put into the page for the first view (see packages/server/src/services/widget/widgetStart.ts), if it did. */
function inlineStart(slug: string): WidgetStart | null {
  const text = document.getElementById('hetki-start')?.textContent;
  if (!text) return null;
  try {
    const start = JSON.parse(text) as WidgetStart;
    return start.config?.slug === slug ? start : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  startEmbedding();
  // Until the clinic's languages are known: the one asked for, else the browser's.
  setLocale(chooseLocale(LOCALES, 'fi', askedLocale(), browserLocales));
  if (!match) {
    show(root, errorBox(t('notFound')));
    return;
  }
  const slug = (match[1] as string).toLowerCase();
  const managing = Boolean(match[2]);
  show(root, h('p', { class: 'hw-muted', role: 'status' }, t('loading')));
  let config: WidgetConfig;
  try {
    const start = inlineStart(slug);
    if (start?.firstWeek) {
      const { serviceId, from, to, availability } = start.firstWeek;
      seedAvailability({ slug, serviceId, practitionerId: undefined }, from, to, availability);
    }
    // Without inline data the catalogue is asked for beside the configuration: it is what the first step shows.
    const catalogue = managing ? null : start?.catalogue ? Promise.resolve(start.catalogue) : loadCatalogue(slug);
    catalogue?.catch(() => {});
    config = start?.config ?? (await query<WidgetConfig>('public.widget.config', { slug }));
    const service = askedService();
    if (!managing && service && !start?.firstWeek) {
      // Opened at a service's times: they are asked for now, beside the catalogue.
      const today = dateIn(config.timeZone, new Date());
      const { from, to } = weekWindow(mondayOf(today), today);
      prefetchAvailability({ slug: config.slug, serviceId: service, practitionerId: undefined }, from, to);
    }
    setLocale(chooseLocale(config.enabledLocales, config.defaultLocale, askedLocale(), browserLocales));
    let view: { rerender: () => void } | null = null;
    const title = () => {
      document.title = managing ? `${t('manageTitle')} – ${config.name}` : t('bookAt', { clinic: config.name });
    };
    title();
    const top = () =>
      header(config.name, config.enabledLocales, (next: Locale) => {
        setLocale(next);
        title();
        view?.rerender();
        document.getElementById('hw-lang')?.focus();
      });
    if (managing) {
      view = await startManage(root, slug, location.hash.replace(/^#/, ''), top);
    } else {
      view = startBooking(root, config, await (catalogue as Promise<Awaited<ReturnType<typeof loadCatalogue>>>), top, askedService());
    }
  } catch (error) {
    const reason = error instanceof ApiError ? error.reason : null;
    show(
      root,
      errorBox(reason === 'ORIGIN_NOT_ALLOWED' ? t('notAllowed') : reason === 'NOT_FOUND' ? t('notFound') : t('failed')),
      h('button', { type: 'button', class: 'hw-ghost', onclick: () => location.reload() }, t('retry')),
    );
  }
}

void main();

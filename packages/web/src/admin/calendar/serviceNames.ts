import type { Locale } from '@hetki/shared';

/** A localized name in the reader's language, else the first one the clinic gave. */
export function localName(name: { fi?: string | undefined; sv?: string | undefined; en?: string | undefined }, locale: Locale): string {
  return name[locale] || name.fi || name.sv || name.en || '—';
}

export const SERVICE_COLOURS = 8;

/** A stable colour slot per service: its position in the clinic's service list. */
export function serviceColourIndex(serviceId: string, serviceIds: readonly string[]): number {
  const index = serviceIds.indexOf(serviceId);
  if (index >= 0) return index % SERVICE_COLOURS;
  let hash = 0;
  for (const char of serviceId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % SERVICE_COLOURS;
}

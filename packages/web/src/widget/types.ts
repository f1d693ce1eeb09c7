import type { ManagedBooking, PublicBooking, WidgetConfig } from '@hetki/shared';

export type { ManagedBooking, PublicBooking, WidgetConfig };

export type LocalizedText = Record<string, string | undefined>;

export type CatalogueService = {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  category: string | null;
  durationMinutes: number;
  priceCents: number;
  currency: string;
  practitionerIds: string[];
};

export type Catalogue = { services: CatalogueService[]; practitioners: { id: string; name: string }[] };

export type Slot = { start: string; end: string; free: number };
export type Availability = { timeZone: string; slots: Slot[] };

import type { Locale } from '@hetki/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import type { BookingRuleOverrides, LocalizedText } from '../../db/schema/index.js';

/** One booking with what its notices and its public view need: read in one statement for both. */
export type BookingFacts = {
  id: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  language: string | null;
  source: 'widget' | 'staff';
  service: { id: string; name: LocalizedText; rules: BookingRuleOverrides };
  practitioner: { id: string; name: string; staffEmail: string | null };
  client: { email: string | null; phone: string | null };
  clinic: { timeZone: string; defaultLocale: Locale; contactEmail: string | null; preferences: unknown };
};

type FactsRow = {
  id: string;
  status: string;
  starts_at: string;
  ends_at: string;
  language: string | null;
  source: 'widget' | 'staff';
  service_id: string;
  service_name: LocalizedText;
  service_rules: BookingRuleOverrides;
  practitioner_id: string;
  practitioner_name: string;
  practitioner_email: string | null;
  client_email: string | null;
  client_phone: string | null;
  time_zone: string;
  default_locale: Locale;
  contact_email: string | null;
  preferences: unknown;
};

export async function loadBookingFacts(tx: Tx, tenantId: string, bookingId: string): Promise<BookingFacts | null> {
  const [row] = await tx.execute<FactsRow>(sql`
    select b.id, b.status, b.starts_at, b.ends_at, b.language, b.source,
           s.id as service_id, s.name as service_name, s.rules as service_rules,
           r.id as practitioner_id, r.name as practitioner_name, u.email as practitioner_email,
           c.email as client_email, c.phone as client_phone,
           t.time_zone, t.default_locale, t.contact_email, t.preferences
    from bookings b
    join services s on s.tenant_id = b.tenant_id and s.id = b.service_id
    join resources r on r.tenant_id = b.tenant_id and r.id = b.practitioner_id
    left join staff_users u on u.id = r.staff_user_id
    join clients c on c.tenant_id = b.tenant_id and c.id = b.client_id
    join tenants t on t.id = b.tenant_id
    where b.tenant_id = ${tenantId} and b.id = ${bookingId}`);
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    language: row.language,
    source: row.source,
    service: { id: row.service_id, name: row.service_name, rules: row.service_rules },
    practitioner: { id: row.practitioner_id, name: row.practitioner_name, staffEmail: row.practitioner_email },
    client: { email: row.client_email, phone: row.client_phone },
    clinic: { timeZone: row.time_zone, defaultLocale: row.default_locale, contactEmail: row.contact_email, preferences: row.preferences },
  };
}

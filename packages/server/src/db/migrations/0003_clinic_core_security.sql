-- Clinic core: what drizzle-kit cannot say. No resource is ever double-booked, by any code path.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE allocations ADD CONSTRAINT allocations_no_overlap
  EXCLUDE USING gist (tenant_id WITH =, resource_id WITH =, during WITH &&) WHERE (live);
--> statement-breakpoint
ALTER TABLE allocations ADD CONSTRAINT allocations_during_check CHECK (NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during));
--> statement-breakpoint
ALTER TABLE allocations ADD CONSTRAINT allocations_kind_check CHECK (kind IN ('booking', 'block') AND (kind = 'block') = (booking_id IS NULL));
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_time_check CHECK (ends_at > starts_at);
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_status_check CHECK (status IN ('pending_payment', 'confirmed', 'cancelled', 'completed', 'no_show'));
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_source_check CHECK (source IN ('widget', 'staff'));
--> statement-breakpoint
ALTER TABLE services ADD CONSTRAINT services_numbers_check CHECK (
  duration_minutes BETWEEN 5 AND 720 AND price_cents >= 0 AND buffer_before_minutes BETWEEN 0 AND 240
  AND buffer_after_minutes BETWEEN 0 AND 240 AND currency ~ '^[A-Z]{3}$');
--> statement-breakpoint
ALTER TABLE resources ADD CONSTRAINT resources_kind_check CHECK (kind IN ('practitioner', 'room'));
--> statement-breakpoint
ALTER TABLE resource_exceptions ADD CONSTRAINT resource_exceptions_date_check CHECK (date ~ '^\d{4}-\d{2}-\d{2}$');
--> statement-breakpoint
ALTER TABLE consents ADD CONSTRAINT consents_purpose_check CHECK (purpose IN ('marketing_email', 'marketing_sms', 'photo_video'));
--> statement-breakpoint
ALTER TABLE consents ADD CONSTRAINT consents_source_check CHECK (source IN ('widget', 'portal', 'staff_verbal', 'web_form', 'booking_form'));
--> statement-breakpoint
ALTER TABLE clients ADD CONSTRAINT clients_email_lower_check CHECK (email = lower(email));
--> statement-breakpoint

-- Grants: the consent ledger and the key table are append-only for the app; bookings are never deleted (cancelled instead).
GRANT SELECT, INSERT, UPDATE, DELETE ON services, resources, service_practitioners, resource_exceptions TO hetki_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON clients TO hetki_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON consents, tenant_keys TO hetki_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON bookings, allocations, visit_notes, client_health_info TO hetki_app;
--> statement-breakpoint

-- Row-level security on every new tenant table, with the one policy of DESIGN.md.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['services', 'resources', 'service_practitioners', 'resource_exceptions', 'clients', 'consents',
                           'bookings', 'allocations', 'tenant_keys', 'visit_notes', 'client_health_info']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I FOR ALL TO hetki_app
      USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
      WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))$p$, t);
  END LOOP;
END
$$;

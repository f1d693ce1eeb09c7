-- Messaging: what drizzle-kit cannot say. Checks, grants and row-level security for the outbox,
-- the marketing register and campaigns.
ALTER TABLE outbox_messages ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('email', 'sms'));
--> statement-breakpoint
ALTER TABLE outbox_messages ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled'));
--> statement-breakpoint
ALTER TABLE outbox_messages ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('booking_confirmation', 'booking_reminder',
  'booking_cancelled', 'booking_rescheduled', 'staff_new_booking', 'subscribe_confirmation', 'campaign'));
--> statement-breakpoint
ALTER TABLE outbox_messages ADD CONSTRAINT outbox_locale_check CHECK (locale IN ('fi', 'sv', 'en'));
--> statement-breakpoint
ALTER TABLE outbox_messages ADD CONSTRAINT outbox_attempts_check CHECK (attempts >= 0);
--> statement-breakpoint
ALTER TABLE marketing_contacts ADD CONSTRAINT marketing_contacts_reachable_check CHECK (email IS NOT NULL OR phone IS NOT NULL);
--> statement-breakpoint
ALTER TABLE marketing_contacts ADD CONSTRAINT marketing_contacts_email_lower_check CHECK (email = lower(email));
--> statement-breakpoint
ALTER TABLE marketing_contacts ADD CONSTRAINT marketing_contacts_phone_e164_check CHECK (phone ~ '^\+[1-9][0-9]{6,14}$');
--> statement-breakpoint
ALTER TABLE marketing_contacts ADD CONSTRAINT marketing_contacts_locale_check CHECK (locale IN ('fi', 'sv', 'en'));
--> statement-breakpoint
ALTER TABLE marketing_consents ADD CONSTRAINT marketing_consents_channel_check CHECK (channel IN ('email', 'sms'));
--> statement-breakpoint
ALTER TABLE marketing_consents ADD CONSTRAINT marketing_consents_source_check CHECK (source IN ('booking_form', 'widget', 'portal',
  'web_form', 'staff_verbal', 'unsubscribe_link', 'sms_stop'));
--> statement-breakpoint
ALTER TABLE campaigns ADD CONSTRAINT campaigns_channel_check CHECK (channel IN ('email', 'sms'));
--> statement-breakpoint
ALTER TABLE campaigns ADD CONSTRAINT campaigns_status_check CHECK (status IN ('draft', 'scheduled', 'sending', 'sent', 'cancelled'));
--> statement-breakpoint
ALTER TABLE campaigns ADD CONSTRAINT campaigns_subject_check CHECK (channel = 'sms' OR subject IS NOT NULL);
--> statement-breakpoint
-- Withdrawals by unsubscribe link or SMS STOP are mirrored into a linked client's ledger too.
ALTER TABLE consents DROP CONSTRAINT consents_source_check;
--> statement-breakpoint
ALTER TABLE consents ADD CONSTRAINT consents_source_check CHECK (source IN ('widget', 'portal', 'staff_verbal', 'web_form',
  'booking_form', 'unsubscribe_link', 'sms_stop'));
--> statement-breakpoint

-- Grants. Consent ledgers are append-only for the app.
GRANT SELECT, INSERT, UPDATE, DELETE ON outbox_messages, marketing_contacts, pending_subscriptions TO hetki_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON marketing_consents TO hetki_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON campaigns TO hetki_app;
--> statement-breakpoint
-- The system role only finds work and fans it out per tenant: which rows are due, which campaigns
-- are due, which clinics know a phone number that sent STOP. It never reads a message or a name.
GRANT SELECT (tenant_id, id, status, due_at, created_at, updated_at) ON outbox_messages TO hetki_system;
--> statement-breakpoint
GRANT SELECT (tenant_id, id, status, scheduled_at) ON campaigns TO hetki_system;
--> statement-breakpoint
GRANT SELECT (tenant_id, id, phone) ON marketing_contacts TO hetki_system;
--> statement-breakpoint

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['outbox_messages', 'marketing_contacts', 'marketing_consents', 'pending_subscriptions', 'campaigns']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I FOR ALL TO hetki_app
      USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
      WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))$p$, t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['outbox_messages', 'marketing_contacts', 'campaigns']
  LOOP
    EXECUTE format('CREATE POLICY system_fan_out ON %I FOR SELECT TO hetki_system USING (true)', t);
  END LOOP;
END
$$;

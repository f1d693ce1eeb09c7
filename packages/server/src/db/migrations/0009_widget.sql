-- Booking widget: which sites may embed a clinic's widget, its cookie banner, and the cookie-consent
-- decisions that visitors of those sites make (anonymous: a random visitor id and a keyed hash of
-- the IP address, never the address itself).
CREATE TABLE "widget_settings" (
	"tenant_id" uuid NOT NULL,
	"allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL,
	"cookie_banner_enabled" boolean DEFAULT false NOT NULL,
	"cookie_banner_texts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"privacy_notice_url" text,
	"ask_photo_video_consent" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "widget_settings_pkey" PRIMARY KEY("tenant_id"),
	CONSTRAINT "widget_settings_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action,
	CONSTRAINT "widget_settings_origins_count_check" CHECK (cardinality("allowed_origins") <= 20),
	CONSTRAINT "widget_settings_privacy_url_check" CHECK ("privacy_notice_url" IS NULL OR "privacy_notice_url" ~ '^https?://')
);
--> statement-breakpoint
CREATE TABLE "cookie_consents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"visitor_id" uuid NOT NULL,
	"analytics" boolean NOT NULL,
	"marketing" boolean NOT NULL,
	"notice_version" text NOT NULL,
	"site_origin" text,
	"ip_hash" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cookie_consents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "cookie_consents_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action,
	CONSTRAINT "cookie_consents_ip_hash_check" CHECK ("ip_hash" IS NULL OR "ip_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE INDEX "cookie_consents_visitor_idx" ON "cookie_consents" USING btree ("tenant_id","visitor_id","decided_at");
--> statement-breakpoint

-- Grants. Consent records are append-only for the app, like the other consent ledgers.
GRANT SELECT, INSERT, UPDATE ON widget_settings TO hetki_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON cookie_consents TO hetki_app;
--> statement-breakpoint

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['widget_settings', 'cookie_consents']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I FOR ALL TO hetki_app
      USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
      WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))$p$, t);
  END LOOP;
END
$$;

-- Client portal: one-time sign-in links sent by email, and client sessions. Hand-written.
-- The link's token is derived from its row (HMAC under a key from MASTER_KEY) and only its sha256
-- is kept here; a client session's cookie token likewise. Both are tenant tables under forced RLS.
CREATE TABLE "portal_sign_in_links" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "portal_sign_in_links_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "portal_sign_in_links_token_key" ON "portal_sign_in_links" USING btree ("tenant_id","token_hash");
--> statement-breakpoint
CREATE INDEX "portal_sign_in_links_message_idx" ON "portal_sign_in_links" USING btree ("tenant_id","message_id");
--> statement-breakpoint
CREATE INDEX "portal_sign_in_links_client_idx" ON "portal_sign_in_links" USING btree ("tenant_id","client_id","expires_at");
--> statement-breakpoint
ALTER TABLE "portal_sign_in_links" ADD CONSTRAINT "portal_sign_in_links_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "portal_sign_in_links" ADD CONSTRAINT "portal_sign_in_links_client_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE portal_sign_in_links ADD CONSTRAINT portal_sign_in_links_expiry_check CHECK (expires_at > created_at);
--> statement-breakpoint
ALTER TABLE portal_sign_in_links ADD CONSTRAINT portal_sign_in_links_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$');
--> statement-breakpoint

CREATE TABLE "client_sessions" (
	"tenant_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"client_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "client_sessions_tenant_id_token_hash_pk" PRIMARY KEY("tenant_id","token_hash")
);
--> statement-breakpoint
CREATE INDEX "client_sessions_client_idx" ON "client_sessions" USING btree ("tenant_id","client_id");
--> statement-breakpoint
ALTER TABLE "client_sessions" ADD CONSTRAINT "client_sessions_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "client_sessions" ADD CONSTRAINT "client_sessions_client_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE client_sessions ADD CONSTRAINT client_sessions_expiry_check CHECK (expires_at > created_at);
--> statement-breakpoint
ALTER TABLE client_sessions ADD CONSTRAINT client_sessions_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$');
--> statement-breakpoint

-- The sign-in email is one more outbox kind.
ALTER TABLE outbox_messages DROP CONSTRAINT outbox_kind_check;
--> statement-breakpoint
ALTER TABLE outbox_messages ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('booking_confirmation', 'booking_reminder',
  'booking_cancelled', 'booking_rescheduled', 'staff_new_booking', 'subscribe_confirmation', 'campaign', 'portal_sign_in'));
--> statement-breakpoint

GRANT SELECT, INSERT, UPDATE, DELETE ON portal_sign_in_links, client_sessions TO hetki_app;
--> statement-breakpoint

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['portal_sign_in_links', 'client_sessions']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I FOR ALL TO hetki_app
      USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
      WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))$p$, t);
  END LOOP;
END
$$;

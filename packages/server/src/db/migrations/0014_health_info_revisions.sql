-- Health information that affects treatment is part of the patient record: a change keeps the text it
-- replaces, as visit notes do. The app may add and read revisions, never change them.
CREATE TABLE "client_health_info_revisions" (
	"tenant_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_health_info_revisions_pk" PRIMARY KEY("tenant_id","client_id","revision"),
	CONSTRAINT "client_health_info_revisions_client_fk" FOREIGN KEY ("tenant_id","client_id") REFERENCES "public"."clients"("tenant_id","id") ON DELETE cascade ON UPDATE no action
);
--> statement-breakpoint
GRANT SELECT, INSERT ON client_health_info_revisions TO hetki_app;
--> statement-breakpoint
ALTER TABLE client_health_info_revisions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE client_health_info_revisions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON client_health_info_revisions FOR ALL TO hetki_app
  USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

CREATE TABLE "visit_note_revisions" (
	"tenant_id" uuid NOT NULL,
	"note_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_note_revisions_tenant_id_note_id_revision_pk" PRIMARY KEY("tenant_id","note_id","revision")
);
--> statement-breakpoint
ALTER TABLE "visit_note_revisions" ADD CONSTRAINT "visit_note_revisions_note_fk" FOREIGN KEY ("tenant_id","note_id") REFERENCES "public"."visit_notes"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
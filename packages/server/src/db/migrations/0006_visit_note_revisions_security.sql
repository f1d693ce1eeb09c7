-- Note revisions are part of the patient record: the app may add and read them, never change them.
GRANT SELECT, INSERT ON visit_note_revisions TO hetki_app;
--> statement-breakpoint
ALTER TABLE visit_note_revisions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE visit_note_revisions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON visit_note_revisions FOR ALL TO hetki_app
  USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));

-- The nightly sweep deletes cookie-consent records past their retention period as the system role,
-- across clinics, as it prunes the request log: the app role keeps only SELECT and INSERT, so the
-- ledger stays append-only for everything a request can do.
GRANT SELECT (tenant_id, id, decided_at), DELETE ON cookie_consents TO hetki_system;
--> statement-breakpoint
CREATE POLICY cookie_consent_sweep ON cookie_consents FOR ALL TO hetki_system USING (true);

-- Each clinic's audit chain head: the last seq and hash, advanced in the same statement that appends
-- a row. The head's row lock serialises a clinic's appends (it replaces a separate advisory lock and
-- head read, so the lock is held one round trip shorter), and the head lets verification notice rows
-- removed from the end of the chain.
CREATE TABLE audit_heads (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
  seq bigint NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
--> statement-breakpoint
-- The owner reads every clinic's chain end: FORCE would hide all rows from it (no policy names the
-- owner), so it is lifted for this one statement, inside the migration's transaction.
ALTER TABLE audit_log NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
INSERT INTO audit_heads (tenant_id, seq, prev_hash, hash)
SELECT DISTINCT ON (tenant_id) tenant_id, seq, prev_hash, hash FROM audit_log ORDER BY tenant_id, seq DESC;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON audit_heads TO hetki_app;
--> statement-breakpoint
ALTER TABLE audit_heads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_heads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_heads FOR ALL TO hetki_app
  USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
-- The chain hash of one row (see chainHash in services/audit/auditChain.ts, which verification uses):
-- sha256 of the previous hash, a newline and the row's canonical JSON. The caller sends that JSON in
-- three pieces around the two values only the database knows at append time: the seq, and the IP
-- as PostgreSQL normalises it (host(inet)), which is what verification reads back.
CREATE FUNCTION audit_chain_hash(prev_hash text, seq bigint, before_seq text, before_ip text, ip inet, after_ip text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(
    prev_hash || E'\n' || before_seq || seq::text || before_ip || coalesce(to_json(host(ip))::text, 'null') || after_ip,
    'UTF8')), 'hex')
$$;

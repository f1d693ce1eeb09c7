-- Roles, grants, constraints and row-level security that drizzle-kit cannot express.
-- hetki_app: the API server. DML only, owns nothing, never BYPASSRLS.
-- hetki_system: the cross-tenant sweeps. Reads tenant ids, prunes expired rows; nothing else.
-- Passwords and LOGIN are set at start-up from the environment (see db/roles.ts).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hetki_app') THEN
    CREATE ROLE hetki_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hetki_system') THEN
    CREATE ROLE hetki_system NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO hetki_app, hetki_system', current_database());
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO hetki_app, hetki_system;
--> statement-breakpoint
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check CHECK (role IN ('owner', 'admin', 'practitioner', 'reception'));
--> statement-breakpoint
ALTER TABLE invitations ADD CONSTRAINT invitations_role_check CHECK (role IN ('owner', 'admin', 'practitioner', 'reception'));
--> statement-breakpoint
ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_type_check CHECK (actor_type IN ('staff', 'client', 'public', 'system'));
--> statement-breakpoint
ALTER TABLE staff_users ADD CONSTRAINT staff_users_email_lower_check CHECK (email = lower(email));
--> statement-breakpoint
ALTER TABLE invitations ADD CONSTRAINT invitations_email_lower_check CHECK (email = lower(email));
--> statement-breakpoint
ALTER TABLE tenants ADD CONSTRAINT tenants_locale_check CHECK (default_locale IN ('fi', 'sv', 'en'));
--> statement-breakpoint
ALTER TABLE sessions ADD CONSTRAINT sessions_active_tenant_fk FOREIGN KEY (active_tenant_id) REFERENCES tenants(id) ON DELETE SET NULL;
--> statement-breakpoint

-- Grants. The audit log is append-only for the app; the request log is write-only for it.
GRANT SELECT, INSERT, UPDATE ON tenants TO hetki_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON staff_users TO hetki_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, invitations, sessions TO hetki_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO hetki_app;
--> statement-breakpoint
GRANT INSERT ON request_log TO hetki_app;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE request_log_id_seq TO hetki_app;
--> statement-breakpoint
GRANT SELECT (id, slug) ON tenants TO hetki_system;
--> statement-breakpoint
GRANT SELECT, DELETE ON request_log, sessions TO hetki_system;
--> statement-breakpoint

-- Row-level security: enabled and forced on every table, so even the owner goes through it
-- (superusers still bypass it, which is why the server never connects as one).
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE staff_users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE staff_users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE request_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE request_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint

-- tenants: a clinic sees itself; a public page resolves one clinic by slug; a signed-in user
-- sees the clinics they belong to; the sweeps list them all.
CREATE POLICY tenant_isolation ON tenants FOR ALL TO hetki_app
  USING (id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
CREATE POLICY tenant_by_public_slug ON tenants FOR SELECT TO hetki_app
  USING (slug = (select nullif(current_setting('app.public_slug', true), '')));
--> statement-breakpoint
CREATE POLICY tenant_of_current_user ON tenants FOR SELECT TO hetki_app
  USING (id IN (SELECT m.tenant_id FROM memberships m
                WHERE m.user_id = (select nullif(current_setting('app.user_id', true), '')::uuid)));
--> statement-breakpoint
CREATE POLICY tenant_sweep ON tenants FOR SELECT TO hetki_system USING (true);
--> statement-breakpoint

-- staff_users: yourself; the one account a login or invitation names; colleagues in the current clinic.
CREATE POLICY staff_user_read ON staff_users FOR SELECT TO hetki_app
  USING (
    id = (select nullif(current_setting('app.user_id', true), '')::uuid)
    OR email = (select nullif(current_setting('app.lookup_email', true), ''))
    OR id IN (SELECT m.user_id FROM memberships m
              WHERE m.tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
  );
--> statement-breakpoint
CREATE POLICY staff_user_insert ON staff_users FOR INSERT TO hetki_app
  WITH CHECK (id = (select nullif(current_setting('app.user_id', true), '')::uuid));
--> statement-breakpoint
CREATE POLICY staff_user_update ON staff_users FOR UPDATE TO hetki_app
  USING (id = (select nullif(current_setting('app.user_id', true), '')::uuid))
  WITH CHECK (id = (select nullif(current_setting('app.user_id', true), '')::uuid));
--> statement-breakpoint

-- memberships: the current clinic's, plus a signed-in user's own (to list their clinics).
CREATE POLICY tenant_isolation ON memberships FOR ALL TO hetki_app
  USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
CREATE POLICY membership_of_current_user ON memberships FOR SELECT TO hetki_app
  USING (user_id = (select nullif(current_setting('app.user_id', true), '')::uuid));
--> statement-breakpoint

-- invitations: the current clinic's, plus the one whose token is being redeemed.
CREATE POLICY tenant_isolation ON invitations FOR ALL TO hetki_app
  USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint
CREATE POLICY invitation_by_token ON invitations FOR SELECT TO hetki_app
  USING (token_hash = (select nullif(current_setting('app.invite_token_hash', true), '')));
--> statement-breakpoint

-- sessions: the one whose token the request carries, and the signed-in user's own.
CREATE POLICY session_owner ON sessions FOR ALL TO hetki_app
  USING (
    token_hash = (select nullif(current_setting('app.session_hash', true), ''))
    OR user_id = (select nullif(current_setting('app.user_id', true), '')::uuid)
  )
  WITH CHECK (
    token_hash = (select nullif(current_setting('app.session_hash', true), ''))
    OR user_id = (select nullif(current_setting('app.user_id', true), '')::uuid)
  );
--> statement-breakpoint
CREATE POLICY session_sweep ON sessions FOR ALL TO hetki_system USING (true);
--> statement-breakpoint

-- audit_log: the current clinic's; no UPDATE or DELETE grant exists at all.
CREATE POLICY tenant_isolation ON audit_log FOR ALL TO hetki_app
  USING (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK (tenant_id = (select nullif(current_setting('app.tenant_id', true), '')::uuid));
--> statement-breakpoint

-- request_log: the app writes, only the sweep reads and prunes.
CREATE POLICY request_log_write ON request_log FOR INSERT TO hetki_app WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY request_log_sweep ON request_log FOR ALL TO hetki_system USING (true);

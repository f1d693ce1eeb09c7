import type { Me, SignUpInput } from '@hetki/shared';
import { eq } from 'drizzle-orm';
import { setDbContext, withDbContext } from '../../db/context.js';
import { memberships, staffUsers, tenants } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { DomainError } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pgErrors.js';
import { newId } from '../../lib/uuid.js';
import { appendAudit } from '../audit/auditLog.js';
import { assertStrongPassword, type IssuedSession } from '../auth/auth.js';
import { hashPassword } from '../auth/passwords.js';
import { createSession, listMemberships } from '../auth/sessions.js';
import { proveStaffAccount } from '../auth/staffCredentials.js';

/**
 * A new clinic with its owner, signed in. An email that already has an account may add a clinic
 * only with that account's password.
 */
export async function signUp(deps: Deps, input: SignUpInput, ip: string | null): Promise<IssuedSession> {
  const tenantId = newId();
  try {
    return await deps.throttle.attempt(input.owner.email, ip, () =>
      withDbContext(deps.db, { lookupEmail: input.owner.email }, async (tx) => {
        const [existing] = await tx.select().from(staffUsers).where(eq(staffUsers.email, input.owner.email));
        if (existing) await proveStaffAccount(tx, deps, existing, input.owner, { lookupEmail: input.owner.email }, emailTaken);
        else assertStrongPassword(input.owner.password);
        const userId = existing?.id ?? newId();
        await setDbContext(tx, { tenantId, userId, lookupEmail: input.owner.email });

        await tx.insert(tenants).values({ id: tenantId, slug: input.clinic.slug, name: input.clinic.name });
        if (!existing) {
          await tx.insert(staffUsers).values({
            id: userId,
            email: input.owner.email,
            name: input.owner.name,
            passwordHash: await hashPassword(input.owner.password),
          });
        }
        await tx.insert(memberships).values({ tenantId, userId, role: 'owner' });
        const actor = { type: 'staff' as const, id: userId, ip };
        await appendAudit(tx, tenantId, actor, { action: 'create', entity: 'tenant', entityId: tenantId });
        await appendAudit(tx, tenantId, actor, { action: 'create', entity: 'membership', entityId: userId, details: { role: 'owner' } });

        const { token, csrfToken } = await createSession(tx, deps, userId, tenantId);
        const clinics = await listMemberships(tx, userId);
        const me: Me = {
          user: {
            id: userId,
            name: existing?.name ?? input.owner.name,
            email: input.owner.email,
            totpEnabled: Boolean(existing?.totpEnabledAt),
          },
          tenant: clinics.find((clinic) => clinic.tenantId === tenantId) ?? null,
          memberships: clinics,
          csrfToken,
        };
        return { token, me };
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error, 'tenants_slug_key')) {
      throw new DomainError('CONFLICT', 'SLUG_TAKEN', 'This address is already taken');
    }
    // The same new email sent twice at once: the second finds it taken.
    if (isUniqueViolation(error, 'staff_users_email_key')) throw emailTaken();
    throw error;
  }
}

const emailTaken = () =>
  new DomainError('CONFLICT', 'EMAIL_TAKEN', 'This email already has an account: sign in with its password to add a clinic');

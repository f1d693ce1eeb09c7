import type { TotpEnrolment } from '@hetki/shared';
import { and, eq, isNull } from 'drizzle-orm';
import { withDbContext } from '../../db/context.js';
import { staffUsers } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { DomainError } from '../../lib/errors.js';
import { auditSecurityEvent, wrongCurrentPassword } from './auth.js';
import { verifyPassword } from './passwords.js';
import type { ResolvedSession } from './sessions.js';
import { spendTotpStep, totpInvalid } from './staffCredentials.js';
import { generateTotpSecret, otpauthUrl, verifyTotp } from './totp.js';

/** Step 1: a new secret, kept pending (encrypted) until the user proves their app has it. */
export async function startTotpEnrolment(deps: Deps, session: ResolvedSession): Promise<TotpEnrolment> {
  const secret = generateTotpSecret();
  await withDbContext(deps.db, { userId: session.user.id }, async (tx) => {
    const started = await tx
      .update(staffUsers)
      .set({ totpPendingSecret: deps.totpBox.seal(secret), updatedAt: deps.now() })
      .where(and(eq(staffUsers.id, session.user.id), isNull(staffUsers.totpSecret)))
      .returning({ id: staffUsers.id });
    if (started.length === 0) throw totpAlreadyOn();
  });
  return { secret, otpauthUrl: otpauthUrl(secret, session.user.email) };
}

/**
 * A session alone must not replace a working authenticator: whoever finds a signed-in browser
 * would take over the second step. Changing it means turning it off first (password and code).
 */
const totpAlreadyOn = () =>
  new DomainError('CONFLICT', 'TOTP_ALREADY_ON', 'Two-step sign-in is already on: turn it off first to set up another app');

/** Step 2: a valid code from the pending secret turns TOTP on for every later login. */
export async function confirmTotpEnrolment(deps: Deps, session: ResolvedSession, code: string, ip: string | null): Promise<void> {
  await withDbContext(deps.db, { userId: session.user.id }, async (tx) => {
    const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.id, session.user.id)).for('update');
    if (user?.totpSecret) throw totpAlreadyOn();
    if (!user?.totpPendingSecret) {
      throw new DomainError('BAD_REQUEST', 'TOTP_NOT_ENROLLED', 'Start the authenticator set-up first');
    }
    const step = verifyTotp(deps.totpBox.open(user.totpPendingSecret), code, deps.now(), null);
    if (step === null) throw new DomainError('BAD_REQUEST', 'TOTP_INVALID', 'The code is not valid');
    await tx
      .update(staffUsers)
      .set({
        totpSecret: user.totpPendingSecret,
        totpPendingSecret: null,
        totpEnabledAt: deps.now(),
        totpLastStep: step,
        updatedAt: deps.now(),
      })
      .where(eq(staffUsers.id, user.id));
    await auditSecurityEvent(tx, session, ip, 'totp_enable');
  });
}

/** Turning TOTP off needs both the password and a current code. */
export async function disableTotp(
  deps: Deps,
  session: ResolvedSession,
  input: { password: string; code: string },
  ip: string | null,
): Promise<void> {
  await deps.throttle.attempt(session.user.email, ip, () =>
    withDbContext(deps.db, { userId: session.user.id }, async (tx) => {
      const [user] = await tx.select().from(staffUsers).where(eq(staffUsers.id, session.user.id));
      if (!user?.totpSecret) throw new DomainError('BAD_REQUEST', 'TOTP_NOT_ENROLLED', 'Two-step sign-in is not on');
      if (!(await verifyPassword(user.passwordHash, input.password))) throw wrongCurrentPassword();
      const step = verifyTotp(deps.totpBox.open(user.totpSecret), input.code, deps.now(), user.totpLastStep);
      if (step === null) throw totpInvalid();
      await spendTotpStep(tx, user.id, step);
      await tx
        .update(staffUsers)
        .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, updatedAt: deps.now() })
        .where(eq(staffUsers.id, user.id));
      await auditSecurityEvent(tx, session, ip, 'totp_disable');
    }),
  );
}

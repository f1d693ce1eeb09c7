import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Tx } from '../../db/connections.js';
import { type DbContext, setDbContext } from '../../db/context.js';
import { staffUsers } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { DomainError, invalidCredentials } from '../../lib/errors.js';
import { verifyPassword } from './passwords.js';
import { verifyTotp } from './totp.js';

type StaffUser = typeof staffUsers.$inferSelect;

const totpRequired = () => new DomainError('UNAUTHORIZED', 'TOTP_REQUIRED', 'Enter the code from your authenticator app');
export const totpInvalid = () => new DomainError('UNAUTHORIZED', 'TOTP_INVALID', 'The code is not valid');

/**
 * Proves an existing account: its password and, when it has an authenticator, a code from it.
 * Every way in with an existing account (login, sign-up of another clinic, an invitation) goes
 * through here, so none of them skips the second step. Once the password holds, the transaction
 * acts as the user (`context` plus `userId`), which it needs to spend the code.
 */
export async function proveStaffAccount(
  tx: Tx,
  deps: Deps,
  user: StaffUser,
  secrets: { password: string; totpCode?: string | undefined },
  context: DbContext,
  wrongPassword: () => DomainError = invalidCredentials,
): Promise<void> {
  if (!(await verifyPassword(user.passwordHash, secrets.password))) throw wrongPassword();
  await setDbContext(tx, { ...context, userId: user.id });
  if (!user.totpSecret) return;
  if (!secrets.totpCode) throw totpRequired();
  const step = verifyTotp(deps.totpBox.open(user.totpSecret), secrets.totpCode, deps.now(), user.totpLastStep);
  if (step === null) throw totpInvalid();
  await spendTotpStep(tx, user.id, step);
}

/**
 * Records the code's step as used, unless a parallel sign-in got there first: the conditional
 * update takes the row's lock, so of two attempts with one observed code only one succeeds.
 */
export async function spendTotpStep(tx: Tx, userId: string, step: number): Promise<void> {
  const spent = await tx
    .update(staffUsers)
    .set({ totpLastStep: step })
    .where(and(eq(staffUsers.id, userId), or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step))))
    .returning({ id: staffUsers.id });
  if (spent.length === 0) throw totpInvalid();
}

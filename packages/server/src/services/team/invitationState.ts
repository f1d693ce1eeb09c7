import { and, gt, isNull } from 'drizzle-orm';
import { invitations } from '../../db/schema/index.js';

/** Neither accepted nor revoked (it may have expired). */
export const isPendingInvitation = () => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

/** Pending and not expired: its link still works. */
export const isUsableInvitation = (now: Date) => and(isPendingInvitation(), gt(invitations.expiresAt, now));

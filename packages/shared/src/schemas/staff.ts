import { z } from 'zod';
import { staffRoleSchema } from './auth.js';
import { emailSchema, uuidSchema } from './common.js';

export const inviteMemberInput = z.object({ email: emailSchema, role: staffRoleSchema }).strict();
export const changeRoleInput = z.object({ userId: uuidSchema, role: staffRoleSchema }).strict();
export const removeMemberInput = z.object({ userId: uuidSchema }).strict();
export const revokeInviteInput = z.object({ invitationId: uuidSchema }).strict();

export type TeamMember = {
  userId: string;
  name: string;
  email: string;
  role: z.infer<typeof staffRoleSchema>;
  joinedAt: string;
};
export type PendingInvitation = {
  id: string;
  email: string;
  role: z.infer<typeof staffRoleSchema>;
  expiresAt: string;
};
export type Team = { members: TeamMember[]; invitations: PendingInvitation[] };
export type InvitationCreated = { invitation: PendingInvitation; acceptUrl: string };

import { z } from 'zod';
import { emailSchema, passwordSchema, text, uuidSchema } from './common.js';

export const STAFF_ROLES = ['owner', 'admin', 'practitioner', 'reception'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;
/** The roles that read visit notes and health information; only an owner grants or removes one. */
export const CLINICAL_ROLES: readonly StaffRole[] = ['owner', 'practitioner'];

export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code');

export const loginInput = z
  .object({
    email: emailSchema,
    password: z.string().min(1).max(256),
    totpCode: totpCodeSchema.optional(),
    /** Which clinic to open when the account belongs to several; defaults to the first. */
    tenantSlug: z.string().trim().toLowerCase().max(40).optional(),
  })
  .strict();

export const switchTenantInput = z.object({ tenantId: uuidSchema }).strict();

export const changePasswordInput = z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }).strict();

export const totpVerifyInput = z.object({ code: totpCodeSchema }).strict();
export const totpDisableInput = z.object({ password: z.string().min(1).max(256), code: totpCodeSchema }).strict();

export const acceptInviteInput = z
  .object({
    token: z.string().trim().min(20).max(128),
    name: text(120),
    password: z.string().min(1).max(256),
    /** For an email that already has an account with two-step sign-in on. */
    totpCode: totpCodeSchema.optional(),
  })
  .strict();

export type Membership = { tenantId: string; slug: string; name: string; role: StaffRole };

export type Me = {
  user: { id: string; name: string; email: string; totpEnabled: boolean };
  tenant: Membership | null;
  memberships: Membership[];
  /** Echo this in the x-csrf-token header of every mutation. */
  csrfToken: string;
};

export type TotpEnrolment = { secret: string; otpauthUrl: string };

/**
 * Machine-readable reasons that travel with an API error (`error.data.reason`), so clients can
 * show a precise, translated message without parsing English text.
 */
export const ERROR_REASONS = [
  'INVALID_CREDENTIALS',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'TOO_MANY_ATTEMPTS',
  'SESSION_REQUIRED',
  'CSRF_FAILED',
  'NO_TENANT',
  'ROLE_FORBIDDEN',
  'NOT_FOUND',
  'SLUG_TAKEN',
  'EMAIL_TAKEN',
  'LAST_OWNER',
  'OWNER_ONLY',
  'ALREADY_MEMBER',
  'INVITE_INVALID',
  'TOTP_NOT_ENROLLED',
  'TOTP_ALREADY_ON',
  'PASSWORD_REUSED',
  'GUARDIAN_REQUIRED',
  'IDENTITY_CODE_NOT_KEPT',
  'NOT_AUTHOR',
  'INVALID_INPUT',
  'PAYLOAD_TOO_LARGE',
  'SLOT_TAKEN',
  'CHANGE_WINDOW_CLOSED',
  'UNKNOWN_MERGE_FIELD',
  'CAMPAIGN_NOT_EDITABLE',
  'CONTACT_EXISTS',
  'SUBSCRIPTION_INVALID',
  'ORIGIN_NOT_ALLOWED',
  'LINK_INVALID',
  'INTERNAL',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

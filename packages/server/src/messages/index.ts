export {
  type BookingMessageContext,
  type BookingMessageKind,
  type Locale,
  type RenderedEmail,
  renderBookingEmail,
  renderBookingSms,
} from './bookingMessages.js';
export { COPY, type Copy } from './copy.js';
export { escapeHtml, formatDateTime, formatTimeRange } from './format.js';
export { buildIcs, type IcsEvent } from './ics.js';
export {
  campaignEmailHtml,
  campaignEmailText,
  MERGE_FIELDS,
  type MergeField,
  plainTextToHtml,
  renderMergeTemplate,
  UnknownMergeFieldError,
  unknownMergeFields,
} from './mergeFields.js';
export { type PortalSignInContext, renderPortalSignIn } from './portalSignIn.js';
export { SMS_STOP_TEXT, type SmsEncoding, type SmsSize, smsSegments, withStopInstruction } from './smsSegments.js';
export { renderStaffInvitation, type StaffInvitationContext } from './staffInvitation.js';
export { renderSubscribeConfirmation } from './subscribeConfirmation.js';

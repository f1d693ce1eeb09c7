import type { BookingRules } from '@hetki/shared';
import type { MessageKey } from '../i18n/en';

/** The online booking rules, as the clinic sets them and a service may override them. */
export const BOOKING_RULE_FIELDS: { key: keyof BookingRules; label: MessageKey; min: number; max: number }[] = [
  { key: 'minNoticeMinutes', label: 'settings.minNotice', min: 0, max: 60 * 24 * 30 },
  { key: 'maxAdvanceDays', label: 'settings.maxAdvance', min: 1, max: 730 },
  { key: 'slotStepMinutes', label: 'settings.slotStep', min: 5, max: 240 },
  { key: 'cancellationWindowHours', label: 'settings.cancellationWindow', min: 0, max: 24 * 14 },
];

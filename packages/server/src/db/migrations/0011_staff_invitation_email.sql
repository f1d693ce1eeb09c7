-- An invitation is emailed through the outbox: the row of its email, from which the worker finds it.
ALTER TABLE invitations ADD COLUMN message_id uuid;
--> statement-breakpoint
ALTER TABLE outbox_messages DROP CONSTRAINT outbox_kind_check;
--> statement-breakpoint
ALTER TABLE outbox_messages ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('booking_confirmation', 'booking_reminder',
  'booking_cancelled', 'booking_rescheduled', 'staff_new_booking', 'subscribe_confirmation', 'campaign', 'portal_sign_in',
  'staff_invitation'));

-- Reserved for the booking widget: allowed site origins, cookie banner settings, cookie-consent records.
SELECT 1;

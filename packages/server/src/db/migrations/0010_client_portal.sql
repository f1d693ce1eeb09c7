-- Reserved for the client portal: one-time sign-in links and client sessions.
SELECT 1;

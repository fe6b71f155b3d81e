-- Sessions are now stored under the SHA-256 of the cookie's token (app/lib/auth.server.ts).
-- Rows written before held the token itself: a live bearer token in every backup. They end here;
-- everyone signs in again once.
DELETE FROM "sessions";

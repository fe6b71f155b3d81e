-- Problem attachments move to the shared files table (app/lib/uploads.server.ts). The bytes stay
-- where they are (the same upload directory); their rows move, owned by ('ticket', ticket id).
-- Their hashes were never recorded: sha256 may be null for them.
ALTER TABLE "files" ALTER COLUMN "sha256" DROP NOT NULL;--> statement-breakpoint
INSERT INTO "files" ("id", "owner_kind", "owner_id", "original_name", "safe_name", "content_type", "size", "sha256", "created_by", "created_at")
SELECT gen_random_uuid(), 'ticket', "ticket_id"::text, "original_name", "stored_name", "content_type", "size", NULL, "uploaded_by", "created_at"
FROM "ticket_attachments"
ORDER BY "id";--> statement-breakpoint
DROP TABLE "ticket_attachments" CASCADE;

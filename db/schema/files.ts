import { bigint, customType, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/**
 * Uploaded files (app/lib/uploads.server.ts): the bytes live under UPLOAD_DIR with a random
 * safe name; this row says whose they are and what they are. Access is decided by the owner
 * record (owner kind + id), never by the file id alone.
 */
export const files = pgTable(
  "files",
  {
    id: uuid("id").primaryKey(),
    /** What the file belongs to, e.g. "ticket", "seeker_resume"; with the owner record's id. */
    ownerKind: text("owner_kind").notNull(),
    ownerId: text("owner_id").notNull(),
    originalName: text("original_name").notNull(),
    /** Random name on disk; never derived from what the client sent. */
    safeName: text("safe_name").notNull().unique(),
    /** Detected from the file's bytes, not taken from the client. */
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    /** Null only for problem attachments moved from ticket_attachments (stored before hashes were kept). */
    sha256: text("sha256"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("files_owner_idx").on(t.ownerKind, t.ownerId)],
);

export type FileRow = typeof files.$inferSelect;

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * The bytes of a file when FILE_STORE=database (several machines share one PostgreSQL and no
 * disk): one row per file, deleted with it; backups of the database then hold the files too.
 */
export const fileContents = pgTable("file_contents", {
  fileId: uuid("file_id")
    .primaryKey()
    .references(() => files.id, { onDelete: "cascade" }),
  bytes: bytea("bytes").notNull(),
});

/**
 * Résumés are files of the shared uploads module (app/lib/uploads.server.ts): checked by their
 * first bytes and name, stored under a random name, sent only as attachments. These are the
 * résumé's own limits (plain constants: the profile form shows them in the browser too).
 */
export const RESUME_MAX_BYTES = 5 * 1024 * 1024;
export const RESUME_KINDS = ["pdf", "docx", "doc"] as const;
/** The owner kind of résumé rows in the files table; the owner id is the seeker's user id. */
export const RESUME_OWNER_KIND = "seeker_resume";

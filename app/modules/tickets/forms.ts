import { ticketCategories, ticketKinds, queueTabs, ticketPriorities, ticketSources, ticketStatuses, ticketUrgencies } from "./constants";
import { parseId } from "../../lib/ids";
import * as z from "zod";
import { idField, isoDate, optionalIdField, optionalText, text } from "../../lib/validation";

const id = idField;
const optionalId = optionalIdField;
/** A filter's id: anything but a valid id means "no filter". */
const filterId = z
  .string()
  .transform((v) => parseId(v) ?? undefined)
  .optional()
  .catch(undefined);

export const submitTicketSchema = z.object({
  enterpriseId: id,
  category: z.enum(ticketCategories),
  title: text(120),
  description: text(4000),
  urgency: z.enum(ticketUrgencies).default("normal"),
  // Staff only (recording on an enterprise's behalf); ignored for members.
  source: z.enum(ticketSources).optional(),
  kind: z.enum(ticketKinds).optional(),
  visitId: optionalId,
});
export type SubmitTicketInput = z.infer<typeof submitTicketSchema>;

export const acceptSchema = z.object({
  category: z.enum(ticketCategories),
  priority: z.enum(ticketPriorities),
  handlerId: text(100),
  // Optional: refer at once to this department (accept and refer in one step).
  departmentId: optionalIdField,
});
/** The queue row's actions on an escalated problem: which problem, and for a reassignment to whom. */
export const chaseSchema = z.object({ ticketId: idField });
export const reassignSchema = z.object({ ticketId: idField, handlerId: text(100) });
export const referSchema = z.object({ departmentId: id, note: optionalText(2000) });
export const reasonSchema = z.object({ reason: text(2000) });
export const answerSchema = z.object({ answer: text(4000) });
export const outcomeSchema = z.object({ outcome: text(4000) });
export const infoRequestSchema = z.object({ question: text(2000) });
export const infoReplySchema = z.object({ reply: text(4000) });
export const commentSchema = z.object({
  body: text(4000),
  internal: z
    .union([z.literal("on"), z.literal("1"), z.literal("true"), z.literal("")])
    .optional()
    .transform((v) => v === "on" || v === "1" || v === "true"),
});
export const rateSchema = z
  .object({
    rating: z.coerce.number().int().min(1).max(5),
    comment: optionalText(2000),
  })
  .refine((v) => v.rating > 2 || (v.comment && v.comment.length > 0), { path: ["comment"], message: "tickets:errors.lowRatingReason" });

/** Control characters (a NUL from the query string) dropped: PostgreSQL refuses them in text (a 500). */
// eslint-disable-next-line no-control-regex
const dropControls = (v: string) => v.replace(/[\u0000-\u001f\u007f]/g, "").trim() || undefined;

export const queueFilterSchema = z.object({
  status: z.enum(ticketStatuses).optional().catch(undefined),
  category: z.enum(ticketCategories).optional().catch(undefined),
  urgency: z.enum(ticketUrgencies).optional().catch(undefined),
  kind: z.enum(ticketKinds).optional().catch(undefined),
  department: filterId,
  association: filterId,
  // A staff user's id, "mine" (mine and unassigned) or "all"; see withQueueDefaults.
  handler: z.string().max(100).transform(dropControls).optional().catch(undefined),
  tab: z.enum(queueTabs).optional().catch(undefined),
  overdue: z.literal("1").optional().catch(undefined),
  escalated: z.literal("1").optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  q: z.string().max(100).transform(dropControls).optional().catch(undefined),
  sort: z.enum(["created", "due", "status"]).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

/**
 * What the staff queue opens on: a bare /tickets shows the problems to accept, and the handler
 * filter defaults to "mine" (assigned to me or to nobody yet); "all" shows everyone's. Any other
 * filter in the URL without a tab searches every tab. Members and departments keep their scope.
 */
export function withQueueDefaults(f: QueueFilter, staff: boolean): QueueFilter {
  if (!staff) return { ...f, tab: undefined, handler: f.handler === "mine" || f.handler === "all" ? undefined : f.handler };
  const { sort: _s, dir: _d, handler: _h, tab: _t, ...narrowing } = f;
  const bare = Object.values(narrowing).every((v) => v === undefined);
  return { ...f, handler: f.handler ?? "mine", tab: f.tab ?? (bare ? "accept" : "all") };
}

export function queueFilterFromUrl(url: string | URL): QueueFilter {
  const params = new URL(url).searchParams;
  const raw: Record<string, string> = {};
  for (const [k, v] of params) if (v !== "") raw[k] = v;
  return queueFilterSchema.parse(raw);
}

export const visitSchema = z
  .object({
    visitedOn: isoDate,
    visitors: text(200),
    associationId: optionalId,
    enterpriseId: optionalId,
    notes: optionalText(4000),
  })
  .refine((v) => (v.associationId === null) !== (v.enterpriseId === null), { path: ["enterpriseId"], message: "tickets:errors.visitWhom" });

export const departmentSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, "tickets:errors.departmentCode"),
  nameZh: text(100),
  nameEn: text(100),
});
export const calendarDaySchema = z.object({
  day: isoDate,
  isWorkday: z
    .union([z.literal("on"), z.literal("1"), z.literal("")])
    .optional()
    .transform((v) => v === "on" || v === "1"),
  name: text(60),
});

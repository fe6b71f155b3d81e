import { roles } from "../accounts/constants";
import * as z from "zod";
import { checkbox, email, isoDate, optionalIdField, optionalText, phone, text } from "../../lib/validation";
import { passwordField } from "../accounts/forms";

/** Optional id from a <select>: "" means none. */
const optionalId = optionalIdField;

const roleField = z.enum(roles, "admin:errors.role");

/** Department users need a department, bank users a bank; other roles have neither. */
function orgRules(v: { role: string; departmentId: number | null; bankId: number | null }, ctx: z.RefinementCtx) {
  if (v.role === "department" && !v.departmentId) ctx.addIssue({ code: "custom", path: ["departmentId"], message: "admin:errors.departmentRequired" });
  if (v.role === "bank" && !v.bankId) ctx.addIssue({ code: "custom", path: ["bankId"], message: "admin:errors.bankRequired" });
}

export const createUserSchema = z
  .object({
    displayName: text(60),
    email,
    phone: z
      .union([z.literal("").transform(() => null), phone])
      .optional()
      .transform((v) => v ?? null),
    role: roleField,
    departmentId: optionalId,
    bankId: optionalId,
    /** Member users: the credit code of the enterprise they act for (optional). */
    enterpriseCode: optionalText(18),
    isLead: checkbox,
    password: passwordField,
  })
  .superRefine(orgRules);

export const setRoleSchema = z
  .object({
    role: roleField,
    departmentId: optionalId,
    bankId: optionalId,
    isLead: checkbox,
  })
  .superRefine(orgRules);

export const userListQuery = z.object({
  q: z.string().trim().max(100).catch(""),
  role: z.enum(roles).or(z.literal("")).catch(""),
  status: z.enum(["active", "disabled", ""]).catch(""),
});

/** The audit filters, all optional; a malformed value is dropped rather than an error. */
export const auditQuery = z.object({
  actor: z.string().trim().max(254).catch(""),
  action: z.string().trim().max(100).catch(""),
  entityType: z.string().trim().max(100).catch(""),
  entityId: z.string().trim().max(100).catch(""),
  from: isoDate.or(z.literal("")).catch(""),
  to: isoDate.or(z.literal("")).catch(""),
});

export type CreateUserInput = z.output<typeof createUserSchema>;
export type SetRoleInput = z.output<typeof setRoleSchema>;
export type UserListQuery = z.output<typeof userListQuery>;
export type AuditQuery = z.output<typeof auditQuery>;

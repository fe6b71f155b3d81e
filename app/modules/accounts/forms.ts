import * as z from "zod";
import { email, phone, text } from "../../lib/validation";

export const passwordField = z.string().min(8, "auth:password.tooShort").max(128, "auth:password.tooLong");

export const loginSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
  next: z.string().max(2000).optional(),
});

export const seekerRegistrationSchema = z
  .object({
    displayName: text(60),
    email,
    phone,
    password: passwordField,
    confirmPassword: z.string().max(128),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "auth:register.mismatch" });

export const forgotPasswordSchema = z.object({ email });

/** The same password rules as registration. */
export const resetPasswordSchema = z
  .object({ password: passwordField, confirmPassword: z.string().max(128) })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "auth:register.mismatch" });

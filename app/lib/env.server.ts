import { z } from "zod";

// Settings are read once and validated, so a bad value fails at start with its name.
const settingsSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_URL: z.string().url().optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters").optional(),
    SEED_DEMO: z.enum(["auto", "yes", "no"]).default("auto"),
    PUBLIC_ORIGIN: z.string().url().optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("portal@yunjiang.local"),
    UPLOAD_DIR: z.string().optional(),
    TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  })
  .superRefine((s, ctx) => {
    if (s.NODE_ENV === "production" && !s.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "SESSION_SECRET is required when NODE_ENV=production" });
    }
  });

export type Settings = z.infer<typeof settingsSchema>;

export class SettingsError extends Error {}

export function readSettings(source: NodeJS.ProcessEnv = process.env): Settings {
  const blankAsMissing = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = settingsSchema.safeParse(blankAsMissing);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new SettingsError(`Invalid setting ${first.path.join(".")}: ${first.message}`);
  }
  return parsed.data;
}

let cached: Settings | undefined;
export function settings(): Settings {
  cached ??= readSettings();
  return cached;
}

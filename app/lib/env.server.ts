import * as z from "zod";

// Settings are read once and validated, so a bad value fails at start with its name.
const settingsSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"], "must be development, production or test").default("development"),
    PORT: z.coerce
      .number({ error: "must be a whole number from 1 to 65535" })
      .int("must be a whole number from 1 to 65535")
      .min(1, "must be a whole number from 1 to 65535")
      .max(65535, "must be a whole number from 1 to 65535")
      .default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// or postgresql:// URL")
      .optional(),
    DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
    SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters").optional(),
    SEED_DEMO: z.enum(["auto", "yes", "no"], "must be auto, yes or no").default("auto"),
    PUBLIC_ORIGIN: z
      .string()
      .regex(/^https?:\/\/[^/]+/, "must be an http(s):// origin, e.g. https://portal.example.cn")
      .optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("portal@yunjiang.local"),
    // How long a scheduled run claimed by a server stays its own; a server that dies mid-run leaves the period to another after this.
    JOB_LEASE_SECONDS: z.coerce
      .number({ error: "must be a whole number from 2 to 86400" })
      .int("must be a whole number from 2 to 86400")
      .min(2, "must be a whole number from 2 to 86400")
      .max(86400, "must be a whole number from 2 to 86400")
      .default(600),
    // How long a mailer holds the messages it took; a server that dies holding some frees them after this.
    MAIL_CLAIM_SECONDS: z.coerce
      .number({ error: "must be a whole number from 2 to 3600" })
      .int("must be a whole number from 2 to 3600")
      .min(2, "must be a whole number from 2 to 3600")
      .max(3600, "must be a whole number from 2 to 3600")
      .default(300),
    MAIL_EVERY_SECONDS: z.coerce
      .number({ error: "must be a whole number from 1 to 3600" })
      .int("must be a whole number from 1 to 3600")
      .min(1, "must be a whole number from 1 to 3600")
      .max(3600, "must be a whole number from 1 to 3600")
      .default(30),
    UPLOAD_DIR: z.string().optional(),
    FILE_STORE: z.enum(["local", "database"], { error: 'must be "local" or "database"' }).default("local"),
    TRUST_PROXY: z.enum(["0", "1"], "must be 0 or 1").default("0"),
    // off: no in-process cache keeps anything (the benchmarks measure the uncached path with it).
    CACHES: z.enum(["on", "off"], 'must be "on" or "off"').default("on"),
    WEB_CONCURRENCY: z.coerce
      .number({ error: "must be a whole number from 1 to 64" })
      .int("must be a whole number from 1 to 64")
      .min(1, "must be a whole number from 1 to 64")
      .max(64, "must be a whole number from 1 to 64")
      .default(1),
  })
  .superRefine((s, ctx) => {
    if (s.NODE_ENV === "production" && !s.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "SESSION_SECRET is required when NODE_ENV=production" });
    }
    if (s.WEB_CONCURRENCY > 1 && !s.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["WEB_CONCURRENCY"], message: "above 1 needs DATABASE_URL: the embedded database belongs to one process" });
    }
  });

export type Settings = z.infer<typeof settingsSchema>;

export class SettingsError extends Error {}

export function readSettings(source: Record<string, string | undefined> = process.env): Settings {
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

/**
 * What of an error may go to the server log. A failed query's parameters never do: drizzle puts
 * them in its error's message ("Failed query: …\nparams: …") and PostgreSQL quotes the offending
 * value in its own ("invalid input syntax for type integer: \"…\""), and a parameter can be a
 * session token, a password hash, an email. So the log gets each error of the cause chain with
 * its name, its message with the parameters and quoted values cut out, the database's error code
 * and the names of the table, column and constraint involved, and the stack frames. Never the
 * parameters, never the database's detail line (it repeats the values).
 */
const MAX_CAUSES = 5;

function isDatabaseError(e: Error): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}

function cleanMessage(e: Error): string {
  let message = e.message.replace(/\nparams:[\s\S]*$/, "\nparams: [not logged]");
  if (isDatabaseError(e)) message = message.replace(/"(?:[^"]|"")*"/g, '"…"');
  return message;
}

function where(e: Error): string {
  const fields = ["code", "table_name", "column_name", "constraint_name", "routine"] as const;
  const found = fields.flatMap((f) => {
    const v = (e as unknown as Record<string, unknown>)[f];
    return typeof v === "string" && v ? [`${f}=${v}`] : [];
  });
  return found.length ? ` [${found.join(" ")}]` : "";
}

export function loggableError(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e != null && depth < MAX_CAUSES; depth++) {
    if (!(e instanceof Error)) {
      parts.push(typeof e === "string" ? e.replace(/\nparams:[\s\S]*$/, "\nparams: [not logged]") : "(not an Error)");
      break;
    }
    const frames = (e.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
    parts.push(`${e.name}: ${cleanMessage(e)}${isDatabaseError(e) ? where(e) : ""}${frames.length ? `\n${frames.join("\n")}` : ""}`);
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join("\nCaused by: ");
}

/** The one way server code logs an error. */
export function logError(context: string, error: unknown): void {
  console.error(`${context}: ${loggableError(error)}`);
}

/**
 * Database outages: a page whose loader or action fails because the database cannot be reached
 * answers 503 with the friendly "come back in a moment" page (root ErrorBoundary) and a
 * Retry-After, instead of a 500. The error itself is logged once per outage, never shown.
 *
 * app/server.js wraps every route's loader and action with `guardRoutes` (one place, no route
 * has to remember it). The driver reconnects by itself when the database is back.
 */

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

// postgres.js's own codes, Node's socket errors, and PostgreSQL's connection-class SQLSTATEs.
const UNAVAILABLE_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "57P01", // admin_shutdown: the server is stopping
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or shutting down
  "57014", // query_canceled: statement_timeout reached
  "53300", // too_many_connections
]);

/** True when `error` (or one of its causes) says the database could not be reached or did not answer in time. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    // AggregateError of a connect to several addresses (localhost → ::1 and 127.0.0.1).
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

function reasonOf(error: unknown): string {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return code;
  }
  return "unavailable";
}

let outageSince: number | null = null;

/** Logs the start of an outage once; `databaseAnswered` logs its end. */
function noteOutage(error: unknown): void {
  if (outageSince !== null) return;
  outageSince = Date.now();
  console.error(`Database unavailable (${reasonOf(error)}): pages answer 503 until it is back.`);
}

/** Called when a page ran its queries: ends an outage noted before. */
function databaseAnswered(): void {
  if (outageSince === null) return;
  console.error(`Database back after ${Math.round((Date.now() - outageSince) / 1000)} s.`);
  outageSince = null;
}

export function databaseUnavailableResponse(): Response {
  return new Response(JSON.stringify({ reason: "database-unavailable" }), {
    status: 503,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    },
  });
}

type Handler = (args: unknown) => unknown;

function guarded(handler: Handler): Handler {
  return async (args) => {
    try {
      const result = await handler(args);
      databaseAnswered();
      return result;
    } catch (error) {
      if (error instanceof Response || !isDatabaseUnavailable(error)) throw error;
      noteOutage(error);
      throw databaseUnavailableResponse();
    }
  };
}

type RouteModule = { loader?: Handler; action?: Handler; [key: string]: unknown };
type ServerRoute = { module: RouteModule; [key: string]: unknown };

/** The build's routes with every loader and action answering 503 on a database outage. */
export function guardRoutes<R extends Record<string, ServerRoute>>(routes: R): R {
  const out: Record<string, ServerRoute> = {};
  for (const [id, route] of Object.entries(routes)) {
    const module: RouteModule = { ...route.module };
    if (module.loader) module.loader = guarded(module.loader);
    if (module.action) module.action = guarded(module.action);
    out[id] = { ...route, module };
  }
  return out as R;
}

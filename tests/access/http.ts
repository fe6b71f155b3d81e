// A small HTTP client for the security tests: no redirects followed, cookies by hand, and a
// chosen source address on the loopback (127.0.0.x), so tests that make failed logins count
// against their own address in the login throttle, not against the other e2e tests'.
import http, { type IncomingHttpHeaders } from "node:http";
import type { Who } from "./types";

export type HttpResponse = { status: number; headers: IncomingHttpHeaders; body: string };
export type FormValues = Record<string, string | string[]>;

export type RequestOptions = {
  method?: string;
  path: string;
  cookie?: string | null;
  form?: FormValues;
  /** Raw body (with its own content type in headers). */
  body?: string | Buffer;
  /** The Origin header; by default the app's own origin on non-GET requests. null: none. */
  origin?: string | null;
  localAddress?: string;
  headers?: Record<string, string>;
};

export function encodeForm(form: FormValues): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return params.toString();
}

export function httpRequest(baseURL: string, opts: RequestOptions): Promise<HttpResponse> {
  const url = new URL(opts.path, baseURL);
  const method = opts.method ?? (opts.form || opts.body !== undefined ? "POST" : "GET");
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let body: Buffer | undefined;
  if (opts.form) {
    body = Buffer.from(encodeForm(opts.form));
    headers["content-type"] ??= "application/x-www-form-urlencoded";
  } else if (opts.body !== undefined) {
    body = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body);
  }
  if (body) headers["content-length"] = String(body.length);
  if (opts.cookie) headers.cookie = opts.cookie;
  const origin = opts.origin === undefined ? (method === "GET" || method === "HEAD" ? undefined : url.origin) : opts.origin;
  if (origin) headers.origin = origin;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: opts.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${opts.path}`)));
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

/** The session cookie ("yj_session=...") from a response, or null. */
export function sessionCookieOf(res: HttpResponse): string | null {
  const set = res.headers["set-cookie"] ?? [];
  for (const c of set) {
    const pair = c.split(";")[0];
    if (pair.startsWith("yj_session=") && pair !== "yj_session=") return pair;
  }
  return null;
}

export const DEMO_PASSWORD = "yunjiang-demo";
export const demoEmail: Record<Exclude<Who, "anonymous">, string> = {
  admin: "admin@demo.test",
  staff: "staff@demo.test",
  member: "member@demo.test",
  department: "dept@demo.test",
  bank: "bank@demo.test",
  mediator: "mediator@demo.test",
  seeker: "seeker@demo.test",
};

/** Signs in through the /login form; returns the session cookie. */
export async function signIn(baseURL: string, email: string, password: string, localAddress?: string): Promise<string> {
  const res = await httpRequest(baseURL, { path: "/login", form: { email, password }, localAddress });
  const cookie = sessionCookieOf(res);
  if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.body.slice(0, 200)}`);
  return cookie;
}

export type Outcome = "ok" | "login" | "redirect" | 401 | 403 | 404 | 405 | "4xx" | "5xx";

/** What a response amounts to for the access matrix. */
export function outcomeOf(res: HttpResponse, baseURL: string): Outcome {
  if (res.status >= 500) return "5xx";
  if (res.status >= 300 && res.status < 400) {
    const to = new URL(String(res.headers.location ?? "/"), baseURL);
    return to.pathname === "/login" ? "login" : "redirect";
  }
  if (res.status === 401 || res.status === 403 || res.status === 404 || res.status === 405) return res.status;
  if (res.status >= 400) return "4xx";
  return "ok";
}

/** A stack trace or an internal error text in a body (the app must never show one). */
export function leaksInternals(body: string): string | null {
  const patterns = [
    /\n\s+at [^\n]+:\d+:\d+/,
    /\bat (?:async )?[\w.$<>]+ \((?:file:\/\/|\/)[^)]+:\d+:\d+\)/,
    /node_modules\//,
    /\b(?:TypeError|ReferenceError|SyntaxError|PostgresError|error: relation|duplicate key value)\b/,
  ];
  for (const p of patterns) {
    const m = p.exec(body);
    if (m) return m[0].slice(0, 120);
  }
  return null;
}

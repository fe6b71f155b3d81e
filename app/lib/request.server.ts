import { settings } from "./env.server";

/** The client's address: the socket's, or the proxy's X-Forwarded-For when TRUST_PROXY=1. */
export function clientIp(request: Request): string {
  if (settings().TRUST_PROXY === "1") {
    const forwarded = request.headers.get("x-forwarded-for");
    if (forwarded) return forwarded.split(",")[0].trim();
  }
  return request.headers.get("x-yunjiang-remote-addr") ?? "unknown";
}

export function isHttps(request: Request): boolean {
  if (settings().TRUST_PROXY === "1" && request.headers.get("x-forwarded-proto") === "https") return true;
  return new URL(request.url).protocol === "https:";
}

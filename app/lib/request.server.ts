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

/**
 * The body's bytes, or null as soon as they pass `maxBytes` (the rest is not read): a body sent
 * without Content-Length (chunked) is otherwise read up to the HTTP server's own ceiling.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * The gateway API's HTTP side: bearer token, JSON body within a size limit, clear 4xx answers.
 * Cookies are never read here: a browser session cannot use these endpoints.
 */
import type { GatewayScope } from "./constants";
import { readBodyWithin } from "../../lib/request.server";
import { authenticateGateway } from "./gateways.server";

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

export function methodNotAllowed(): Response {
  return json({ error: "use POST with a bearer token" }, 405, { Allow: "POST" });
}

export type GatewayRequest = { ok: true; gatewayId: number; body: unknown } | { ok: false; response: Response };

/** Token first (401/403), then the body: JSON (415/400) within maxBytes (413). */
export async function readGatewayRequest(request: Request, scope: GatewayScope, maxBytes: number): Promise<GatewayRequest> {
  const auth = await authenticateGateway(request, scope);
  if (!auth.ok)
    return {
      ok: false,
      response: json({ error: auth.error }, auth.status, auth.status === 401 ? { "WWW-Authenticate": 'Bearer realm="yunjiang-gateways"' } : {}),
    };
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/json")) return { ok: false, response: json({ error: "send Content-Type: application/json" }, 415) };
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, response: json({ error: `body larger than ${maxBytes} bytes` }, 413) };
  const bytes = await readBodyWithin(request, maxBytes);
  if (bytes === null) return { ok: false, response: json({ error: `body larger than ${maxBytes} bytes` }, 413) };
  try {
    return { ok: true, gatewayId: auth.gateway.id, body: JSON.parse(Buffer.from(bytes).toString("utf8")) };
  } catch {
    return { ok: false, response: json({ error: "the body is not valid JSON" }, 400) };
  }
}

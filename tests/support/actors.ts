import type { Actor } from "../../app/lib/permissions";
import type { Role } from "../../db/schema/accounts";

/** An in-memory actor for calling module functions directly in tests. */
export function actorOf(role: Role, extra: Partial<NonNullable<Actor>> = {}): NonNullable<Actor> {
  return {
    userId: extra.userId ?? `test-${role}`,
    role,
    email: extra.email ?? `${role}@test.local`,
    displayName: extra.displayName ?? role,
    enterpriseIds: extra.enterpriseIds ?? [],
    departmentId: extra.departmentId ?? null,
    bankId: extra.bankId ?? null,
    isLead: extra.isLead ?? false,
  };
}

/** A request as the HTTP server hands it to the app (with the client address header). */
export function requestFrom(ip = "127.0.0.1", init: RequestInit & { url?: string } = {}): Request {
  const headers = new Headers(init.headers);
  headers.set("x-yunjiang-remote-addr", ip);
  return new Request(init.url ?? "http://localhost/", { ...init, headers });
}

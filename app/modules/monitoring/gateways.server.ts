/**
 * Gateway tokens: created and revoked by staff at /admin/gateways. A token is 32 random bytes
 * (base64url, prefixed "yjg_"), shown once; only its SHA-256 is stored. The API routes take a
 * token from the Authorization header only: cookies (a browser session) never authenticate them.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { gateways, type GatewayScope } from "../../../db/schema/monitoring";
import { appendAudit } from "../../lib/audit.server";
import type { Actor } from "../../lib/permissions";

type SignedIn = NonNullable<Actor>;
export type Gateway = typeof gateways.$inferSelect;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newToken(): string {
  return `yjg_${randomBytes(32).toString("base64url")}`;
}

export async function createGateway(actor: SignedIn, input: { name: string; scopes: GatewayScope[] }, db?: Executor) {
  const x = db ?? (await getDb());
  const token = newToken();
  return x.transaction(async (tx) => {
    const [gateway] = await tx
      .insert(gateways)
      .values({ name: input.name, scopes: [...new Set(input.scopes)], tokenHash: hashToken(token), tokenHint: token.slice(0, 10), createdBy: actor.userId })
      .returning();
    const { tokenHash: _h, ...shown } = gateway;
    await appendAudit(tx, { actor, action: "gateway.create", entityType: "gateway", entityId: gateway.id, after: shown });
    return { ok: true as const, gateway: shown, token };
  });
}

export async function revokeGateway(actor: SignedIn, id: number, now = new Date()) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(gateways)
      .set({ revokedAt: now, revokedBy: actor.userId })
      .where(and(eq(gateways.id, id), isNull(gateways.revokedAt)))
      .returning({ id: gateways.id, name: gateways.name });
    if (!row) return { ok: false as const, error: "notFound" };
    await appendAudit(tx, { actor, action: "gateway.revoke", entityType: "gateway", entityId: id, after: { revokedAt: now } });
    return { ok: true as const };
  });
}

export async function listGateways() {
  const db = await getDb();
  return db
    .select({
      id: gateways.id,
      name: gateways.name,
      scopes: gateways.scopes,
      tokenHint: gateways.tokenHint,
      createdAt: gateways.createdAt,
      revokedAt: gateways.revokedAt,
      lastUsedAt: gateways.lastUsedAt,
    })
    .from(gateways)
    .orderBy(asc(gateways.id));
}

export type GatewayAuth = { ok: true; gateway: Pick<Gateway, "id" | "name" | "scopes"> } | { ok: false; status: 401 | 403; error: string };

/**
 * The gateway behind a request, for one scope: 401 without a bearer token or with an unknown or
 * revoked one; 403 when the token is valid but not for this scope.
 */
export async function authenticateGateway(request: Request, scope: GatewayScope, now = new Date()): Promise<GatewayAuth> {
  const header = request.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(yjg_[A-Za-z0-9_-]{20,100})\s*$/.exec(header);
  if (!m) return { ok: false, status: 401, error: "missing or malformed bearer token" };
  const db = await getDb();
  const [gateway] = await db
    .select({ id: gateways.id, name: gateways.name, scopes: gateways.scopes, revokedAt: gateways.revokedAt, lastUsedAt: gateways.lastUsedAt })
    .from(gateways)
    .where(eq(gateways.tokenHash, hashToken(m[1])));
  if (!gateway || gateway.revokedAt) return { ok: false, status: 401, error: "unknown or revoked token" };
  if (!gateway.scopes.includes(scope)) return { ok: false, status: 403, error: `this token may not post ${scope}` };
  // Last use, at most once a minute per gateway (a busy collector posts every few seconds).
  if (!gateway.lastUsedAt || now.getTime() - gateway.lastUsedAt.getTime() > 60_000) {
    await db.update(gateways).set({ lastUsedAt: now }).where(eq(gateways.id, gateway.id));
  }
  return { ok: true, gateway: { id: gateway.id, name: gateway.name, scopes: gateway.scopes } };
}

/** For the demo data: a gateway with a known token (the simulator's), idempotent. */
export async function ensureGatewayToken(db: Executor, name: string, token: string, scopes: GatewayScope[]): Promise<void> {
  await db
    .insert(gateways)
    .values({ name, scopes, tokenHash: hashToken(token), tokenHint: token.slice(0, 10) })
    .onConflictDoNothing({ target: gateways.tokenHash });
}

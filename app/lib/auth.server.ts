import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { redirect } from "@remix-run/node";
import { and, count, eq, gt, sql } from "drizzle-orm";
import { Lucia, TimeSpan, type DatabaseSession, type DatabaseUser, type Session } from "lucia";
import { getDb, type Database } from "../../db/client.server";
import { loginAttempts, sessions, users } from "../../db/schema/accounts";
import { enterpriseUsers } from "../../db/schema/members";
import { appendAudit } from "./audit.server";
import { dummyPasswordHash, verifyPassword } from "./passwords.server";
import type { Actor } from "./permissions";
import { clientIp, isHttps } from "./request.server";
import { signSessionId, verifiedSessionId } from "./session-signing.server";

/** Idle limit: lucia slides the expiry forward while the session is used. */
export const SESSION_IDLE = new TimeSpan(2, "h");
/** Absolute limit from sign-in, whatever the activity. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
// Higher than per account: one office behind one address must not lock itself out on a few typos.
export const MAX_FAILURES_PER_IP = 20;

type DbSessionAttributes = { createdAt: Date };
type DbUserAttributes = Omit<typeof users.$inferSelect, "id"> & { enterpriseIds: number[] };

declare module "lucia" {
  interface Register {
    Lucia: PortalLucia;
    DatabaseSessionAttributes: DbSessionAttributes;
    DatabaseUserAttributes: DbUserAttributes;
  }
  interface Session {
    createdAt: Date;
  }
}

/**
 * Every signed-in request validates its session: one round trip gives the session, its user and the
 * user's enterprises (the policy needs all three), instead of three queries.
 */
class PortalSessionAdapter extends DrizzlePostgreSQLAdapter {
  // Built once: every signed-in request runs it.
  private readonly sessionQuery;

  constructor(portalDb: Database) {
    super(portalDb as never, sessions, users);
    this.sessionQuery = portalDb
      .select({
        session: sessions,
        user: users,
        enterpriseIds: sql<number[]>`coalesce((select array_agg(${enterpriseUsers.enterpriseId} order by ${enterpriseUsers.enterpriseId}) from ${enterpriseUsers} where ${enterpriseUsers.userId} = ${users.id}), '{}')`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder("sessionId")))
      .prepare("session_and_user");
  }

  override async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const [row] = await this.sessionQuery.execute({ sessionId });
    if (!row) return [null, null];
    const { id, userId, expiresAt, ...sessionAttributes } = row.session;
    const { id: uid, ...userAttributes } = row.user;
    return [
      { id, userId, expiresAt, attributes: sessionAttributes },
      { id: uid, attributes: { ...userAttributes, enterpriseIds: row.enterpriseIds.map(Number) } },
    ];
  }
}

type PortalLucia = Lucia<DbSessionAttributes, { actor: NonNullable<Actor> | null }>;
let luciaInstance: Promise<PortalLucia> | undefined;

function lucia() {
  luciaInstance ??= (async () => {
    const adapter = new PortalSessionAdapter(await getDb());
    return new Lucia(adapter, {
      sessionExpiresIn: SESSION_IDLE,
      sessionCookie: { name: "yj_session", expires: false, attributes: { sameSite: "lax", secure: false } },
      getSessionAttributes: (attributes) => ({ createdAt: new Date(attributes.createdAt) }),
      getUserAttributes: (attributes) => ({ actor: attributes.disabledAt ? null : actorOf(attributes, attributes.enterpriseIds) }),
    });
  })();
  return luciaInstance;
}

function actorOf(user: Pick<typeof users.$inferSelect, "role" | "email" | "displayName" | "departmentId" | "bankId" | "isLead"> & { id?: string }, enterpriseIds: number[] = []) {
  return {
    userId: user.id ?? "",
    role: user.role,
    email: user.email,
    displayName: user.displayName,
    enterpriseIds,
    departmentId: user.departmentId,
    bankId: user.bankId,
    isLead: user.isLead,
  };
}

function serializeCookie(request: Request, cookie: { attributes: { secure?: boolean }; serialize(): string }) {
  cookie.attributes.secure = isHttps(request);
  return cookie.serialize();
}

export async function createSessionCookie(request: Request, userId: string): Promise<string> {
  const l = await lucia();
  const session = await l.createSession(userId, { createdAt: new Date() });
  return serializeCookie(request, l.createSessionCookie(signSessionId(session.id)));
}

export async function blankSessionCookie(request: Request): Promise<string> {
  return serializeCookie(request, (await lucia()).createBlankSessionCookie());
}

type SessionState = { actor: Actor; session: Session | null; setCookie: string | null };

const perRequest = new WeakMap<Request, Promise<SessionState>>();

async function loadSession(request: Request): Promise<SessionState> {
  const l = await lucia();
  const sessionId = verifiedSessionId(l.readSessionCookie(request.headers.get("cookie") ?? ""));
  if (!sessionId) return { actor: null, session: null, setCookie: null };
  const { session, user } = await l.validateSession(sessionId);
  if (!session || !user) return { actor: null, session: null, setCookie: await blankSessionCookie(request) };
  if (Date.now() - session.createdAt.getTime() > SESSION_ABSOLUTE_MS) {
    await l.invalidateSession(session.id);
    return { actor: null, session: null, setCookie: await blankSessionCookie(request) };
  }
  const actor = user.actor ? { ...user.actor, userId: user.id } : null;
  if (!actor) {
    await l.invalidateSession(session.id);
    return { actor: null, session: null, setCookie: await blankSessionCookie(request) };
  }
  const setCookie = session.fresh ? serializeCookie(request, l.createSessionCookie(signSessionId(session.id))) : null;
  return { actor, session, setCookie };
}

/** The signed-in user with what the policy needs to know, or null when disabled or unknown. */
export async function loadActor(userId: string): Promise<Actor> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt) return null;
  const links = await db.select({ enterpriseId: enterpriseUsers.enterpriseId }).from(enterpriseUsers).where(eq(enterpriseUsers.userId, userId));
  return actorOf(user, links.map((l) => l.enterpriseId));
}

/**
 * Validations in flight, by session cookie. Remix hands each loader of one page its own copy of
 * the Request, so the root's and the route's loaders share the session through this map, not the
 * WeakMap; an entry lives only until its query answers, so nothing is ever served stale.
 */
const inFlight = new Map<string, Promise<SessionState>>();

export function sessionState(request: Request): Promise<SessionState> {
  let state = perRequest.get(request);
  if (!state) {
    const key = `${isHttps(request)}|${request.headers.get("cookie") ?? ""}`;
    state = inFlight.get(key);
    if (!state) {
      const loading = loadSession(request);
      state = loading;
      inFlight.set(key, loading);
      const forget = () => {
        if (inFlight.get(key) === loading) inFlight.delete(key);
      };
      loading.then(forget, forget);
    }
    perRequest.set(request, state);
  }
  return state;
}

export async function getActor(request: Request): Promise<Actor> {
  return (await sessionState(request)).actor;
}

export async function logout(request: Request): Promise<string> {
  const { session, actor } = await sessionState(request);
  if (session) {
    await (await lucia()).invalidateSession(session.id);
    const db = await getDb();
    await appendAudit(db, { actor, action: "auth.logout", entityType: "user", entityId: actor?.userId, ip: clientIp(request) });
  }
  return blankSessionCookie(request);
}

/** Ends every session of a user (disabling, password change). */
export async function endAllSessions(userId: string): Promise<void> {
  await (await lucia()).invalidateUserSessions(userId);
}

export type LoginResult = { ok: true; cookie: string; userId: string } | { ok: false; reason: "invalid" | "throttled" };

async function isThrottled(email: string, ip: string): Promise<boolean> {
  const db = await getDb();
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
  const [byAccount] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  if (byAccount.n >= MAX_FAILURES_PER_ACCOUNT) return true;
  const [byIp] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  return byIp.n >= MAX_FAILURES_PER_IP;
}

/**
 * Checks a password login. Unknown email and wrong password take the same time and give the
 * same answer; every attempt is recorded and audited; a throttled attempt is not even checked.
 */
export async function login(request: Request, rawEmail: string, password: string): Promise<LoginResult> {
  const email = rawEmail.trim().toLowerCase();
  const ip = clientIp(request);
  const db = await getDb();
  if (await isThrottled(email, ip)) {
    await appendAudit(db, { actor: null, action: "auth.login_throttled", entityType: "user", after: { email }, ip });
    return { ok: false, reason: "throttled" };
  }
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  const succeeded = Boolean(user && passwordOk && !user.disabledAt);
  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ email, ip, succeeded });
    await appendAudit(tx, {
      actor: null,
      action: succeeded ? "auth.login_succeeded" : "auth.login_failed",
      entityType: "user",
      entityId: succeeded ? user!.id : null,
      after: { email },
      ip,
    });
  });
  if (!succeeded) return { ok: false, reason: "invalid" };
  // A new session id at every sign-in: a session fixed before login is never reused.
  const { session } = await sessionState(request);
  if (session) await (await lucia()).invalidateSession(session.id);
  return { ok: true, cookie: await createSessionCookie(request, user!.id), userId: user!.id };
}

/** Where to send someone after login; only same-site paths are honoured. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export function homePathFor(actor: NonNullable<Actor>): string {
  switch (actor.role) {
    case "admin":
    case "staff":
      return "/members";
    case "member":
      return "/my";
    case "mediator":
      return "/disputes";
    default:
      return "/";
  }
}

export function redirectToLogin(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
}

import { createHash } from "node:crypto";
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { redirect } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { Cookie, generateIdFromEntropySize, Lucia, TimeSpan, type DatabaseSession, type DatabaseUser, type Session } from "lucia";
import { getDb, type Database } from "../../db/client.server";
import { loginAttempts, sessions, users } from "../../db/schema/accounts";
import { countAttempt, releaseAttempt, resetAttempts } from "./throttle.server";
import { enterpriseUsers } from "../../db/schema/members";
import { appendAudit } from "./audit.server";
import { dummyPasswordHash, verifyPassword } from "./passwords.server";
import type { Actor } from "./permissions";
import { cookieValue, SESSION_COOKIE } from "./cookies";
import { clientIp, isHttps } from "./request.server";
import { safeRedirectPath } from "./redirects";
import { parseIdentifier, type Identifier } from "../modules/accounts/identifier";
import { signSessionId, verifiedSessionId } from "./session-signing.server";

export { safeRedirectPath };

/** Idle limit: lucia slides the expiry forward while the session is used. */
export const SESSION_IDLE = new TimeSpan(2, "h");
/** Absolute limit from sign-in, whatever the activity. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Sign-in throttle (docs/decisions/030-login-throttle.md): counters in a 15-minute window. */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Wrong passwords for one account from one address: past this, that address is refused for that account. */
export const MAX_FAILURES_PER_ACCOUNT_AND_SOURCE = 5;
/** Failures from one address over all accounts (password spraying): past this, the address is refused. */
export const MAX_FAILURES_PER_IP = 50;
/** Failures for one account from all addresses: past this, every answer for it is slowed, none refused. */
export const SLOW_DOWN_AFTER_FAILURES = 5;
export const MAX_SLOW_DOWN_MS = 8_000;

/** How long a sign-in for an account waits after `failures` recent failures for it: 0, then 0.5 s doubling, at most 8 s. */
export function loginDelayMs(failures: number): number {
  if (failures <= SLOW_DOWN_AFTER_FAILURES) return 0;
  return Math.min(500 * 2 ** (failures - SLOW_DOWN_AFTER_FAILURES - 1), MAX_SLOW_DOWN_MS);
}

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
        enterpriseIds: sql<
          number[]
        >`coalesce((select array_agg(${enterpriseUsers.enterpriseId} order by ${enterpriseUsers.enterpriseId}) from ${enterpriseUsers} where ${enterpriseUsers.userId} = ${users.id}), '{}')`,
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
      // The portal writes and reads its cookie itself (sessionCookie below, cookieValue): lucia keeps the sessions.
      sessionCookie: { name: SESSION_COOKIE, attributes: { sameSite: "lax", secure: false } },
      getSessionAttributes: (attributes) => ({ createdAt: new Date(attributes.createdAt) }),
      getUserAttributes: (attributes) => ({ actor: attributes.disabledAt ? null : actorOf(attributes, attributes.enterpriseIds) }),
    });
  })();
  return luciaInstance;
}

function actorOf(
  user: Pick<typeof users.$inferSelect, "role" | "email" | "displayName" | "departmentId" | "bankId" | "isLead"> & { id?: string },
  enterpriseIds: number[] = [],
) {
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

/**
 * A session is stored under the SHA-256 of its token; only the cookie carries the token. A copy
 * of the sessions table (a backup, a log of a query) holds no bearer token: the hash cannot be
 * sent back as a cookie. Every lookup hashes the cookie's token first.
 */
export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The session cookie lives as long as the session may (12 h from sign-in), not longer. */
function sessionCookie(request: Request, token: string, maxAgeSeconds: number): string {
  return new Cookie(SESSION_COOKIE, token, { path: "/", httpOnly: true, sameSite: "lax", secure: isHttps(request), maxAge: maxAgeSeconds }).serialize();
}

export async function createSessionCookie(request: Request, userId: string): Promise<string> {
  const l = await lucia();
  // 25 bytes from the CSPRNG (lucia's own generator), base32.
  const token = generateIdFromEntropySize(25);
  await l.createSession(userId, { createdAt: new Date() }, { sessionId: sessionIdOf(token) });
  // The cookie carries the token signed with SESSION_SECRET; the database only its SHA-256.
  return sessionCookie(request, signSessionId(token), Math.floor(SESSION_ABSOLUTE_MS / 1000));
}

export async function blankSessionCookie(request: Request): Promise<string> {
  return sessionCookie(request, "", 0);
}

type SessionState = { actor: Actor; session: Session | null; setCookie: string | null };

const perRequest = new WeakMap<Request, Promise<SessionState>>();

async function loadSession(request: Request): Promise<SessionState> {
  const l = await lucia();
  // An unsigned or forged cookie is no cookie: no database query at all.
  const token = verifiedSessionId(cookieValue(request.headers.get("cookie"), SESSION_COOKIE));
  if (!token) return { actor: null, session: null, setCookie: null };
  const { session, user } = await l.validateSession(sessionIdOf(token));
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
  // lucia slides the idle expiry in the database; the cookie keeps its absolute lifetime.
  return { actor, session, setCookie: null };
}

/** The signed-in user with what the policy needs to know, or null when disabled or unknown. */
export async function loadActor(userId: string): Promise<Actor> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt) return null;
  const links = await db.select({ enterpriseId: enterpriseUsers.enterpriseId }).from(enterpriseUsers).where(eq(enterpriseUsers.userId, userId));
  return actorOf(
    user,
    links.map((l) => l.enterpriseId),
  );
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

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Checks a password login by email or mobile number. Unknown identifier and wrong password take the same time and give the
 * same answer; every attempt is recorded and audited; a throttled attempt is not even checked.
 *
 * Throttle (docs/decisions/030-login-throttle.md): every attempt is counted BEFORE the password is
 * checked, atomically, on two counters: this account from this address, and this address. Past
 * their limits the attempt is refused (so 40 parallel guesses get exactly 5 checks). A stranger
 * cannot lock anyone out: the account's own counter over all addresses only slows its answers.
 * A correct password clears its account-and-address counter and gives back the address's count.
 */
export async function login(
  request: Request,
  rawIdentifier: string,
  password: string,
  opts: { wait?: (ms: number) => Promise<void> } = {},
): Promise<LoginResult> {
  const identifier = parseIdentifier(rawIdentifier);
  const ip = clientIp(request);
  const db = await getDb();
  const user = await userByIdentifier(identifier);
  // The counters are keyed by the account's email whichever identifier was typed, so switching
  // between email and phone gets no extra guesses; an unknown identifier is keyed by itself.
  const email = user?.email ?? identifier.value;
  const pairKey = `login:acct+ip:${email}|${ip}`;
  const sourceKey = `login:ip:${ip}`;
  const accountKey = `login:acct:${email}`;
  const [pair, source] = await Promise.all([countAttempt(pairKey, THROTTLE_WINDOW_MS), countAttempt(sourceKey, THROTTLE_WINDOW_MS)]);
  if (pair > MAX_FAILURES_PER_ACCOUNT_AND_SOURCE || source > MAX_FAILURES_PER_IP) {
    await appendAudit(db, { actor: null, action: "auth.login_throttled", entityType: "user", after: { email }, ip });
    return { ok: false, reason: "throttled" };
  }
  const account = await countAttempt(accountKey, THROTTLE_WINDOW_MS);
  const delay = loginDelayMs(account - 1);
  if (delay > 0) await (opts.wait ?? wait)(delay);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  const succeeded = Boolean(user && passwordOk && !user.disabledAt);
  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ email, ip, succeeded });
    await appendAudit(tx, {
      // A sign-in is the person's own act: the log names them (a failed attempt stays anonymous).
      actor: succeeded ? actorOf(user!, []) : null,
      action: succeeded ? "auth.login_succeeded" : "auth.login_failed",
      entityType: "user",
      entityId: succeeded ? user!.id : null,
      after: { email },
      ip,
    });
  });
  if (!succeeded) return { ok: false, reason: "invalid" };
  await Promise.all([resetAttempts(pairKey), releaseAttempt(sourceKey), releaseAttempt(accountKey)]);
  // A new session id at every sign-in: a session fixed before login is never reused.
  const { session } = await sessionState(request);
  if (session) await (await lucia()).invalidateSession(session.id);
  return { ok: true, cookie: await createSessionCookie(request, user!.id), userId: user!.id };
}

/**
 * The account an identifier names: by email, or by mobile number when exactly one account has it
 * (phones are not unique: two accounts sharing one sign in by email, never by the phone).
 */
async function userByIdentifier(identifier: Identifier) {
  const db = await getDb();
  if (identifier.kind === "email") {
    const [user] = await db.select().from(users).where(eq(users.email, identifier.value));
    return user;
  }
  const found = await db.select().from(users).where(eq(users.phone, identifier.value)).limit(2);
  return found.length === 1 ? found[0] : undefined;
}

/** Where a role starts its day: its work, not the home page (issue 18). */
export function homePathFor(actor: NonNullable<Actor>): string {
  switch (actor.role) {
    case "admin":
    case "staff":
      return "/today";
    case "member":
      return "/my";
    case "department":
      return "/inbox";
    case "seeker":
      return "/jobs";
    case "bank":
      // The officer's queue: matched needs to claim, applications in review, loans maturing.
      return "/finance";
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

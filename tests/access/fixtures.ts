/**
 * Placeholders of the access matrix ("/members/{memberEnterprise}") and how they are resolved.
 *
 * The e2e server seeds the demo data (db/seed/demo.server.ts) into a FRESH, EMPTY database at
 * every run, and the seed is deterministic, so most ids are known in advance:
 *   - serial ids start at 1 in seed order: enterprises 1..179 are the centre's members (the member
 *     demo user owns enterprise 1), 180..367 the federation's executive-committee enterprises;
 *     departments 1..12 in `departmentSeeds` order (1 = tax, the dept demo user's); banks 1..5 in
 *     `bankSeeds` order (1 = the bank demo user's rural commercial bank);
 *   - demo users have fixed text ids: demo-admin, demo-staff, demo-member, demo-dept, demo-bank,
 *     demo-mediator, demo-seeker.
 * The database cannot be queried from the test process (PGlite has one process), and the app
 * has no test-only endpoints. Where an id is not known in advance (a record another capability's
 * seed creates), write a resolver: it may fetch a page as a role and pick the id out of it, e.g.
 *   someTicket: async ({ get }) => firstMatch(await get("staff", "/tickets"), /href="\/tickets\/(\d+)"/),
 * Resolved values are cached for the run.
 */
import type { Who } from "./types";

export type FixtureContext = {
  /** GET a page as a role (anonymous: no cookie); returns status and body. */
  get: (who: Who, path: string) => Promise<{ status: number; body: string }>;
};
export type Fixture = string | ((ctx: FixtureContext) => Promise<string>);

/**
 * Tickets: the demo seed is deterministic into a fresh database, so these ids are known; the
 * integration test tests/integration/tickets-demo.test.ts checks they still mean what is written.
 */
export const ticketFixtures = {
  /** The member demo user's problem referred to the tax bureau (dept@ sees it; overdue, escalated). */
  ticketOfMember: "27",
  /** The member demo user's submitted problem with the demo PDF (not referred: dept@ may not see it). */
  ticketWithAttachment: "24",
  /** Another enterprise's problem, referred to the commerce bureau: neither member@ nor dept@ may see it. */
  ticketOfOther: "1",
  visit: "1",
} as const;

/**
 * Governance (db/seed/governance.server.ts, seeded after everything else): documents 1 (centre
 * charter) and 2 (election rules); versions 1 (charter v1, adopted), 2 (rules v1, adopted),
 * 3 (charter v2, proposed, members only); assemblies 1 (founding, closed), 2 (federation council,
 * scheduled: member@ is not in the federation), 3 (the first chamber's general assembly, open, with a
 * secret motion open for online voting: member@'s and rep@'s enterprises are checked in); elections 1 (founding, certified), 2 (open in the
 * first chamber, member@ and rep@ vote), 3 (federation, draft). tests/integration/governance-demo.test.ts checks them.
 */
export const governanceFixtures = {
  adoptedCharter: "1",
  proposedCharter: "3",
  foundingAssembly: "1",
  otherAssembly: "2",
  openAssembly: "3",
  certifiedElection: "1",
  openElection: "2",
  draftElection: "3",
} as const;

/** Finance (db/seed/finance.server.ts; tests/integration/finance-demo.test.ts checks them). */
export const financeFixtures = {
  /** The bank demo user's bank's members' credit loan (active). */
  productOfBank: "1",
  /** ICBC's first product (active): the bank demo user may see it, not edit it. */
  productOfOtherBank: "13",
  /** A suspended ICBC product: nobody but ICBC and staff may see it. */
  hiddenProduct: "43",
  /** The member's need, claimed and answered by the bank demo user's bank. */
  needOfMember: "1",
  /** Another enterprise's open need (matched to the bank demo user's bank). */
  needOfOther: "3",
  /** An open need no product of the bank demo user's bank fits. */
  needNotMatchedToBank: "4",
  /** The member's declined application to the bank demo user's bank, with a PDF. */
  applicationOfMember: "1",
  /** Another enterprise's application to ICBC. */
  applicationOfOther: "2",
} as const;

export const fixtures: Record<string, Fixture> = {
  ...ticketFixtures,
  ...governanceFixtures,
  ...financeFixtures,
  /** The PDF of applicationOfMember: a file id is a random UUID, read from the application's page. */
  applicationDocumentOfMember: async ({ get }) =>
    firstMatch(
      await get("member", `/finance/applications/${financeFixtures.applicationOfMember}`),
      /href="\/finance\/applications\/\d+\/documents\/([0-9a-f-]{36})"/,
    ),
  /** The demo PDF of ticketWithAttachment: a file id is a random UUID, read from the problem's page. */
  attachmentOfMember: async ({ get }) =>
    firstMatch(await get("member", `/tickets/${ticketFixtures.ticketWithAttachment}`), /href="\/tickets\/\d+\/attachments\/([0-9a-f-]{36})"/),
  /** Disputes (db/seed/disputes.server.ts, cases in seed order): see tests/access/disputes.ts. */
  caseOfMember: "1",
  caseOfOther: "2",
  caseSettledOfMember: "6",
  caseReferredAtStation1: "32",
  /** The demo evidence of case 1: a file id is a random UUID, read from the case page. */
  evidenceOfMember: async ({ get }) => firstMatch(await get("member", "/disputes/1"), /href="\/disputes\/1\/files\/([0-9a-f-]{36})"/),
  adminUser: "demo-admin",
  staffUser: "demo-staff",
  memberUser: "demo-member",
  seekerUser: "demo-seeker",
  /** The member demo user's enterprise (first centre member). */
  memberEnterprise: "1",
  /** An enterprise the member demo user does NOT belong to. */
  otherEnterprise: "2",
  /** The dept demo user's department (tax) and another one. */
  memberDepartment: "1",
  otherDepartment: "2",
  /** The bank demo user's bank and another one. */
  memberBank: "1",
  otherBank: "2",
  /**
   * Jobs (db/seed/jobs.server.ts): the first 70 centre members get 6 postings each in enterprise
   * order, so posting k+1 is enterprise floor(k/6)+1's; postings 1-5 of enterprise 1 (the member's)
   * are open, 6 is past its closing date; 7 is enterprise 2's first (open); 14 (enterprise 3) is
   * hidden by staff. The demo seeker's applications: 1 to posting 2 (enterprise 1, "applied"),
   * 2 to posting 13 (enterprise 3), 3 to posting 19 (enterprise 4).
   */
  openPostingOfMember: "1",
  /** An open posting of the member's enterprise that the walk may close (not the 针车工 the jobs e2e journey uses). */
  postingToCloseOfMember: "5",
  postingOfOtherEnterprise: "7",
  hiddenPosting: "14",
  applicationToMember: "1",
  applicationOfOtherEnterprise: "2",
  /**
   * Monitoring (db/seed/monitoring.server.ts): building 1 is the member enterprise's landlord
   * building; alarm 1 is the open alarm on the member enterprise's floor (with a camera photo),
   * alarm 2 an alarm of another tenant.
   */
  building: "1",
  alarmOfMember: "1",
  alarmOfOther: "2",
  cameraPhotoOfMember: async ({ get }) => firstMatch(await get("member", "/monitoring/alarms/1"), /\/monitoring\/alarms\/1\/photos\/([0-9a-f-]{36})/),
};

/** The first capture group of `pattern` in a page, or an error naming what was missing. */
export function firstMatch(page: { status: number; body: string }, pattern: RegExp): string {
  const m = pattern.exec(page.body);
  if (!m) throw new Error(`fixture: ${pattern} not found in a page (status ${page.status})`);
  return m[1];
}

const cache = new Map<string, Promise<string>>();

/** Replaces every {placeholder} in a path or form value; an unknown placeholder is an error. */
export async function resolvePlaceholders(text: string, ctx: FixtureContext): Promise<string> {
  const names = [...text.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)].map((m) => m[1]);
  let out = text;
  for (const name of names) {
    if (name === "unique") continue; // the bad-input runner's own token
    const fixture = fixtures[name];
    if (fixture === undefined) throw new Error(`unknown placeholder {${name}}: add it to tests/access/fixtures.ts`);
    let value = cache.get(name);
    if (!value) {
      value = typeof fixture === "string" ? Promise.resolve(fixture) : fixture(ctx);
      cache.set(name, value);
    }
    out = out.replace(`{${name}}`, encodeURIComponent(await value));
  }
  return out;
}

export async function resolveForm(form: Record<string, string> | undefined, ctx: FixtureContext): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form ?? {})) out[k] = decodeURIComponent(await resolvePlaceholders(v, ctx));
  return out;
}

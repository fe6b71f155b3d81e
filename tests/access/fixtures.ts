/**
 * Placeholders of the access matrix, in the format of the security engineer's
 * tests/access/fixtures.ts (merge: add these keys to its `fixtures`). The demo seed is deterministic
 * and runs into a fresh database, so the tickets' ids are known in advance; the integration test
 * tests/integration/tickets-demo.test.ts checks that they still mean what is written here.
 */
import type { Who } from "./types";

export type FixtureContext = { get: (who: Who, path: string) => Promise<{ status: number; body: string }> };
export type Fixture = string | ((ctx: FixtureContext) => Promise<string>);

export const ticketFixtures = {
  /** The member demo user's problem referred to the tax bureau (dept@ sees it; overdue, escalated). */
  ticketOfMember: "27",
  /** The member demo user's submitted problem with the demo PDF (not referred: dept@ may not see it). */
  ticketWithAttachment: "24",
  attachmentOfMember: "1",
  /** Another enterprise's problem, referred to the commerce bureau: neither member@ nor dept@ may see it. */
  ticketOfOther: "1",
  visit: "1",
} as const satisfies Record<string, Fixture>;

export const fixtures: Record<string, Fixture> = { ...ticketFixtures };

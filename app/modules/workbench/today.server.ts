import type { Actor } from "../../lib/permissions";
import { listApplications } from "../members/join.server";
import { listTickets } from "../tickets/tickets.server";
import { listBooths, listFairs } from "../fairs/fairs.server";

type SignedIn = NonNullable<Actor>;

/**
 * Staff's work for today, as counts with the page that lists each. Every figure is the total of
 * the same query its list page runs (the areas' own functions), so a count and its list agree
 * (the problem links ask for everyone's: the queue's handler filter defaults to "mine").
 */
export async function todaysWork(actor: SignedIn, now = new Date()) {
  const [applications, toAccept, overdue, escalated, fairs] = await Promise.all([
    listApplications("pending", 1),
    listTickets(actor, { status: "submitted" }, 1, now),
    listTickets(actor, { overdue: "1" }, 1, now),
    listTickets(actor, { escalated: "1" }, 1, now),
    listFairs(actor, { when: "upcoming", page: 1 }),
  ]);
  const booths = await Promise.all(
    fairs.rows.map(async (fair) => ({
      fairId: fair.id,
      title: fair.title,
      fairDate: fair.fairDate,
      requested: (await listBooths(fair.id, { status: "requested", page: 1 })).total,
    })),
  );
  return {
    items: [
      { key: "applications", count: applications.total, to: "/members/applications" },
      { key: "toAccept", count: toAccept.total, capped: toAccept.capped, to: "/tickets?status=submitted&sort=created&dir=asc&handler=all" },
      { key: "overdue", count: overdue.total, capped: overdue.capped, to: "/tickets?overdue=1&sort=due&dir=asc&handler=all" },
      { key: "escalated", count: escalated.total, capped: escalated.capped, to: "/tickets?escalated=1&sort=due&dir=asc&handler=all" },
    ],
    boothRequests: booths.filter((b) => b.requested > 0),
    boothTotal: booths.reduce((sum, b) => sum + b.requested, 0),
  };
}

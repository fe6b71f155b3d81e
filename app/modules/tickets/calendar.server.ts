import { calendarDays } from "../../../db/schema/tickets";
import type { Executor } from "../../../db/client.server";
import type { CalendarExceptions } from "./calendar";

/** The working-day calendar's exceptions (holidays, make-up days) as kept by the tickets settings: for other areas' time limits. */
export async function loadCalendarExceptions(db: Executor): Promise<CalendarExceptions> {
  const rows = await db.select().from(calendarDays);
  return new Map(rows.map((r) => [r.day, r.isWorkday]));
}

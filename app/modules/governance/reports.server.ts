import { sql } from "drizzle-orm";
import { getDb } from "../../../db/client.server";
import { rowsOf } from "./common.server";

export type GovernanceReport = {
  year: number;
  assembliesHeld: number;
  averageAttendance: number | null;
  motionsDecided: number;
  motionsPassed: number;
  electionsCertified: number;
  electionTurnout: number | null;
};

/** The governance part of /reports for a year (Asia/Shanghai), counted from the rows. */
export async function governanceReport(year: number): Promise<GovernanceReport> {
  const db = await getDb();
  // Plain ISO strings: postgres.js takes no Date in a raw query.
  const from = `${year}-01-01T00:00:00+08:00`;
  const to = `${year + 1}-01-01T00:00:00+08:00`;
  const [a] = rowsOf<{ held: number; attendance: number | null }>(
    await db.execute(sql`
      with held as (
        select a.id,
          (select count(*) from assembly_roll r where r.assembly_id = a.id) as roll,
          (select count(*) from assembly_attendance t where t.assembly_id = a.id) + (select count(*) from assembly_proxies p where p.assembly_id = a.id) as present
        from assemblies a where a.status <> 'scheduled' and a.starts_at >= ${from}::timestamptz and a.starts_at < ${to}::timestamptz)
      select count(*)::int as held, avg(present::float / nullif(roll, 0))::float as attendance from held`),
  );
  const [m] = rowsOf<{ decided: number; passed: number }>(
    await db.execute(sql`
      select count(*)::int as decided, count(*) filter (where status = 'passed')::int as passed
      from motions where status <> 'pending' and decided_at >= ${from}::timestamptz and decided_at < ${to}::timestamptz`),
  );
  const [e] = rowsOf<{ certified: number; turnout: number | null }>(
    await db.execute(sql`
      select count(*)::int as certified,
        sum((select count(*) from election_voters v where v.election_id = e.id))::float / nullif(sum(e.roll_size), 0)::float as turnout
      from elections e where e.status = 'certified' and e.certified_at >= ${from}::timestamptz and e.certified_at < ${to}::timestamptz`),
  );
  return {
    year,
    assembliesHeld: Number(a.held),
    averageAttendance: a.attendance === null ? null : Number(a.attendance),
    motionsDecided: Number(m.decided),
    motionsPassed: Number(m.passed),
    electionsCertified: Number(e.certified),
    electionTurnout: e.turnout === null ? null : Number(e.turnout),
  };
}

/**
 * Rented factory buildings and their passages: rental filing and deposit, tenants per floor,
 * and passage alarms. An alarm is raised by a camera gateway; the tenant's users get a violation
 * notice (in the portal and in the email outbox, printable at /monitoring/alarms/:id). The tenant
 * may upload a photo of the cleared passage, which tells staff; the alarm closes only when staff
 * confirm it or the gateway posts the all-clear.
 */
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "../../../db/client.server";
import { users } from "../../../db/schema/accounts";
import { enterpriseUsers, enterprises } from "../../../db/schema/members";
import { buildingTenancies, buildings, passageAlarms, passages, type FilingStatus } from "../../../db/schema/monitoring";
import { appendAudit } from "../../lib/audit.server";
import { filesOf, findFile, recordUploads, stageBytes, type FileKind, type StagedUpload } from "../../lib/uploads.server";
import { isStaff, type Actor } from "../../lib/permissions";
import { notify, type Notice } from "../notifications/notifications.server";
import type { ParsedPassageEvent } from "./batch";
import { alarmCache, alarmsChanged } from "./cache.server";
import { rowsOf } from "./monitoring.server";

type SignedIn = NonNullable<Actor>;
export type Alarm = typeof passageAlarms.$inferSelect;

export const CAMERA_FILE_OWNER = "passage_alarm_camera";
export const TENANT_FILE_OWNER = "passage_alarm_tenant";
export const alarmPhotoKinds: readonly FileKind[] = ["jpeg", "png", "webp"];
export const ALARM_PHOTO_FIELD = "photo";
export const ALARM_PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export const BUILDINGS_PAGE_SIZE = 50;
export const ALARMS_PAGE_SIZE = 25;

// ---------------------------------------------------------------------------------------------
// Buildings

export async function listBuildings(filter: { filing?: FilingStatus; q?: string }, page: number) {
  const db = await getDb();
  const where = and(
    filter.filing ? eq(buildings.filingStatus, filter.filing) : undefined,
    filter.q
      ? sql`(${buildings.name} ilike ${`%${filter.q}%`} or ${buildings.code} ilike ${`%${filter.q}%`} or ${buildings.village} ilike ${`%${filter.q}%`})`
      : undefined,
  );
  const [total] = await db.select({ n: count() }).from(buildings).where(where);
  const rows = await db
    .select({
      id: buildings.id,
      code: buildings.code,
      name: buildings.name,
      village: buildings.village,
      floors: buildings.floors,
      filingStatus: buildings.filingStatus,
      depositFen: buildings.depositFen,
      depositPaidOn: buildings.depositPaidOn,
      depositRefundedOn: buildings.depositRefundedOn,
      tenants: sql<number>`(select count(distinct t.enterprise_id)::int from building_tenancies t where t.building_id = ${buildings.id} and t.ended_on is null)`,
      passages: sql<number>`(select count(*)::int from passages p where p.building_id = ${buildings.id})`,
      openAlarms: sql<number>`(select count(*)::int from passage_alarms a where a.building_id = ${buildings.id} and a.status = 'open')`,
      alarms: sql<number>`(select count(*)::int from passage_alarms a where a.building_id = ${buildings.id})`,
    })
    .from(buildings)
    .where(where)
    .orderBy(asc(buildings.code))
    .limit(BUILDINGS_PAGE_SIZE)
    .offset((page - 1) * BUILDINGS_PAGE_SIZE);
  const [figures] = rowsOf<{ buildings: number; filed: number; deposits_paid: number; deposit_fen: number; open_alarms: number }>(
    await db.execute(sql`select count(*)::int as buildings, count(*) filter (where filing_status = 'filed')::int as filed,
      count(*) filter (where deposit_paid_on is not null and deposit_refunded_on is null)::int as deposits_paid,
      coalesce(sum(deposit_fen) filter (where deposit_paid_on is not null and deposit_refunded_on is null), 0)::float8 as deposit_fen,
      (select count(*)::int from passage_alarms where status = 'open') as open_alarms from buildings`),
  );
  return {
    rows,
    total: total.n,
    figures: {
      buildings: Number(figures.buildings),
      filed: Number(figures.filed),
      depositsPaid: Number(figures.deposits_paid),
      depositFen: Number(figures.deposit_fen),
      openAlarms: Number(figures.open_alarms),
    },
  };
}

export async function getBuilding(id: number) {
  const db = await getDb();
  const [building] = await db.select().from(buildings).where(eq(buildings.id, id));
  if (!building) return null;
  const tenants = await db
    .select({
      id: buildingTenancies.id,
      floor: buildingTenancies.floor,
      enterpriseId: buildingTenancies.enterpriseId,
      name: enterprises.name,
      areaM2: buildingTenancies.areaM2,
      startedOn: buildingTenancies.startedOn,
    })
    .from(buildingTenancies)
    .innerJoin(enterprises, eq(enterprises.id, buildingTenancies.enterpriseId))
    .where(and(eq(buildingTenancies.buildingId, id), isNull(buildingTenancies.endedOn)))
    .orderBy(asc(buildingTenancies.floor), asc(enterprises.name));
  const passageRows = await db.select().from(passages).where(eq(passages.buildingId, id)).orderBy(asc(passages.floor), asc(passages.code));
  const alarms = await db
    .select({
      id: passageAlarms.id,
      noticeNo: passageAlarms.noticeNo,
      floor: passageAlarms.floor,
      passage: passages.name,
      raisedAt: passageAlarms.raisedAt,
      status: passageAlarms.status,
      clearedAt: passageAlarms.clearedAt,
      tenant: enterprises.name,
    })
    .from(passageAlarms)
    .innerJoin(passages, eq(passages.id, passageAlarms.passageId))
    .leftJoin(enterprises, eq(enterprises.id, passageAlarms.enterpriseId))
    .where(eq(passageAlarms.buildingId, id))
    .orderBy(desc(passageAlarms.raisedAt))
    .limit(50);
  const floors = Array.from({ length: building.floors }, (_, i) => i + 1).map((floor) => ({
    floor,
    tenants: tenants.filter((t) => t.floor === floor),
    passages: passageRows.filter((p) => p.floor === floor),
  }));
  return { building, floors, alarms };
}

export async function updateRental(
  actor: SignedIn,
  id: number,
  input: {
    filingStatus: FilingStatus;
    filingNo: string | null;
    filedOn: string | null;
    depositFen: number;
    depositPaidOn: string | null;
    depositRefundedOn: string | null;
  },
) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(buildings).where(eq(buildings.id, id)).for("update");
    if (!before) return { ok: false as const, error: "notFound" };
    const [after] = await tx.update(buildings).set(input).where(eq(buildings.id, id)).returning();
    await appendAudit(tx, { actor, action: "building.rental", entityType: "building", entityId: id, before, after });
    return { ok: true as const, building: after };
  });
}

// ---------------------------------------------------------------------------------------------
// Alarms from the camera gateway

async function tenantOf(tx: Executor, buildingId: number, floor: number): Promise<number | null> {
  const [t] = await tx
    .select({ enterpriseId: buildingTenancies.enterpriseId })
    .from(buildingTenancies)
    .where(and(eq(buildingTenancies.buildingId, buildingId), eq(buildingTenancies.floor, floor), isNull(buildingTenancies.endedOn)))
    .orderBy(desc(buildingTenancies.areaM2), asc(buildingTenancies.id))
    .limit(1);
  return t?.enterpriseId ?? null;
}

async function userIdsOf(tx: Executor, enterpriseId: number | null): Promise<string[]> {
  if (!enterpriseId) return [];
  const rows = await tx.select({ id: enterpriseUsers.userId }).from(enterpriseUsers).where(eq(enterpriseUsers.enterpriseId, enterpriseId));
  return rows.map((r) => r.id);
}

async function staffIds(tx: Executor): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "staff"), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

export function noticeNumber(id: number, at: Date): string {
  return `WZ-${at.getUTCFullYear()}-${String(id).padStart(5, "0")}`;
}

export type PassageAnswer =
  | { ok: true; outcome: "raised" | "duplicate" | "already_open" | "cleared" | "nothing_open"; alarmId: number | null; noticeNo: string | null }
  | { ok: false; status: 404 | 422; error: string };

/**
 * A camera event. "blocked": opens an alarm (the same event again is a duplicate; while one is
 * open on the passage, the open one stands). "clear": the gateway's all-clear closes the open one.
 */
export async function passageEvent(
  gatewayId: number | null,
  event: ParsedPassageEvent,
  opts: { db?: Executor; notifyTenant?: boolean } = {},
): Promise<PassageAnswer> {
  const db = opts.db ?? (await getDb());
  const [passage] = await db
    .select({ id: passages.id, buildingId: passages.buildingId, floor: passages.floor, name: passages.name, buildingName: buildings.name })
    .from(passages)
    .innerJoin(buildings, eq(buildings.id, passages.buildingId))
    .where(and(eq(buildings.code, event.building), eq(passages.floor, event.floor), eq(passages.code, event.passage)));
  if (!passage) return { ok: false, status: 404, error: `no passage ${event.passage} on floor ${event.floor} of building ${event.building}` };
  let staged: StagedUpload | null = null;
  if (event.status === "blocked" && event.photo) {
    try {
      const ext = event.photo[0] === 0x89 ? "png" : event.photo[0] === 0x52 ? "webp" : "jpg";
      staged = await stageBytes(`passage-${event.building}-${event.floor}-${event.passage}.${ext}`, event.photo, {
        allowed: alarmPhotoKinds,
        maxFileBytes: ALARM_PHOTO_MAX_BYTES,
      });
    } catch {
      return { ok: false, status: 422, error: "photo must be a JPEG, PNG or WebP image" };
    }
  }
  const actor = null;
  const result = await db.transaction(async (tx): Promise<PassageAnswer> => {
    // One event at a time per passage (a camera may resend while the first is being stored).
    await tx.execute(sql`select id from passages where id = ${passage.id} for update`);
    if (event.status === "clear") {
      const [open] = await tx
        .select()
        .from(passageAlarms)
        .where(and(eq(passageAlarms.passageId, passage.id), eq(passageAlarms.status, "open")));
      if (!open) return { ok: true, outcome: "nothing_open", alarmId: null, noticeNo: null };
      const at = event.at < open.raisedAt ? open.raisedAt : event.at;
      await tx.update(passageAlarms).set({ status: "cleared", clearedAt: at, clearedBy: "gateway" }).where(eq(passageAlarms.id, open.id));
      await appendAudit(tx, { actor, action: "passageAlarm.clear", entityType: "passage_alarm", entityId: open.id, after: { by: "gateway", gatewayId, at } });
      await notify(
        tx,
        (await userIdsOf(tx, open.enterpriseId)).map((userId) => ({
          userId,
          messageKey: "monitoring:notify.alarmCleared",
          params: { notice: open.noticeNo },
          link: `/monitoring/alarms/${open.id}`,
        })),
      );
      return { ok: true, outcome: "cleared", alarmId: open.id, noticeNo: open.noticeNo };
    }
    const [same] = await tx
      .select({ id: passageAlarms.id, noticeNo: passageAlarms.noticeNo })
      .from(passageAlarms)
      .where(and(eq(passageAlarms.passageId, passage.id), eq(passageAlarms.raisedAt, event.at)));
    if (same) return { ok: true, outcome: "duplicate", alarmId: same.id, noticeNo: same.noticeNo };
    const [open] = await tx
      .select({ id: passageAlarms.id, noticeNo: passageAlarms.noticeNo })
      .from(passageAlarms)
      .where(and(eq(passageAlarms.passageId, passage.id), eq(passageAlarms.status, "open")));
    if (open) return { ok: true, outcome: "already_open", alarmId: open.id, noticeNo: open.noticeNo };
    const [{ id }] = rowsOf<{ id: number }>(await tx.execute(sql`select nextval(pg_get_serial_sequence('passage_alarms', 'id'))::int as id`));
    const enterpriseId = await tenantOf(tx, passage.buildingId, passage.floor);
    const noticeNo = noticeNumber(Number(id), event.at);
    let cameraFileId: string | null = null;
    if (staged) [{ id: cameraFileId }] = await recordUploads(tx, [staged], { ownerKind: CAMERA_FILE_OWNER, ownerId: id, actor, at: event.at });
    await tx.insert(passageAlarms).values({
      id: Number(id),
      passageId: passage.id,
      buildingId: passage.buildingId,
      floor: passage.floor,
      enterpriseId,
      gatewayId,
      noticeNo,
      raisedAt: event.at,
      cameraFileId,
    });
    await appendAudit(tx, {
      actor,
      action: "passageAlarm.raise",
      entityType: "passage_alarm",
      entityId: id,
      after: { noticeNo, passageId: passage.id, enterpriseId, gatewayId, raisedAt: event.at },
    });
    if (opts.notifyTenant !== false) {
      const notices: Notice[] = [
        ...(await userIdsOf(tx, enterpriseId)).map((userId) => ({
          userId,
          messageKey: "monitoring:notify.violation",
          params: { notice: noticeNo, building: passage.buildingName, floor: passage.floor, passage: passage.name },
          link: `/monitoring/alarms/${id}`,
        })),
      ];
      await notify(tx, notices);
    }
    return { ok: true, outcome: "raised", alarmId: Number(id), noticeNo };
  });
  if (staged && !(result.ok && result.outcome === "raised")) {
    const { discardUploads } = await import("../../lib/uploads.server");
    await discardUploads([staged]);
  }
  if (result.ok && (result.outcome === "raised" || result.outcome === "cleared")) alarmsChanged();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Alarm pages

function alarmScope(actor: SignedIn): SQL | undefined {
  if (isStaff(actor)) return undefined;
  if (actor.role === "member" && actor.enterpriseIds.length) return inArray(passageAlarms.enterpriseId, actor.enterpriseIds);
  return sql`false`;
}

export async function getAlarm(actor: SignedIn, id: number) {
  const db = await getDb();
  const [row] = await db
    .select({
      alarm: passageAlarms,
      passageName: passages.name,
      passageCode: passages.code,
      buildingName: buildings.name,
      buildingCode: buildings.code,
      buildingAddress: buildings.address,
      tenant: enterprises.name,
      clearedByName: users.displayName,
    })
    .from(passageAlarms)
    .innerJoin(passages, eq(passages.id, passageAlarms.passageId))
    .innerJoin(buildings, eq(buildings.id, passageAlarms.buildingId))
    .leftJoin(enterprises, eq(enterprises.id, passageAlarms.enterpriseId))
    .leftJoin(users, eq(users.id, passageAlarms.clearedByUser))
    .where(and(eq(passageAlarms.id, id), alarmScope(actor)));
  if (!row) return null;
  const [camera, tenantPhotos] = await Promise.all([
    filesOf({ ownerKind: CAMERA_FILE_OWNER, ownerId: id }),
    filesOf({ ownerKind: TENANT_FILE_OWNER, ownerId: id }),
  ]);
  const [repeat] = row.alarm.enterpriseId
    ? await db.select({ n: count() }).from(passageAlarms).where(eq(passageAlarms.enterpriseId, row.alarm.enterpriseId))
    : [{ n: 0 }];
  return { ...row, camera, tenantPhotos, tenantAlarms: repeat.n };
}

/** A photo of the alarm (camera or tenant), for whoever may see the alarm. */
export async function getAlarmPhoto(actor: SignedIn, alarmId: number, fileId: string) {
  const alarm = await getAlarm(actor, alarmId);
  if (!alarm) return null;
  return (
    (await findFile(fileId, { ownerKind: CAMERA_FILE_OWNER, ownerId: alarmId })) ?? (await findFile(fileId, { ownerKind: TENANT_FILE_OWNER, ownerId: alarmId }))
  );
}

/** The tenant shows the passage is clear: the photo is kept and staff are told; the alarm stays open. */
export async function reportCleared(actor: SignedIn, id: number, photos: StagedUpload[], now = new Date()) {
  if (actor.role !== "member") return { ok: false as const, error: "notFound" };
  if (photos.length === 0) return { ok: false as const, error: "monitoring:errors.photoRequired" };
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [alarm] = await tx
      .select()
      .from(passageAlarms)
      .where(and(eq(passageAlarms.id, id), alarmScope(actor)))
      .for("update");
    if (!alarm) return { ok: false as const, error: "notFound" };
    if (alarm.status !== "open") return { ok: false as const, error: "monitoring:errors.alarmClosed" };
    await recordUploads(tx, photos, { ownerKind: TENANT_FILE_OWNER, ownerId: id, actor, at: now });
    await tx.update(passageAlarms).set({ tenantReportedAt: now }).where(eq(passageAlarms.id, id));
    await appendAudit(tx, {
      actor,
      action: "passageAlarm.report",
      entityType: "passage_alarm",
      entityId: id,
      after: { tenantReportedAt: now, photos: photos.length },
    });
    await notify(
      tx,
      (await staffIds(tx)).map((userId) => ({
        userId,
        messageKey: "monitoring:notify.tenantReported",
        params: { notice: alarm.noticeNo },
        link: `/monitoring/alarms/${id}`,
      })),
    );
    return { ok: true as const };
  });
  return result;
}

/** Staff confirm the passage is clear: the alarm closes. */
export async function confirmCleared(actor: SignedIn, id: number, note: string | null, now = new Date()) {
  if (!isStaff(actor)) return { ok: false as const, error: "notFound" };
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [alarm] = await tx.select().from(passageAlarms).where(eq(passageAlarms.id, id)).for("update");
    if (!alarm) return { ok: false as const, error: "notFound" };
    if (alarm.status !== "open") return { ok: false as const, error: "monitoring:errors.alarmClosed" };
    const [after] = await tx
      .update(passageAlarms)
      .set({ status: "cleared", clearedAt: now, clearedBy: "staff", clearedByUser: actor.userId, clearNote: note })
      .where(eq(passageAlarms.id, id))
      .returning();
    await appendAudit(tx, { actor, action: "passageAlarm.clear", entityType: "passage_alarm", entityId: id, before: alarm, after });
    await notify(
      tx,
      (await userIdsOf(tx, alarm.enterpriseId)).map((userId) => ({
        userId,
        messageKey: "monitoring:notify.alarmCleared",
        params: { notice: alarm.noticeNo },
        link: `/monitoring/alarms/${id}`,
      })),
    );
    return { ok: true as const, alarm: after };
  });
  if (result.ok) alarmsChanged();
  return result;
}

export type AlarmFilter = { status?: "open" | "cleared"; building?: number };

export async function listAlarms(actor: SignedIn, filter: AlarmFilter, page: number) {
  const db = await getDb();
  const where = and(
    alarmScope(actor),
    filter.status ? eq(passageAlarms.status, filter.status) : undefined,
    filter.building ? eq(passageAlarms.buildingId, filter.building) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(passageAlarms).where(where);
  const rows = await db
    .select({
      id: passageAlarms.id,
      noticeNo: passageAlarms.noticeNo,
      raisedAt: passageAlarms.raisedAt,
      status: passageAlarms.status,
      clearedAt: passageAlarms.clearedAt,
      clearedBy: passageAlarms.clearedBy,
      tenantReportedAt: passageAlarms.tenantReportedAt,
      floor: passageAlarms.floor,
      building: buildings.name,
      buildingId: buildings.id,
      passage: passages.name,
      tenant: enterprises.name,
      enterpriseId: passageAlarms.enterpriseId,
    })
    .from(passageAlarms)
    .innerJoin(passages, eq(passages.id, passageAlarms.passageId))
    .innerJoin(buildings, eq(buildings.id, passageAlarms.buildingId))
    .leftJoin(enterprises, eq(enterprises.id, passageAlarms.enterpriseId))
    .where(where)
    .orderBy(desc(passageAlarms.raisedAt), desc(passageAlarms.id))
    .limit(ALARMS_PAGE_SIZE)
    .offset((page - 1) * ALARMS_PAGE_SIZE);
  return { rows, total: total.n };
}

export type AlarmFigures = {
  total: number;
  open: number;
  cleared: number;
  clearedByStaff: number;
  clearedByGateway: number;
  medianHoursToClear: number | null;
  p90HoursToClear: number | null;
  repeatOffenders: { enterpriseId: number; name: string; alarms: number; open: number; lastAt: string }[];
};

/** Open alarms, time to clear, repeat offenders (tenants with 2+ alarms in the last 12 months). */
export function alarmFigures(): Promise<AlarmFigures> {
  return alarmCache.get("figures", async () => {
    const db = await getDb();
    const [f] = rowsOf<{ total: number; open: number; cleared: number; by_staff: number; by_gateway: number; median_h: number | null; p90_h: number | null }>(
      await db.execute(sql`select count(*)::int as total, count(*) filter (where status = 'open')::int as open, count(*) filter (where status = 'cleared')::int as cleared,
        count(*) filter (where cleared_by = 'staff')::int as by_staff, count(*) filter (where cleared_by = 'gateway')::int as by_gateway,
        (percentile_cont(0.5) within group (order by extract(epoch from cleared_at - raised_at)) filter (where status = 'cleared') / 3600)::float8 as median_h,
        (percentile_cont(0.9) within group (order by extract(epoch from cleared_at - raised_at)) filter (where status = 'cleared') / 3600)::float8 as p90_h
        from passage_alarms`),
    );
    const offenders = rowsOf<{ enterprise_id: number; name: string; alarms: number; open: number; last_at: string }>(
      await db.execute(sql`select a.enterprise_id, e.name, count(*)::int as alarms, count(*) filter (where a.status = 'open')::int as open, max(a.raised_at)::text as last_at
        from passage_alarms a join enterprises e on e.id = a.enterprise_id
        where a.raised_at > now() - interval '12 months'
        group by a.enterprise_id, e.name having count(*) >= 2 order by count(*) desc, e.name limit 20`),
    );
    const round = (x: number | null) => (x == null ? null : Math.round(Number(x) * 10) / 10);
    return {
      total: Number(f.total),
      open: Number(f.open),
      cleared: Number(f.cleared),
      clearedByStaff: Number(f.by_staff),
      clearedByGateway: Number(f.by_gateway),
      medianHoursToClear: round(f.median_h),
      p90HoursToClear: round(f.p90_h),
      repeatOffenders: offenders.map((o) => ({
        enterpriseId: Number(o.enterprise_id),
        name: o.name,
        alarms: Number(o.alarms),
        open: Number(o.open),
        lastAt: o.last_at,
      })),
    };
  }) as Promise<AlarmFigures>;
}

/** The member's open and recent alarms (for /my). */
export async function myAlarms(actor: SignedIn) {
  if (actor.role !== "member" || actor.enterpriseIds.length === 0) return [];
  const db = await getDb();
  return db
    .select({
      id: passageAlarms.id,
      noticeNo: passageAlarms.noticeNo,
      raisedAt: passageAlarms.raisedAt,
      status: passageAlarms.status,
      building: buildings.name,
      floor: passageAlarms.floor,
      passage: passages.name,
    })
    .from(passageAlarms)
    .innerJoin(passages, eq(passages.id, passageAlarms.passageId))
    .innerJoin(buildings, eq(buildings.id, passageAlarms.buildingId))
    .where(inArray(passageAlarms.enterpriseId, actor.enterpriseIds))
    .orderBy(desc(passageAlarms.raisedAt))
    .limit(10);
}

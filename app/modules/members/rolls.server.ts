import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.server";
import { associations, enterpriseUsers, enterprises, memberships, type MembershipType } from "../../../db/schema/members";

// What other areas (governance: assembly and election rolls) may ask the members area about
// memberships, without reading its tables themselves.

/** Membership types that sit on the council (理事会): council meetings' roll. */
export const COUNCIL_TYPES: readonly MembershipType[] = ["council_member", "director", "vice_director"];

export type RollEntry = { enterpriseId: number; representativeUserId: string | null };

/**
 * The enterprises with an active membership of an association (optionally of some types), each
 * with its default representative: the owner user first, then the earliest-named user id.
 */
export async function activeMemberRoll(db: Executor, associationId: number, types?: readonly MembershipType[]): Promise<RollEntry[]> {
  const rows = await db
    .select({
      enterpriseId: memberships.enterpriseId,
      representativeUserId: sql<
        string | null
      >`(select eu.user_id from enterprise_users eu where eu.enterprise_id = "memberships"."enterprise_id" order by eu.is_owner desc, eu.user_id asc limit 1)`,
    })
    .from(memberships)
    .where(and(eq(memberships.associationId, associationId), eq(memberships.status, "active"), types ? inArray(memberships.type, [...types]) : undefined))
    .orderBy(asc(memberships.enterpriseId));
  return rows;
}

export async function isActiveMember(db: Executor, associationId: number, enterpriseId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.associationId, associationId), eq(memberships.enterpriseId, enterpriseId), eq(memberships.status, "active")));
  return Boolean(row);
}

export async function enterpriseNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(inArray(enterprises.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function usersOfEnterprise(db: Executor, enterpriseId: number): Promise<string[]> {
  const rows = await db
    .select({ userId: enterpriseUsers.userId })
    .from(enterpriseUsers)
    .where(eq(enterpriseUsers.enterpriseId, enterpriseId))
    .orderBy(asc(enterpriseUsers.userId));
  return rows.map((r) => r.userId);
}

export type AssociationOption = { id: number; nameZh: string; nameEn: string; kind: string };

export async function associationOptions(db: Executor): Promise<AssociationOption[]> {
  return db
    .select({ id: associations.id, nameZh: associations.nameZh, nameEn: associations.nameEn, kind: associations.kind })
    .from(associations)
    .orderBy(asc(associations.id));
}

/** The associations an enterprise is an active member of. */
export async function activeAssociationsOf(db: Executor, enterpriseIds: number[]): Promise<number[]> {
  if (enterpriseIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: memberships.associationId })
    .from(memberships)
    .where(and(inArray(memberships.enterpriseId, enterpriseIds), eq(memberships.status, "active")));
  return rows.map((r) => r.id);
}

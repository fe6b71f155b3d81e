/**
 * What the matching rules read, loaded from the database, and the kept matches (need_matches):
 * recomputed by the pure rules when a need is posted or imported and when a product changes.
 */
import { and, eq, inArray, isNull, gte, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.server";
import { creditLines, creditProducts, financeProfiles, financingNeeds, needMatches } from "../../../db/schema/finance";
import { enterprises, memberships } from "../../../db/schema/members";
import { matchProduct, type EnterpriseFacts, type MatchContext, type NeedFacts, type ProductFacts } from "./matching";

export type ProductRow = typeof creditProducts.$inferSelect;
export type NeedRow = typeof financingNeeds.$inferSelect;

export function productFacts(p: ProductRow): ProductFacts {
  return {
    id: p.id,
    bankId: p.bankId,
    type: p.type,
    status: p.status,
    minAmountFen: p.minAmountFen,
    maxAmountFen: p.maxAmountFen,
    minRateBp: p.minRateBp,
    maxRateBp: p.maxRateBp,
    minTermMonths: p.minTermMonths,
    maxTermMonths: p.maxTermMonths,
    minYearsInBusiness: p.minYearsInBusiness,
    aboveSizeOnly: p.aboveSizeOnly,
    minAnnualOutputFen: p.minAnnualOutputFen,
    segments: p.segments,
    membersOnly: p.membersOnly,
    collateralRequired: p.collateralRequired,
    acceptedCollateral: p.acceptedCollateral,
    validFrom: p.validFrom,
    validTo: p.validTo,
  };
}

export function needFacts(n: Pick<NeedRow, "amountFen" | "termMonths" | "maxRateBp" | "collateral" | "purpose">): NeedFacts {
  return { amountFen: n.amountFen, termMonths: n.termMonths, maxRateBp: n.maxRateBp, collateral: n.collateral, purpose: n.purpose };
}

export type EnterpriseWithLines = EnterpriseFacts & { associationIds: number[] };

/** The facts of the given enterprises (size, output, segment, founding year, active memberships). */
export async function loadEnterpriseFacts(db: Executor, ids: number[]): Promise<Map<number, EnterpriseWithLines>> {
  const out = new Map<number, EnterpriseWithLines>();
  if (ids.length === 0) return out;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 1000) {
    const chunk = unique.slice(i, i + 1000);
    const rows = await db
      .select({
        id: enterprises.id,
        aboveSize: enterprises.aboveSize,
        annualOutputFen: enterprises.annualOutputFen,
        segment: enterprises.segment,
        foundedYear: financeProfiles.foundedYear,
      })
      .from(enterprises)
      .leftJoin(financeProfiles, eq(financeProfiles.enterpriseId, enterprises.id))
      .where(inArray(enterprises.id, chunk));
    for (const r of rows)
      out.set(r.id, {
        foundedYear: r.foundedYear,
        aboveSize: r.aboveSize,
        annualOutputFen: r.annualOutputFen,
        segment: r.segment,
        isMember: false,
        associationIds: [],
      });
    const ms = await db
      .select({ enterpriseId: memberships.enterpriseId, associationId: memberships.associationId })
      .from(memberships)
      .where(and(inArray(memberships.enterpriseId, chunk), eq(memberships.status, "active")));
    for (const m of ms) {
      const e = out.get(m.enterpriseId);
      if (e) {
        e.isMember = true;
        e.associationIds.push(m.associationId);
      }
    }
  }
  return out;
}

/** For each association, the banks whose credit line to it is in force and has room left. */
export async function loadLineBanks(db: Executor, today: string): Promise<Map<number, Set<number>>> {
  const rows = await db
    .select({ bankId: creditLines.bankId, associationId: creditLines.associationId })
    .from(creditLines)
    .where(
      and(
        sql`${creditLines.drawnFen} < ${creditLines.amountFen}`,
        sql`${creditLines.grantedOn} <= ${today}`,
        or(isNull(creditLines.expiresOn), gte(creditLines.expiresOn, today)),
      ),
    );
  const out = new Map<number, Set<number>>();
  for (const r of rows) {
    const set = out.get(r.associationId) ?? new Set<number>();
    set.add(r.bankId);
    out.set(r.associationId, set);
  }
  return out;
}

export function contextFor(enterprise: EnterpriseWithLines, lineBanks: Map<number, Set<number>>, today: string): MatchContext {
  const banks = new Set<number>();
  for (const a of enterprise.associationIds) for (const b of lineBanks.get(a) ?? []) banks.add(b);
  return { today, creditLineBankIds: banks };
}

export async function loadProducts(db: Executor): Promise<ProductRow[]> {
  return db.select().from(creditProducts);
}

type MatchRow = typeof needMatches.$inferInsert;

async function insertMatches(db: Executor, rows: MatchRow[]) {
  for (let i = 0; i < rows.length; i += 2000) await db.insert(needMatches).values(rows.slice(i, i + 2000));
}

/** Recomputes the kept matches of these needs against every product. */
export async function refreshMatchesForNeeds(db: Executor, needIds: number[], today: string): Promise<number> {
  if (needIds.length === 0) return 0;
  const products = (await loadProducts(db)).map(productFacts);
  const lineBanks = await loadLineBanks(db, today);
  let written = 0;
  for (let i = 0; i < needIds.length; i += 1000) {
    const chunk = needIds.slice(i, i + 1000);
    const needs = await db.select().from(financingNeeds).where(inArray(financingNeeds.id, chunk));
    const facts = await loadEnterpriseFacts(
      db,
      needs.map((n) => n.enterpriseId),
    );
    const rows: MatchRow[] = [];
    for (const n of needs) {
      const e = facts.get(n.enterpriseId);
      if (!e) continue;
      const ctx = contextFor(e, lineBanks, today);
      const nf = needFacts(n);
      for (const p of products) {
        const m = matchProduct(p, nf, e, ctx, false);
        if (m.eligible) rows.push({ needId: n.id, productId: p.id, bankId: p.bankId, score: m.score });
      }
    }
    await db.delete(needMatches).where(inArray(needMatches.needId, chunk));
    await insertMatches(db, rows);
    written += rows.length;
  }
  return written;
}

/** Recomputes one product's matches against the needs still waiting for a bank (open ones). */
export async function refreshMatchesForProduct(db: Executor, productId: number, today: string): Promise<number> {
  const [row] = await db.select().from(creditProducts).where(eq(creditProducts.id, productId));
  await db.delete(needMatches).where(eq(needMatches.productId, productId));
  if (!row) return 0;
  const product = productFacts(row);
  const needs = await db.select().from(financingNeeds).where(eq(financingNeeds.status, "open"));
  const facts = await loadEnterpriseFacts(
    db,
    needs.map((n) => n.enterpriseId),
  );
  const lineBanks = await loadLineBanks(db, today);
  const rows: MatchRow[] = [];
  for (const n of needs) {
    const e = facts.get(n.enterpriseId);
    if (!e) continue;
    const m = matchProduct(product, needFacts(n), e, contextFor(e, lineBanks, today), false);
    if (m.eligible) rows.push({ needId: n.id, productId: product.id, bankId: product.bankId, score: m.score });
  }
  await insertMatches(db, rows);
  return rows.length;
}
